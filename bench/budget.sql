-- Benchmark: load_budget on 1,000 TOTEM documents made by scaling a real one
-- (Crac'h CA 2021, 196 lines and 36 CONCOURS entries, from
-- ../shared/data/budget; the synthetic fixture of the tests when the data is
-- absent): document k has every amount multiplied by k, so each one is a
-- different file that still balances.  Against a plain COPY of the same
-- lines into an all-text table, in the same run.  Then the checks
-- (budget_document_issues) over the 1,000 documents.  First, the load of one
-- 1,450-line CA (Montreuil 2021) when the data is present.
SET jit = off;
SET max_parallel_workers_per_gather = 0;
SET search_path = public, pubfin;
SET client_min_messages = warning;
\set documents 1000

\set real_ca ../shared/data/budget/totem/crach-21560046100010_CA2021_budget-principal.totem.xml
\set big_ca ../shared/data/budget/totem/montreuil-21930048000015_CA2021_budget-principal.totem.xml
\set has_data `test -f ../shared/data/budget/totem/crach-21560046100010_CA2021_budget-principal.totem.xml && echo true || echo false`
\if :has_data
\set ca `base64 -w0 < ../shared/data/budget/totem/crach-21560046100010_CA2021_budget-principal.totem.xml`
\echo 'scaling Crac''h CA 2021 (196 lines)'
\else
\set ca `base64 -w0 < test/fixtures/budget/essai-21990000800018_CA2021.totem.xml`
\echo 'real data absent: scaling the synthetic fixture CA (10 lines)'
\endif

-- the document cut at its amounts (numbers with two decimals written as an attribute value)
CREATE TABLE bench_budget_source AS
SELECT convert_from(decode(:'ca', 'base64'), 'LATIN1') AS doc;
CREATE TABLE bench_budget_parts AS
WITH s AS (SELECT regexp_split_to_array(doc, '-?\d+\.\d\d(?=")') AS parts,
                  ARRAY(SELECT m[1] FROM regexp_matches(doc, '(-?\d+\.\d\d)(?=")', 'g') m) AS nums
             FROM bench_budget_source)
SELECT i, s.parts[i] AS part, s.nums[i] AS num FROM s, generate_subscripts(s.parts, 1) i;
-- document k: every amount times k
CREATE TABLE bench_budget_docs AS
SELECT k, format('bench-%s.xml', k) AS name,
       convert_to(string_agg(p.part || coalesce((p.num::numeric * k)::text, ''), '' ORDER BY p.i), 'LATIN1') AS content
  FROM generate_series(1, :documents) k, bench_budget_parts p
 GROUP BY k;
SELECT count(*) AS documents, pg_size_pretty(sum(length(content))) AS bytes FROM bench_budget_docs;

-- no autovacuum on the tables the runs truncate: a TRUNCATE would wait for it inside the timing
DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['budget_document', 'budget_document_line', 'budget_concours', 'budget_reject',
                             'subsidy', 'decision', 'organization'] LOOP
        EXECUTE format('ALTER TABLE pubfin.%I SET (autovacuum_enabled = false)', t);
    END LOOP;
END $$;
CREATE FUNCTION bench.budget_reset() RETURNS void LANGUAGE sql AS $$
    TRUNCATE pubfin.budget_document, pubfin.budget_document_line, pubfin.budget_concours, pubfin.budget_reject,
             pubfin.subsidy, pubfin.decision, pubfin.organization RESTART IDENTITY CASCADE
$$;

-- one large CA, first, into empty tables
\set has_big `test -f ../shared/data/budget/totem/montreuil-21930048000015_CA2021_budget-principal.totem.xml && echo true || echo false`
\if :has_big
\set big `base64 -w0 < ../shared/data/budget/totem/montreuil-21930048000015_CA2021_budget-principal.totem.xml`
CREATE TABLE bench_budget_big AS SELECT decode(:'big', 'base64') AS content;
SELECT bench.time('budget_big', 'load_budget: Montreuil CA 2021 (1,450 lines, 300 CONCOURS entries, 3.7 MB)',
                  $$SELECT bench.budget_reset(); SELECT count(*) FROM bench_budget_big b, LATERAL load_budget(b.content, 'montreuil.xml') l$$, 5, true);
SELECT lines, rejected FROM budget_document;
SELECT label, median_ms FROM bench.report('budget_big', 'none');
\else
\echo 'Montreuil CA 2021 absent: large-document timing skipped'
\endif

-- the baseline: the same lines, one text column per value, through COPY
SELECT bench.budget_reset();
SELECT count(*) FROM bench_budget_docs d, LATERAL load_budget(d.content, d.name) l;
COPY (SELECT l.document_id, l.line_no, l.account, l.chapter, l.function_code, l.operation, l.direction, l.is_order,
             l.order_kind, l.planned, l.previous_budget, l.rar_previous, l.proposed, l.credits, l.realised, l.rar_year_end,
             l.specific, l.extra
        FROM budget_document_line l) TO '/tmp/pubfin_bench_budget.csv' WITH (FORMAT csv);
SELECT count(*) AS lines FROM budget_document_line \gset
CREATE UNLOGGED TABLE bench_budget_copy (c1 text, c2 text, c3 text, c4 text, c5 text, c6 text, c7 text, c8 text, c9 text,
                                         c10 text, c11 text, c12 text, c13 text, c14 text, c15 text, c16 text, c17 text, c18 text);

\echo 'loading' :documents 'documents,' :lines 'lines'
SELECT bench.time('budget', 'COPY of the same lines into an all-text table',
                  $$TRUNCATE bench_budget_copy; COPY bench_budget_copy FROM '/tmp/pubfin_bench_budget.csv' WITH (FORMAT csv)$$, 3, false);
SELECT bench.time('budget', 'load_budget, 1,000 documents into empty tables',
                  $$SELECT bench.budget_reset(); SELECT count(*) FROM bench_budget_docs d, LATERAL load_budget(d.content, d.name) l$$, 3, false);
SELECT bench.time('budget', 'load_budget again: every document unchanged',
                  $$SELECT count(*) FROM bench_budget_docs d, LATERAL load_budget(d.content, d.name) l$$, 3, false);
SELECT bench.time('budget', 'checks: budget_document_issues over 1,000 documents',
                  $$SELECT count(*) FROM budget_document_issues$$, 3, true);
SELECT bench.time('budget', 'views: budget_by_section over 1,000 documents',
                  $$SELECT count(*) FROM budget_by_section$$, 3, true);
SELECT count(*) AS documents, sum(lines) AS lines, sum(rejected) AS rejected FROM budget_document;
SELECT rule_code, count(*) FROM budget_document_issues GROUP BY 1 ORDER BY 1;

SELECT label, median_ms, ratio, round(:lines / (median_ms / 1000)) AS lines_per_s
  FROM bench.report('budget', 'COPY of the same lines into an all-text table');

