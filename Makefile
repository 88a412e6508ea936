# pubfin: PostgreSQL extension for public-finance analytics (PGXS).
#
#   make            build            make install      install (needs root)
#   make test       build, install, run pg_regress and pgTAP in a throwaway cluster
#   make demo       build, install, run the demo in a throwaway cluster
#   make bench      run the benchmarks in bench/ in a throwaway cluster
#   make installcheck   pg_regress against a running server (PGXS convention)
#   make freeze     release the current version: write sql/pubfin--VERSION.sql (doc/install.md)
#   make dist       PGXN zip of the tagged tree      make deb    the Debian package

EXTENSION = pubfin
# The version is written once, in META.json.
EXTVERSION := $(shell sed -n 's/^   "version": *"\([^"]*\)".*/\1/p' META.json)

MODULE_big = pubfin
OBJS = $(patsubst %.c,%.o,$(sort $(wildcard src/*.c)))
# the SCDL and budget loaders for the shell, installed next to PostgreSQL's programs
SCRIPTS = bin/pubfin-load-scdl bin/pubfin-load-budget

# The install script is assembled from one fragment per topic (sql/install/NN_topic.sql).
# Released versions (doc/install.md, "Versions and upgrades"):
#   - the install script of each released version is committed as sql/pubfin--V.sql,
#     written once by `make freeze` (its first line says so) and never edited again;
#   - every later change ships as sql/pubfin--A--B.sql, the update from A to B;
#   - the version in META.json is the one being built: while it is not released its
#     script is assembled into build/; once released, the fragments must assemble to
#     exactly the frozen script (check-frozen, run by `make`), so a change after a
#     release cannot go unnoticed: it needs a new version and an update script.
INSTALL_PARTS = $(sort $(wildcard sql/install/*.sql))
FROZEN_MARK = install script, released
RELEASED := $(shell grep -l '^-- $(EXTENSION) [^ ]* $(FROZEN_MARK)' sql/$(EXTENSION)--*.sql 2>/dev/null)
UPDATES := $(wildcard sql/$(EXTENSION)--*--*.sql)
ASSEMBLED = build/$(EXTENSION)--$(EXTVERSION).sql
FROZEN_CURRENT = $(filter sql/$(EXTENSION)--$(EXTVERSION).sql,$(RELEASED))
ifeq ($(FROZEN_CURRENT),)
DATA_built = $(ASSEMBLED)
endif
DATA = $(filter-out $(UPDATES),$(RELEASED)) $(UPDATES)
EXTRA_CLEAN = $(EXTENSION).control build

# pg_regress: sql/setup.sql runs first, then every other sql/TOPIC.sql.
REGRESS_FILES = $(filter-out sql/$(EXTENSION)--%,$(wildcard sql/*.sql))
REGRESS = setup $(sort $(filter-out setup,$(patsubst sql/%.sql,%,$(REGRESS_FILES))))

PG_CPPFLAGS = -Isrc -DPUBFIN_VERSION='"$(EXTVERSION)"'
PG_CFLAGS = -Wall -Wextra -Werror -Wno-unused-parameter -Wno-missing-field-initializers

PG_CONFIG ?= pg_config
PGXS := $(shell $(PG_CONFIG) --pgxs 2>/dev/null)
PG_MAJOR := $(shell $(PG_CONFIG) --version 2>/dev/null | sed 's/^PostgreSQL \([0-9]*\).*/\1/')
ifeq ($(PG_MAJOR),)
PG_MAJOR := 15
endif

ifneq ($(wildcard $(PGXS)),)
include $(PGXS)
else
all install installcheck:
	@echo "PostgreSQL server headers not found: run 'make deps' (Debian: postgresql-server-dev-$(PG_MAJOR))" >&2; exit 1
endif

all: $(EXTENSION).control

# pubfin_version() is compiled in: rebuild it when the version changes.
src/pubfin.o: META.json
ifneq ($(FROZEN_CURRENT),)
all: check-frozen
endif

$(EXTENSION).control: $(EXTENSION).control.in META.json
	sed 's/@EXTVERSION@/$(EXTVERSION)/' $< > $@

$(ASSEMBLED): $(INSTALL_PARTS) META.json
	@mkdir -p build
	{ echo '-- pubfin $(EXTVERSION) install script, assembled from sql/install/*.sql'; \
	  printf '%s\n' '\echo Use "CREATE EXTENSION pubfin" to load this file. \quit'; \
	  for f in $(INSTALL_PARTS); do echo; echo "-- from $$f"; cat $$f; done; } > $@

# Release the version of META.json: its install script becomes sql/pubfin--VERSION.sql,
# to be committed (and tagged vVERSION).  Refuses to change a script already released.
.PHONY: freeze check-frozen
freeze: $(ASSEMBLED)
	@f=sql/$(EXTENSION)--$(EXTVERSION).sql; \
	if [ -e $$f ] && grep -q '^-- $(EXTENSION) [^ ]* $(FROZEN_MARK)' $$f; then \
	  if [ "$$(tail -n +2 $(ASSEMBLED) | md5sum)" = "$$(tail -n +2 $$f | md5sum)" ]; then \
	    echo "$$f: $(EXTVERSION) is already released with these fragments"; exit 0; fi; \
	  echo "$$f: $(EXTVERSION) is already released and sql/install/ differs from it:" >&2; \
	  echo "  set a new version in META.json and write sql/$(EXTENSION)--$(EXTVERSION)--NEW.sql" >&2; exit 1; \
	fi; \
	{ echo '-- $(EXTENSION) $(EXTVERSION) $(FROZEN_MARK): never edit; later changes ship as sql/$(EXTENSION)--$(EXTVERSION)--NEXT.sql'; \
	  tail -n +2 $(ASSEMBLED); } > $$f; \
	echo "$$f written: commit it, then tag v$(EXTVERSION) (git tag -a v$(EXTVERSION) -m 'pubfin $(EXTVERSION)')"

# The fragments must assemble to exactly the released script of the same version.
check-frozen: $(ASSEMBLED)
	@if [ "$$(tail -n +2 $(ASSEMBLED) | md5sum)" != "$$(tail -n +2 $(FROZEN_CURRENT) | md5sum)" ]; then \
	  echo "sql/install/ differs from $(FROZEN_CURRENT), the released $(EXTVERSION):" >&2; \
	  diff -u $(FROZEN_CURRENT) $(ASSEMBLED) | head -40 >&2; \
	  echo "A released version never changes: set a new version in META.json and write" >&2; \
	  echo "sql/$(EXTENSION)--$(EXTVERSION)--NEW.sql with the same change (doc/install.md)." >&2; \
	  exit 1; \
	fi

# ---- release: the Debian package and the PGXN distribution (doc/install.md) ----
# Both are made from a committed tree: the tag vVERSION when it exists, else HEAD
# (RELEASE_REF=... to choose).  Files marked export-ignore in .gitattributes stay out.
RELEASE_REF ?= $(shell git rev-parse -q --verify refs/tags/v$(EXTVERSION) >/dev/null && echo v$(EXTVERSION) || echo HEAD)
DEB_BUILD_TOOLS = dpkg-dev devscripts fakeroot lintian
.PHONY: deb dist
#   make deb     build/deb/postgresql-PG-pubfin_VERSION-N_ARCH.deb with dpkg-buildpackage
#                (pg_buildext, one package per PostgreSQL version of debian/pgversions;
#                the build runs pg_regress against the built package), then lintian
deb:
	@v=$$(sed -n '1s/^pubfin (\(.*\)).*/\1/p' debian/changelog); case "$$v" in $(EXTVERSION)-*) ;; \
	  *) echo "debian/changelog is at $$v, META.json at $(EXTVERSION): add an entry (dch -v $(EXTVERSION)-1)" >&2; exit 1 ;; esac
	@missing=""; for p in $(DEB_BUILD_TOOLS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	fi
	rm -rf build/deb && mkdir -p build/deb
	git archive --format=tar --prefix=pubfin-$(EXTVERSION)/ $(RELEASE_REF) | gzip -n > build/deb/pubfin_$(EXTVERSION).orig.tar.gz
	tar -xzf build/deb/pubfin_$(EXTVERSION).orig.tar.gz -C build/deb
	mkdir -p build/deb/pubfin-$(EXTVERSION)/debian && git archive --format=tar $(RELEASE_REF):debian | tar -xf - -C build/deb/pubfin-$(EXTVERSION)/debian
	@# the Build-Depends of debian/control, when missing
	cd build/deb/pubfin-$(EXTVERSION) && { dpkg-checkbuilddeps >/dev/null 2>&1 || \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get build-dep -y -qq --no-install-recommends ./ ; }
	cd build/deb/pubfin-$(EXTVERSION) && dpkg-buildpackage -us -uc -rfakeroot
	cd build/deb && lintian --info --display-info --pedantic *.changes || true
	@ls build/deb/*.deb

#   make dist    pubfin-VERSION.zip for PGXN: git archive of RELEASE_REF, prefix pubfin-VERSION/
dist:
	@git rev-parse -q --verify refs/tags/v$(EXTVERSION) >/dev/null || \
	  echo "note: no tag v$(EXTVERSION) yet: the zip is made from $(RELEASE_REF)" >&2
	@git show $(RELEASE_REF):sql/$(EXTENSION)--$(EXTVERSION).sql 2>/dev/null | grep -q '^-- $(EXTENSION) [^ ]* $(FROZEN_MARK)' || \
	  { echo "$(EXTVERSION) is not released in $(RELEASE_REF): make freeze, commit sql/$(EXTENSION)--$(EXTVERSION).sql and tag v$(EXTVERSION) first (doc/install.md)" >&2; exit 1; }
	git archive --format=zip --prefix=$(EXTENSION)-$(EXTVERSION)/ -o $(EXTENSION)-$(EXTVERSION).zip $(RELEASE_REF)
	test/meta_validate.py --zip $(EXTENSION)-$(EXTVERSION).zip

# Debian packages needed to build, test and run the demo.
DEB_PACKAGES = postgresql-$(PG_MAJOR) postgresql-server-dev-$(PG_MAJOR) postgresql-$(PG_MAJOR)-pgtap libtap-parser-sourcehandler-pgtap-perl
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: deps test demo bench check-install
deps:
	@missing=""; for p in $(DEB_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi

# Build and install with the headers that 'deps' may just have installed.
check-install: deps
	$(MAKE) all
	$(SUDO) $(MAKE) install

test: check-install
	pg_virtualenv -v $(PG_MAJOR) test/run.sh

demo: check-install
	pg_virtualenv -v $(PG_MAJOR) psql -X -q -v ON_ERROR_STOP=1 -P pager=off $(foreach f,$(sort $(wildcard demo/*.sql)),-f $(f))

bench: check-install
	pg_virtualenv -v $(PG_MAJOR) -o 'jit=off' bench/run.sh $(BENCH)

# Reliability (doc/reliability.md): libFuzzer harnesses for the pure-C cores,
# and the suite against a build with AddressSanitizer and UBSan.
#   make fuzz [FUZZ_SECONDS=60]   each test/fuzz/fuzz_*.c for FUZZ_SECONDS (CI: 15)
#   flock /tmp/pubfin-install.lock make test-sanitize
FUZZ_SECONDS ?= 60
EXTRA_CLEAN += test/fuzz/build
.PHONY: fuzz test-sanitize
fuzz:
	FUZZ_SECONDS=$(FUZZ_SECONDS) test/fuzz/run.sh

test-sanitize: deps
	PG_MAJOR=$(PG_MAJOR) test/sanitize/run.sh

# The reference dashboard (dashboard/, Observable Framework): a static site in
# dashboard/dist built from the database named by the PG* environment
# variables.  Installs its npm packages (pinned by package-lock.json) first.
#   PGDATABASE=mydb make dashboard
.PHONY: dashboard
dashboard:
	@command -v npm >/dev/null && node -e 'process.exit(+process.versions.node.split(".")[0] >= 18 ? 0 : 1)' || \
	  { echo "make dashboard needs node 18 or later and npm (Debian 12: apt-get install npm)" >&2; exit 1; }
	cd dashboard && npm ci --no-audit --no-fund && npm run build
