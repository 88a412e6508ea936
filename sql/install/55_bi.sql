-- ===========================================================================
-- BI: per-year views (one row per year, an integer year and a typed amount,
-- for charts that should not unnest the jsonb series of subsidy_history and
-- beneficiary_history), and grant_analyst, which gives a role read access to
-- every view at once.  Amounts are numeric(20,2): every amount, up to
-- ±92,233,720,368,547,758.07, fits; counts are integers.
-- ===========================================================================

CREATE VIEW @extschema@.subsidy_by_year AS
SELECT s.funder_id,
       f.name AS funder_name,
       f.kind::text AS funder_kind,
       s.beneficiary_id,
       b.name AS beneficiary_name,
       b.kind::text AS beneficiary_kind,
       s.fiscal_year,
       s.currency::text AS currency,
       s.amount::numeric(20,2) AS amount,
       s.n_subsidies::integer AS n_subsidies
  FROM (SELECT funder_id, beneficiary_id, fiscal_year, currency,
               @extschema@.sum(amount) AS amount,
               count(*) AS n_subsidies
          FROM @extschema@.subsidy
         GROUP BY funder_id, beneficiary_id, fiscal_year, currency) s
  JOIN @extschema@.organization f ON f.id = s.funder_id
  JOIN @extschema@.organization b ON b.id = s.beneficiary_id;
COMMENT ON VIEW @extschema@.subsidy_by_year IS 'One row per funder, beneficiary, fiscal year and currency: the subsidies of that year (the rows of subsidy_history.series)';
COMMENT ON COLUMN @extschema@.subsidy_by_year.funder_id IS 'Funder';
COMMENT ON COLUMN @extschema@.subsidy_by_year.funder_name IS 'Funder''s name';
COMMENT ON COLUMN @extschema@.subsidy_by_year.funder_kind IS 'Funder''s kind (eu, state, region, ...)';
COMMENT ON COLUMN @extschema@.subsidy_by_year.beneficiary_id IS 'Beneficiary';
COMMENT ON COLUMN @extschema@.subsidy_by_year.beneficiary_name IS 'Beneficiary''s name';
COMMENT ON COLUMN @extschema@.subsidy_by_year.beneficiary_kind IS 'Beneficiary''s kind';
COMMENT ON COLUMN @extschema@.subsidy_by_year.fiscal_year IS 'Fiscal year';
COMMENT ON COLUMN @extschema@.subsidy_by_year.currency IS 'Currency of the amount (ISO 4217); each currency has its own row';
COMMENT ON COLUMN @extschema@.subsidy_by_year.amount IS 'Sum of the funder''s subsidies to the beneficiary in that year, exact to the cent';
COMMENT ON COLUMN @extschema@.subsidy_by_year.n_subsidies IS 'Number of subsidies in that year';

CREATE VIEW @extschema@.beneficiary_by_year AS
SELECT s.beneficiary_id,
       b.name AS beneficiary_name,
       b.kind::text AS beneficiary_kind,
       s.fiscal_year,
       s.currency::text AS currency,
       s.total::numeric(20,2) AS total,
       s.eu_total::numeric(20,2) AS eu_total,
       s.state_total::numeric(20,2) AS state_total,
       s.region_total::numeric(20,2) AS region_total,
       s.department_total::numeric(20,2) AS department_total,
       s.local_total::numeric(20,2) AS local_total,
       s.other_public_total::numeric(20,2) AS other_public_total,
       s.private_total::numeric(20,2) AS private_total,
       s.n_funders::integer AS n_funders,
       s.n_subsidies::integer AS n_subsidies
  FROM (SELECT x.beneficiary_id, x.fiscal_year, x.currency,
               @extschema@.sum(x.amount) AS total,
               COALESCE(@extschema@.sum(x.amount) FILTER (WHERE f.kind = 'eu'), 0::@extschema@.amount) AS eu_total,
               COALESCE(@extschema@.sum(x.amount) FILTER (WHERE f.kind = 'state'), 0::@extschema@.amount) AS state_total,
               COALESCE(@extschema@.sum(x.amount) FILTER (WHERE f.kind = 'region'), 0::@extschema@.amount) AS region_total,
               COALESCE(@extschema@.sum(x.amount) FILTER (WHERE f.kind = 'department'), 0::@extschema@.amount) AS department_total,
               COALESCE(@extschema@.sum(x.amount) FILTER (WHERE f.kind IN ('intercommunal', 'municipality')), 0::@extschema@.amount) AS local_total,
               COALESCE(@extschema@.sum(x.amount) FILTER (WHERE f.kind = 'public_body'), 0::@extschema@.amount) AS other_public_total,
               COALESCE(@extschema@.sum(x.amount) FILTER (WHERE NOT f.is_public), 0::@extschema@.amount) AS private_total,
               count(DISTINCT x.funder_id) AS n_funders,
               count(*) AS n_subsidies
          FROM @extschema@.subsidy x
          JOIN @extschema@.organization f ON f.id = x.funder_id
         GROUP BY x.beneficiary_id, x.fiscal_year, x.currency) s
  JOIN @extschema@.organization b ON b.id = s.beneficiary_id;
COMMENT ON VIEW @extschema@.beneficiary_by_year IS 'One row per beneficiary, fiscal year and currency, across all funders: the year''s total and its split by funder kind (the rows of beneficiary_history.series)';
COMMENT ON COLUMN @extschema@.beneficiary_by_year.beneficiary_id IS 'Beneficiary';
COMMENT ON COLUMN @extschema@.beneficiary_by_year.beneficiary_name IS 'Beneficiary''s name';
COMMENT ON COLUMN @extschema@.beneficiary_by_year.beneficiary_kind IS 'Beneficiary''s kind';
COMMENT ON COLUMN @extschema@.beneficiary_by_year.fiscal_year IS 'Fiscal year';
COMMENT ON COLUMN @extschema@.beneficiary_by_year.currency IS 'Currency of the amounts (ISO 4217); each currency has its own row';
COMMENT ON COLUMN @extschema@.beneficiary_by_year.total IS 'Received from all funders in that year';
COMMENT ON COLUMN @extschema@.beneficiary_by_year.eu_total IS 'Received from the EU';
COMMENT ON COLUMN @extschema@.beneficiary_by_year.state_total IS 'Received from the State and its offices';
COMMENT ON COLUMN @extschema@.beneficiary_by_year.region_total IS 'Received from regions';
COMMENT ON COLUMN @extschema@.beneficiary_by_year.department_total IS 'Received from departments';
COMMENT ON COLUMN @extschema@.beneficiary_by_year.local_total IS 'Received from municipalities and their groupings (intercommunal bodies)';
COMMENT ON COLUMN @extschema@.beneficiary_by_year.other_public_total IS 'Received from other public bodies';
COMMENT ON COLUMN @extschema@.beneficiary_by_year.private_total IS 'Received from private funders (associations, companies, foundations, other)';
COMMENT ON COLUMN @extschema@.beneficiary_by_year.n_funders IS 'Number of distinct funders in that year';
COMMENT ON COLUMN @extschema@.beneficiary_by_year.n_subsidies IS 'Number of subsidies in that year';

-- ---- grant_analyst ----------------------------------------------------------
-- GRANT takes no parameters, so the statements are assembled, with every
-- name quoted by format('%I').  The function runs with the caller's rights
-- (no SECURITY DEFINER): it grants only what the caller may grant, and says
-- which view the caller holds no grant option on before granting anything.
CREATE FUNCTION @extschema@.grant_analyst(analyst regrole) RETURNS integer
    LANGUAGE plpgsql VOLATILE STRICT
    SET search_path = pg_catalog, pg_temp
    AS $grant$
DECLARE
    nsp oid := '@extschema@'::regnamespace;
    nspname name;
    who name;
    v record;
    n integer := 0;
BEGIN
    SELECT r.rolname INTO who FROM pg_catalog.pg_roles r WHERE r.oid = analyst;
    IF who IS NULL THEN
        RAISE EXCEPTION 'role with OID % does not exist', analyst::oid
              USING ERRCODE = 'undefined_object';
    END IF;
    SELECT n2.nspname INTO nspname FROM pg_catalog.pg_namespace n2 WHERE n2.oid = nsp;
    IF NOT pg_catalog.has_schema_privilege(nsp, 'USAGE WITH GRANT OPTION') THEN
        RAISE EXCEPTION 'permission denied to grant USAGE on schema % to role %', nspname, who
              USING ERRCODE = 'insufficient_privilege',
                    DETAIL = 'grant_analyst runs with the rights of its caller, ' || current_user || ', who holds no grant option on the schema.',
                    HINT = 'Run it as the role that ran CREATE EXTENSION pubfin, or as a role holding USAGE and SELECT with the grant option.';
    END IF;
    FOR v IN SELECT c.oid, c.relname FROM pg_catalog.pg_class c
              WHERE c.relnamespace = nsp AND c.relkind IN ('v', 'm')
                AND NOT pg_catalog.has_table_privilege(c.oid, 'SELECT WITH GRANT OPTION')
              ORDER BY c.relname LIMIT 1 LOOP
        RAISE EXCEPTION 'permission denied to grant SELECT on view %.% to role %', nspname, v.relname, who
              USING ERRCODE = 'insufficient_privilege',
                    DETAIL = 'grant_analyst runs with the rights of its caller, ' || current_user || ', who holds no grant option on that view.',
                    HINT = 'Run it as the role that ran CREATE EXTENSION pubfin, or as a role holding USAGE and SELECT with the grant option.';
    END LOOP;
    EXECUTE pg_catalog.format('GRANT USAGE ON SCHEMA %I TO %I', nspname, who);
    FOR v IN SELECT c.relname FROM pg_catalog.pg_class c
              WHERE c.relnamespace = nsp AND c.relkind IN ('v', 'm')
              ORDER BY c.relname LOOP
        EXECUTE pg_catalog.format('GRANT SELECT ON %I.%I TO %I', nspname, v.relname, who);
        n := n + 1;
    END LOOP;
    RETURN n;
END
$grant$;
COMMENT ON FUNCTION @extschema@.grant_analyst(regrole) IS 'Grant a role USAGE on the schema and SELECT on every view in it (not on the tables); runs with the caller''s rights, so only a role that may grant these (the installer) can; returns the number of views';
