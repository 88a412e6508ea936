# pubfin: PostgreSQL extension for public-finance analytics (PGXS).
#
#   make            build            make install      install (needs root)
#   make test       build, install, run pg_regress and pgTAP in a throwaway cluster
#   make demo       build, install, run the demo in a throwaway cluster
#   make bench      run the benchmarks in bench/ in a throwaway cluster
#   make installcheck   pg_regress against a running server (PGXS convention)

EXTENSION = pubfin
# The version is written once, in META.json.
EXTVERSION := $(shell sed -n 's/^   "version": *"\([^"]*\)".*/\1/p' META.json)

MODULE_big = pubfin
OBJS = $(patsubst %.c,%.o,$(sort $(wildcard src/*.c)))

# The install script is assembled from one fragment per topic (sql/install/NN_topic.sql).
INSTALL_PARTS = $(sort $(wildcard sql/install/*.sql))
DATA_built = sql/$(EXTENSION)--$(EXTVERSION).sql
DATA = $(wildcard sql/$(EXTENSION)--*--*.sql)
EXTRA_CLEAN = $(EXTENSION).control

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

$(EXTENSION).control: $(EXTENSION).control.in META.json
	sed 's/@EXTVERSION@/$(EXTVERSION)/' $< > $@

$(DATA_built): $(INSTALL_PARTS) META.json
	{ echo '-- pubfin $(EXTVERSION) install script, assembled from sql/install/*.sql'; \
	  printf '%s\n' '\echo Use "CREATE EXTENSION pubfin" to load this file. \quit'; \
	  for f in $(INSTALL_PARTS); do echo; echo "-- from $$f"; cat $$f; done; } > $@

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
	cd dashboard && npm ci --no-audit --no-fund && npm run build
