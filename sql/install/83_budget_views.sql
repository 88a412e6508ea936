-- ===========================================================================
-- budget document views for analysts and dashboards: standard types with
-- declared sizes only (numeric(20,2), integer, bigint, text, date).
-- ===========================================================================

CREATE VIEW @extschema@.budget_by_section AS
SELECT a.document_id,
       a.budget_siret,
       d.budget_name,
       a.year,
       a.stage,
       d.dm_number,
       a.section,
       a.direction,
       a.operation_kind,
       sum(a.voted)::numeric(20,2) AS voted,
       sum(a.realised)::numeric(20,2) AS realised,
       count(*)::integer AS lines
  FROM @extschema@.budget_document_amounts a
  JOIN @extschema@.budget_document d ON d.id = a.document_id
 GROUP BY a.document_id, a.budget_siret, d.budget_name, a.year, a.stage, d.dm_number, a.section, a.direction, a.operation_kind;
COMMENT ON VIEW @extschema@.budget_by_section IS 'Each budget document by section, direction and kind of operation (real, order): credits voted and realised';

CREATE VIEW @extschema@.budget_by_chapter AS
SELECT a.document_id,
       a.budget_siret,
       a.year,
       a.stage,
       a.section,
       a.direction,
       a.chapter,
       (SELECT c.label FROM @extschema@.account_chapter c
         WHERE c.chart_id = d.chart_id AND c.vote = 'nature' AND c.code = a.chapter) AS chapter_label,
       sum(a.voted)::numeric(20,2) AS voted,
       sum(a.realised)::numeric(20,2) AS realised,
       count(*)::integer AS lines
  FROM @extschema@.budget_document_amounts a
  JOIN @extschema@.budget_document d ON d.id = a.document_id
 GROUP BY a.document_id, a.budget_siret, a.year, a.stage, a.section, a.direction, a.chapter, d.chart_id;
COMMENT ON VIEW @extschema@.budget_by_chapter IS 'Each budget document by section, direction and chapter (label from its chart of accounts): credits voted and realised';

CREATE VIEW @extschema@.budget_by_function AS
SELECT a.document_id,
       a.budget_siret,
       a.year,
       a.stage,
       a.section,
       a.direction,
       a.function_code,
       (SELECT f.label FROM @extschema@.account_function f
         WHERE f.chart_id = d.chart_id AND f.code = a.function_code) AS function_label,
       sum(a.voted)::numeric(20,2) AS voted,
       sum(a.realised)::numeric(20,2) AS realised,
       count(*)::integer AS lines
  FROM @extschema@.budget_document_amounts a
  JOIN @extschema@.budget_document d ON d.id = a.document_id
 WHERE a.function_code IS NOT NULL
 GROUP BY a.document_id, a.budget_siret, a.year, a.stage, a.section, a.direction, a.function_code, d.chart_id;
COMMENT ON VIEW @extschema@.budget_by_function IS 'The lines of budget documents that carry a function code (functional presentation), by section, direction and function: credits voted and realised';

CREATE VIEW @extschema@.budget_result_chain AS
WITH sums AS (
    SELECT a.document_id,
           sum(a.realised) FILTER (WHERE a.section = 'operating' AND a.direction = 'receipt') AS f_r,
           sum(a.realised) FILTER (WHERE a.section = 'operating' AND a.direction = 'expense') AS f_d,
           sum(a.realised) FILTER (WHERE a.section = 'investment' AND a.direction = 'receipt') AS i_r,
           sum(a.realised) FILTER (WHERE a.section = 'investment' AND a.direction = 'expense') AS i_d,
           sum(a.rar_year_end) FILTER (WHERE a.direction = 'receipt') AS rar_end_r,
           sum(a.rar_year_end) FILTER (WHERE a.direction = 'expense') AS rar_end_d,
           sum(a.rar_previous) FILTER (WHERE a.direction = 'receipt') AS rar_prev_r,
           sum(a.rar_previous) FILTER (WHERE a.direction = 'expense') AS rar_prev_d,
           sum(a.voted) FILTER (WHERE a.account = '002' AND a.direction = 'receipt') AS c002_r,
           sum(a.voted) FILTER (WHERE a.account = '002' AND a.direction = 'expense') AS c002_d,
           sum(a.voted) FILTER (WHERE a.account = '1068' AND a.direction = 'receipt') AS c1068,
           sum(a.voted) FILTER (WHERE a.account = '001' AND a.direction = 'receipt') AS c001_r,
           sum(a.voted) FILTER (WHERE a.account = '001' AND a.direction = 'expense') AS c001_d,
           count(*) FILTER (WHERE a.account IN ('001', '002', '1068')) AS carry_lines
      FROM @extschema@.budget_document_amounts a
     GROUP BY a.document_id
), chain AS (
    -- the next year's document that takes over the results: as in budget_document_issues
    SELECT DISTINCT ON (ca.id) ca.id AS ca_id, nx.id AS next_id
      FROM @extschema@.budget_document ca
      LEFT JOIN @extschema@.budget_document nx
        ON nx.budget_siret = ca.budget_siret AND nx.year = ca.year + 1 AND nx.stage IN ('BP', 'BS')
      LEFT JOIN sums np ON np.document_id = nx.id
     WHERE ca.stage IN ('CA', 'CFU')
     ORDER BY ca.id, coalesce(np.carry_lines, 0) > 0 DESC, nx.format = ca.format DESC, nx.stage = 'BP' DESC,
              nx.loaded_at DESC, nx.id DESC
)
SELECT ca.budget_siret::text AS budget_siret,
       ca.budget_name,
       ca.year,
       ca.id AS document_id,
       ca.stage::text AS stage,
       (coalesce(s.f_r, 0) - coalesce(s.f_d, 0))::numeric(20,2) AS operating_result,
       (coalesce(s.i_r, 0) - coalesce(s.i_d, 0))::numeric(20,2) AS investment_result,
       coalesce(s.rar_end_r, 0)::numeric(20,2) AS rar_receipts,
       coalesce(s.rar_end_d, 0)::numeric(20,2) AS rar_expenses,
       nx.id AS next_document_id,
       nx.stage::text AS next_stage,
       (coalesce(n.c002_r, 0) - coalesce(n.c002_d, 0))::numeric(20,2) AS next_002,
       coalesce(n.c1068, 0)::numeric(20,2) AS next_1068,
       (coalesce(n.c001_r, 0) - coalesce(n.c001_d, 0))::numeric(20,2) AS next_001,
       coalesce(n.rar_prev_r, 0)::numeric(20,2) AS next_rar_receipts,
       coalesce(n.rar_prev_d, 0)::numeric(20,2) AS next_rar_expenses,
       ((coalesce(s.f_r, 0) - coalesce(s.f_d, 0))
        - (coalesce(n.c002_r, 0) - coalesce(n.c002_d, 0) + coalesce(n.c1068, 0)))::numeric(20,2) AS operating_gap,
       ((coalesce(s.i_r, 0) - coalesce(s.i_d, 0)) - (coalesce(n.c001_r, 0) - coalesce(n.c001_d, 0)))::numeric(20,2) AS investment_gap
  FROM @extschema@.budget_document ca
  JOIN chain ch ON ch.ca_id = ca.id
  JOIN sums s ON s.document_id = ca.id
  LEFT JOIN @extschema@.budget_document nx ON nx.id = ch.next_id
  LEFT JOIN sums n ON n.document_id = nx.id;
COMMENT ON VIEW @extschema@.budget_result_chain IS 'The results of each CA or CFU (realised receipts minus expenses per section, restes à réaliser at 31/12) against what the next year''s BP (else BS) of the same budget takes over: 002 + 1068 for operating, 001 for investment, restes à réaliser carried over; gaps are zero when the chain holds';

CREATE VIEW @extschema@.budget_subsidies AS
WITH concours AS (
    SELECT c.document_id, count(*) AS entries, sum(c.amount::numeric) AS total,
           count(c.subsidy_id) AS subsidies
      FROM @extschema@.budget_concours c
     GROUP BY c.document_id
), accounts AS (
    SELECT a.document_id,
           sum(a.voted) FILTER (WHERE a.account ~ '^6574[0-9]?$' AND a.direction = 'expense') AS voted,
           sum(a.realised) FILTER (WHERE a.account ~ '^6574[0-9]?$' AND a.direction = 'expense') AS realised
      FROM @extschema@.budget_document_amounts a
     GROUP BY a.document_id
)
SELECT d.id AS document_id,
       d.budget_siret::text AS budget_siret,
       d.authority_id,
       d.year,
       d.stage::text AS stage,
       coalesce(c.entries, 0)::integer AS annex_entries,
       coalesce(c.total, 0)::numeric(20,2) AS annex_total,
       coalesce(c.subsidies, 0)::integer AS annex_subsidies,
       coalesce(ac.voted, 0)::numeric(20,2) AS account_voted,
       ac.realised::numeric(20,2) AS account_realised
  FROM @extschema@.budget_document d
  LEFT JOIN concours c ON c.document_id = d.id
  LEFT JOIN accounts ac ON ac.document_id = d.id;
COMMENT ON VIEW @extschema@.budget_subsidies IS 'Each budget document''s subsidies: the CONCOURS annex (entries, total, how many became subsidies) against the operating subsidy accounts (6574, or 65741 to 65748 in M57), voted and realised';

CREATE VIEW @extschema@.budget_subsidy_reconciliation AS
WITH account AS (
    -- per authority and year, the latest loaded CA or CFU
    SELECT DISTINCT ON (d.authority_id, d.year)
           d.authority_id, d.year, d.id AS document_id, d.stage,
           (SELECT sum(a.realised) FROM @extschema@.budget_document_amounts a
             WHERE a.document_id = d.id AND a.account ~ '^6574[0-9]?$' AND a.direction = 'expense') AS realised,
           (SELECT sum(c.amount::numeric) FROM @extschema@.budget_concours c WHERE c.document_id = d.id) AS annex
      FROM @extschema@.budget_document d
     WHERE d.stage IN ('CA', 'CFU') AND d.authority_id IS NOT NULL
     ORDER BY d.authority_id, d.year, d.format = 'totem' DESC, d.loaded_at DESC, d.id DESC
), published AS (
    -- subsidies of the authority not made from a CONCOURS annex (SCDL files, typed in)
    SELECT s.funder_id, s.fiscal_year, count(*) AS awards, sum(s.amount::numeric) AS total
      FROM @extschema@.subsidy s
     WHERE NOT EXISTS (SELECT 1 FROM @extschema@.budget_concours c WHERE c.subsidy_id = s.id)
     GROUP BY s.funder_id, s.fiscal_year
)
SELECT a.authority_id,
       o.name AS authority_name,
       a.year,
       a.document_id,
       a.stage::text AS stage,
       coalesce(a.realised, 0)::numeric(20,2) AS account_realised,
       a.annex::numeric(20,2) AS annex_total,
       coalesce(p.awards, 0)::integer AS published_awards,
       coalesce(p.total, 0)::numeric(20,2) AS published_total,
       (coalesce(p.total, 0) - coalesce(a.realised, 0))::numeric(20,2) AS gap
  FROM account a
  JOIN @extschema@.organization o ON o.id = a.authority_id
  LEFT JOIN published p ON p.funder_id = a.authority_id AND p.fiscal_year = a.year;
COMMENT ON VIEW @extschema@.budget_subsidy_reconciliation IS 'For information: per authority and year, the subsidies it published (SCDL subventions and other subsidies recorded for it, not those made from its CONCOURS annex) against what its CA or CFU realised on the subsidy accounts (6574, or 6574x in M57); a gap is expected (not every subsidy is published, nor paid in its year)';

CREATE VIEW @extschema@.budget_year AS
WITH current AS (
    -- one document per budget, year and stage (the TOTEM file before the SCDL one, the latest loaded)
    SELECT DISTINCT ON (d.budget_siret, d.year, d.stage, coalesce(d.dm_number, 0)) d.*
      FROM @extschema@.budget_document d
     ORDER BY d.budget_siret, d.year, d.stage, coalesce(d.dm_number, 0), d.format = 'totem' DESC, d.loaded_at DESC, d.id DESC
), per AS (
    SELECT c.budget_siret, c.year, a.section, c.stage, c.dm_number, c.loaded_at,
           sum(a.voted) FILTER (WHERE a.direction = 'expense') AS voted_d,
           sum(a.realised) FILTER (WHERE a.direction = 'receipt') AS real_r,
           sum(a.realised) FILTER (WHERE a.direction = 'expense') AS real_d
      FROM current c
      JOIN @extschema@.budget_document_amounts a ON a.document_id = c.id
     GROUP BY c.budget_siret, c.year, a.section, c.stage, c.dm_number, c.loaded_at
)
SELECT p.budget_siret::text AS budget_siret,
       (SELECT d.budget_name FROM @extschema@.budget_document d
         WHERE d.budget_siret = p.budget_siret AND d.budget_name IS NOT NULL ORDER BY d.year DESC, d.id DESC LIMIT 1) AS budget_name,
       p.year,
       p.section::text AS section,
       count(*)::integer AS documents,
       max(p.voted_d) FILTER (WHERE p.stage = 'BP')::numeric(20,2) AS initial_budget,
       (array_agg(p.voted_d ORDER BY CASE p.stage WHEN 'CFU' THEN 5 WHEN 'CA' THEN 4 WHEN 'DM' THEN 3 WHEN 'BS' THEN 2 ELSE 1 END DESC,
                                     p.dm_number DESC NULLS LAST, p.loaded_at DESC))[1]::numeric(20,2) AS final_budget,
       max(p.real_r) FILTER (WHERE p.stage IN ('CA', 'CFU'))::numeric(20,2) AS realised_receipts,
       max(p.real_d) FILTER (WHERE p.stage IN ('CA', 'CFU'))::numeric(20,2) AS realised_expenses,
       (max(p.real_r) FILTER (WHERE p.stage IN ('CA', 'CFU'))
        - max(p.real_d) FILTER (WHERE p.stage IN ('CA', 'CFU')))::numeric(20,2) AS result
  FROM per p
 GROUP BY p.budget_siret, p.year, p.section;
COMMENT ON VIEW @extschema@.budget_year IS 'One row per budget, year and section: the initial budget (BP credits), the final one (CA/CFU open credits, else the last DM, BS or BP), realised receipts and expenses and the result of the CA or CFU; expenses side of the credits (receipts equal them in a balanced budget)';

-- Column comments shared by the budget views
DO $$
DECLARE
    c record;
BEGIN
    FOR c IN
        SELECT a.attrelid::regclass AS v, a.attname AS col, t.text
          FROM pg_catalog.pg_attribute a
          JOIN (VALUES
            ('document_id', 'The budget document (budget_document.id)'),
            ('budget_siret', 'SIRET of the budget'),
            ('budget_name', 'Name of the budget as published'),
            ('authority_id', 'The authority (organization)'),
            ('authority_name', 'Name of the authority'),
            ('year', 'Fiscal year'),
            ('stage', 'BP, BS, DM, CA or CFU'),
            ('dm_number', 'Number of a DM, when stated'),
            ('section', 'operating or investment'),
            ('direction', 'expense or receipt'),
            ('operation_kind', 'real or order'),
            ('chapter', 'Chapter code'),
            ('chapter_label', 'Label of the chapter in the document''s chart of accounts'),
            ('function_code', 'Function code'),
            ('function_label', 'Label of the function in the document''s chart of accounts'),
            ('voted', 'Credits voted (see budget_document_amounts.voted)'),
            ('realised', 'Realised (CA, CFU); NULL for other stages'),
            ('lines', 'Number of lines'),
            ('documents', 'Number of documents of the year'),
            ('operating_result', 'Realised operating receipts minus expenses'),
            ('investment_result', 'Realised investment receipts minus expenses'),
            ('rar_receipts', 'Restes à réaliser at 31/12, receipts'),
            ('rar_expenses', 'Restes à réaliser at 31/12, expenses'),
            ('next_document_id', 'The next year''s BP (else BS) of the same budget; NULL when none is loaded'),
            ('next_stage', 'Its stage'),
            ('next_002', 'Operating result it takes over (002, receipt minus expense)'),
            ('next_1068', 'Surplus it capitalises (1068)'),
            ('next_001', 'Investment result it takes over (001, receipt minus expense)'),
            ('next_rar_receipts', 'Restes à réaliser it carries over, receipts'),
            ('next_rar_expenses', 'Restes à réaliser it carries over, expenses'),
            ('operating_gap', 'Operating result minus (002 + 1068): zero when the chain holds'),
            ('investment_gap', 'Investment result minus 001: zero when the chain holds'),
            ('annex_entries', 'Entries of the CONCOURS annex'),
            ('annex_total', 'Total of the CONCOURS annex'),
            ('annex_subsidies', 'Entries recorded as subsidies'),
            ('account_voted', 'Credits voted on the subsidy accounts (6574, 6574x)'),
            ('account_realised', 'Realised on the subsidy accounts (6574, 6574x)'),
            ('published_awards', 'Subsidies of the authority for the year not made from its annex (SCDL and others)'),
            ('published_total', 'Their total'),
            ('gap', 'Published minus realised on the subsidy accounts'),
            ('initial_budget', 'Credits of the BP'),
            ('final_budget', 'Credits of the last document of the year'),
            ('realised_receipts', 'Realised receipts (CA, CFU)'),
            ('realised_expenses', 'Realised expenses (CA, CFU)'),
            ('result', 'Realised receipts minus expenses')) AS t (col, text) ON t.col = a.attname
         WHERE a.attrelid IN ('@extschema@.budget_by_section'::regclass, '@extschema@.budget_by_chapter'::regclass,
                              '@extschema@.budget_by_function'::regclass, '@extschema@.budget_result_chain'::regclass,
                              '@extschema@.budget_subsidies'::regclass, '@extschema@.budget_subsidy_reconciliation'::regclass,
                              '@extschema@.budget_year'::regclass)
    LOOP
        EXECUTE pg_catalog.format('COMMENT ON COLUMN %s.%I IS %L', c.v, c.col, c.text);
    END LOOP;
END
$$;
