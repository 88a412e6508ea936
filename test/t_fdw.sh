#!/usr/bin/env bash
# Multi-node test: declarative partitions on postgres_fdw servers with
# partitionwise aggregation.  Run by test/run.sh inside pg_virtualenv (the PG*
# variables name the coordinator).  Starts two more PostgreSQL instances on
# free loopback ports (data and sockets in a temporary directory), installs
# pubfin in each, creates on the coordinator a table partitioned by fiscal
# year whose partitions are foreign tables on the two nodes (servers with
# OPTIONS (extensions 'pubfin')), loads data, and checks that:
#   - with enable_partitionwise_aggregate = on, EXPLAIN (VERBOSE) shows every
#     foreign partition's Remote SQL carrying pubfin.sum (and
#     pubfin.history_agg when the extension has it): the aggregates run on
#     the nodes;
#   - the check itself fails on a plan that aggregates locally (partitionwise
#     aggregation off);
#   - the results equal the same queries over a local copy of the data.
# The instances are stopped on exit, also on failure.  Exit 0 = pass.
set -u -o pipefail
cd "$(dirname "$0")/.."

PG_CONFIG=${PG_CONFIG:-pg_config}
bindir=$("$PG_CONFIG" --bindir)
coord_db=pubfin_fdw
nodes=2
years=(2020 2021 2022 2023)       # partition i lives on node (i % 2) + 1
rows=40000

fail() { echo "t_fdw: FAIL: $*" >&2; exit 1; }
note() { echo "t_fdw: $*"; }

# The instances run as postgres when we are root (as the pg_virtualenv cluster does).
if [ "$(id -u)" = 0 ]; then
  as_owner() { runuser -u postgres -- "$@"; }
else
  as_owner() { "$@"; }
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/pubfin-fdw.XXXXXX") || fail "mktemp"
[ "$(id -u)" = 0 ] && chown postgres: "$tmp"
started=()

# Stop the instances and remove their files, whatever happened.
cleanup() {
  local d
  for d in "${started[@]}"; do
    as_owner "$bindir/pg_ctl" -D "$d" -m immediate -w stop >/dev/null 2>&1
  done
  dropdb --if-exists "$coord_db" >/dev/null 2>&1
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

# A loopback port that nothing listens on.
free_port() {
  local p
  for p in $(shuf -i 20000-60000 -n 200); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null && [ ! -e "$tmp/.s.PGSQL.$p" ]; then
      echo "$p"; return 0
    fi
  done
  return 1
}

# Start node n on a free port (retrying if the port is taken meanwhile); sets port[n].
declare -A port
start_node() {
  local n=$1 d="$tmp/node$1" p try
  as_owner "$bindir/initdb" -D "$d" -U postgres --auth=trust -E UTF8 --no-sync >"$tmp/initdb$n.log" 2>&1 \
    || { cat "$tmp/initdb$n.log" >&2; fail "initdb node$n"; }
  for try in 1 2 3 4 5; do
    p=$(free_port) || fail "no free port"
    if as_owner "$bindir/pg_ctl" -D "$d" -l "$tmp/node$n.log" -w -t 60 \
         -o "-p $p -k $tmp -c listen_addresses=127.0.0.1 -c shared_buffers=16MB -c max_connections=20 -c fsync=off -c max_parallel_workers_per_gather=0" \
         start >/dev/null 2>&1; then
      started+=("$d"); port[$n]=$p; return 0
    fi
  done
  cat "$tmp/node$n.log" >&2
  fail "cannot start node$n"
}

# psql on node n (as postgres over its socket) or on the coordinator database.
node_sql() { local n=$1; shift; psql -X -q -v ON_ERROR_STOP=1 -h "$tmp" -p "${port[$n]}" -U postgres -d postgres "$@"; }
coord_sql() { psql -X -q -v ON_ERROR_STOP=1 -d "$coord_db" "$@"; }

for n in $(seq 1 $nodes); do
  start_node "$n"
  note "node$n listening on 127.0.0.1:${port[$n]}"
done

# The nodes: pubfin and one plain table per fiscal year they host.
for n in $(seq 1 $nodes); do
  node_sql "$n" -c 'CREATE EXTENSION pubfin' || fail "CREATE EXTENSION pubfin on node$n"
  for i in "${!years[@]}"; do
    [ $(( i % nodes + 1 )) -eq "$n" ] || continue
    y=${years[$i]}
    node_sql "$n" -c "CREATE TABLE public.grants_$y (
        fiscal_year int NOT NULL CHECK (fiscal_year = $y),
        beneficiary int NOT NULL,
        amount pubfin.amount NOT NULL)" || fail "create grants_$y on node$n"
  done
done

# The coordinator: a fresh database, one postgres_fdw server per node, the partitioned table.
dropdb --if-exists "$coord_db" >/dev/null 2>&1
createdb "$coord_db" || fail "createdb $coord_db"
coord_sql -c 'CREATE EXTENSION pubfin' -c 'CREATE EXTENSION postgres_fdw' || fail "extensions on the coordinator"
has_history=$(coord_sql -At -c "SELECT to_regprocedure('pubfin.history_agg(integer, pubfin.amount)') IS NOT NULL")
ddl="CREATE TABLE grants (fiscal_year int NOT NULL, beneficiary int NOT NULL, amount pubfin.amount NOT NULL)
       PARTITION BY LIST (fiscal_year);"
for n in $(seq 1 $nodes); do
  ddl+="
    CREATE SERVER node$n FOREIGN DATA WRAPPER postgres_fdw
      OPTIONS (host '127.0.0.1', port '${port[$n]}', dbname 'postgres',
               extensions 'pubfin', fetch_size '10000', batch_size '500');
    CREATE USER MAPPING FOR CURRENT_USER SERVER node$n OPTIONS (user 'postgres');"
done
for i in "${!years[@]}"; do
  y=${years[$i]}
  ddl+="
    CREATE FOREIGN TABLE grants_$y PARTITION OF grants FOR VALUES IN ($y)
      SERVER node$(( i % nodes + 1 )) OPTIONS (schema_name 'public', table_name 'grants_$y');"
done
coord_sql -c "$ddl" || fail "coordinator DDL"

# The data: generated once into a local table, then copied through the foreign partitions.
coord_sql -c "SELECT setseed(0.17);
  CREATE TABLE grants_local AS
  SELECT 2020 + floor(random() * 4)::int AS fiscal_year,
         (random() * 150)::int AS beneficiary,
         round(((random() - 0.1) * 200000)::numeric, 2)::pubfin.amount AS amount
    FROM generate_series(1, $rows);
  INSERT INTO grants SELECT * FROM grants_local;
  ANALYZE grants_local;" >/dev/null || fail "loading data"
for i in "${!years[@]}"; do
  y=${years[$i]}; n=$(( i % nodes + 1 ))
  node_sql "$n" -c "ANALYZE public.grants_$y" || fail "analyze grants_$y"
  c=$(node_sql "$n" -At -c "SELECT count(*) FROM public.grants_$y")
  note "node$n holds grants_$y: $c rows"
  [ "${c:-0}" -gt 0 ] || fail "grants_$y is empty on node$n"
done

# The queries, each run over the partitioned foreign table and over the local copy.
# Aggregation is complete within a partition when it groups by fiscal_year,
# the partition key: postgres_fdw (PostgreSQL 13-17) pushes down only complete
# aggregation, so a grand total is a sum of per-year sums.
declare -a queries labels
labels+=("sum by year");             queries+=("SELECT fiscal_year, pubfin.sum(amount), count(*) FROM %T GROUP BY fiscal_year")
labels+=("sum, avg, min, max by year and beneficiary")
queries+=("SELECT fiscal_year, beneficiary, pubfin.sum(amount), pubfin.avg(amount), pubfin.min(amount), pubfin.max(amount)
             FROM %T GROUP BY fiscal_year, beneficiary")
labels+=("grand total from per-year sums")
queries+=("SELECT pubfin.sum(s) FROM (SELECT fiscal_year, pubfin.sum(amount) AS s FROM %T GROUP BY fiscal_year) y")
pushed=("pubfin.sum(" "pubfin.sum(" "pubfin.sum(")
if [ "$has_history" = t ]; then
  labels+=("history_agg by year and beneficiary, history_sum on the coordinator")
  queries+=("SELECT beneficiary, pubfin.history_sum(h)::text
               FROM (SELECT fiscal_year, beneficiary, pubfin.history_agg(fiscal_year, amount) AS h
                       FROM %T GROUP BY fiscal_year, beneficiary) y GROUP BY beneficiary")
  pushed+=("pubfin.history_agg(")
else
  note "pubfin.history_agg is not in this build: its pushdown check is pending"
fi

settings="SET enable_partitionwise_aggregate = on; SET search_path = public;"

# Pushdown check on one plan: every foreign partition's Remote SQL carries the aggregate.
plan_pushes_down() { # plan-file aggregate-prefix
  local total with
  total=$(grep -c 'Remote SQL:' "$1")
  with=$(grep 'Remote SQL:' "$1" | grep -cF "$2")
  [ "$total" -eq "${#years[@]}" ] && [ "$with" -eq "$total" ] && grep -q 'GROUP BY' "$1"
}

status=0
for k in "${!queries[@]}"; do
  q_fdw=${queries[$k]//%T/grants}
  q_local=${queries[$k]//%T/grants_local}
  plan="$tmp/plan$k.txt"
  coord_sql -c "$settings" -c "EXPLAIN (VERBOSE, COSTS OFF) $q_fdw" > "$plan" || fail "EXPLAIN ${labels[$k]}"
  if plan_pushes_down "$plan" "${pushed[$k]}"; then
    note "pushed down: ${labels[$k]}"
  else
    echo "t_fdw: NOT pushed down: ${labels[$k]}" >&2; cat "$plan" >&2; status=1
  fi
  if [ "$k" -eq 0 ] || [ "${pushed[$k]}" = "pubfin.history_agg(" ]; then sed 's/^/    /' "$plan"; fi
  # The same check must reject a plan that aggregates on the coordinator.
  coord_sql -c "SET enable_partitionwise_aggregate = off; SET search_path = public;" \
            -c "EXPLAIN (VERBOSE, COSTS OFF) $q_fdw" > "$plan.off" || fail "EXPLAIN (off) ${labels[$k]}"
  if plan_pushes_down "$plan.off" "${pushed[$k]}"; then
    echo "t_fdw: the pushdown check accepts a local aggregation plan: ${labels[$k]}" >&2; cat "$plan.off" >&2; status=1
  else
    note "control: with enable_partitionwise_aggregate = off the check rejects the plan"
  fi
  # Results: identical to the local copy, row for row (both sorted), and not empty.
  coord_sql -At -c "$settings" -c "$q_fdw" > "$tmp/fdw.raw" 2>&1 || { cat "$tmp/fdw.raw" >&2; fail "query ${labels[$k]}"; }
  coord_sql -At -c "$q_local" > "$tmp/local.raw" 2>&1 || { cat "$tmp/local.raw" >&2; fail "local query ${labels[$k]}"; }
  LC_ALL=C sort "$tmp/fdw.raw" > "$tmp/fdw$k.txt"
  LC_ALL=C sort "$tmp/local.raw" > "$tmp/local$k.txt"
  if [ ! -s "$tmp/fdw$k.txt" ]; then
    echo "t_fdw: empty result: ${labels[$k]}" >&2; status=1
  elif cmp -s "$tmp/fdw$k.txt" "$tmp/local$k.txt"; then
    note "same result as the local copy ($(wc -l < "$tmp/fdw$k.txt") rows): ${labels[$k]}"
  else
    echo "t_fdw: results differ from the local copy: ${labels[$k]}" >&2
    diff "$tmp/local$k.txt" "$tmp/fdw$k.txt" | head -20 >&2; status=1
  fi
done
note "sum by year over the nodes:"; sed 's/^/    /' "$tmp/fdw0.txt"

# For the record: an aggregate that is not complete within a partition is not
# shipped (postgres_fdw does not push down partial aggregation).
note "for the record, a plain total over the partitions:"
coord_sql -c "$settings" -c "EXPLAIN (VERBOSE, COSTS OFF) SELECT pubfin.sum(amount) FROM grants" \
  | grep -E 'Aggregate|Remote SQL' | sed 's/^/    /'

exit $status
