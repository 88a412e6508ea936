-- ===========================================================================
-- scdl_typed: the SCDL subventions 2.1.1 records of scdl_export with their
-- values typed for analysis (numbers, dates, booleans) and the money each
-- row really stands for.  scdl_export stays the schema-exact text for
-- publication; this view is built on the tables, not on it.
--
-- A subsidy split between several beneficiaries (SCDL pourcentageSubvention
-- < 1) is one row per beneficiary, and every row repeats the whole subsidy
-- as montant: summing scdl_export.montant counts such an award once per
-- beneficiary.  Here amount is each beneficiary's part (the parts of an
-- award add up to it to the cent) and award_amount the whole: sum amount.
-- ===========================================================================

CREATE VIEW @extschema@.scdl_typed AS
SELECT s.id AS subsidy_id,
       s.funder_id,
       f.name AS funder_name,
       coalesce(f.siret::text, f.siren::text) AS funder_identifier,
       s.convention_date,
       d.reference AS decision_reference,
       d.decided_on AS decision_date,
       s.beneficiary_id,
       b.name AS beneficiary_name,
       coalesce(b.siret::text, b.siren::text) AS beneficiary_identifier,
       b.rna::text AS beneficiary_rna,
       s.object,
       s.fiscal_year,
       s.currency::text AS currency,
       s.amount::numeric(20,2) AS amount,
       coalesce(s.award_amount, s.amount)::numeric(20,2) AS award_amount,
       s.pourcentage_subvention::numeric(21,20) AS pourcentage_subvention,
       s.split_key,
       s.nature::text AS nature,
       s.section::text AS section,
       s.payment_terms,
       CASE WHEN lower_inf(s.payment_period) THEN NULL ELSE lower(s.payment_period) END AS payment_start,
       CASE WHEN upper_inf(s.payment_period) THEN NULL ELSE upper(s.payment_period) - 1 END AS payment_end,
       s.rae_id,
       s.eu_notified,
       s.aid_scheme
  FROM @extschema@.subsidy s
  JOIN @extschema@.organization f ON f.id = s.funder_id
  JOIN @extschema@.organization b ON b.id = s.beneficiary_id
  LEFT JOIN @extschema@.decision d ON d.id = s.decision_id;
COMMENT ON VIEW @extschema@.scdl_typed IS 'The records of scdl_export typed for analysis, one row per beneficiary of each subsidy: sum amount (each beneficiary''s part), not award_amount, which repeats a split subsidy on each of its rows as scdl_export.montant does';
COMMENT ON COLUMN @extschema@.scdl_typed.subsidy_id IS 'The subsidy (pubfin.subsidy.id)';
COMMENT ON COLUMN @extschema@.scdl_typed.funder_id IS 'Funder';
COMMENT ON COLUMN @extschema@.scdl_typed.funder_name IS 'SCDL nomAttribuant';
COMMENT ON COLUMN @extschema@.scdl_typed.funder_identifier IS 'SCDL idAttribuant: the funder''s SIRET, else its SIREN';
COMMENT ON COLUMN @extschema@.scdl_typed.convention_date IS 'SCDL dateConvention, a date';
COMMENT ON COLUMN @extschema@.scdl_typed.decision_reference IS 'SCDL referenceDecision';
COMMENT ON COLUMN @extschema@.scdl_typed.decision_date IS 'Date the decision was taken, when recorded (not in SCDL)';
COMMENT ON COLUMN @extschema@.scdl_typed.beneficiary_id IS 'Beneficiary';
COMMENT ON COLUMN @extschema@.scdl_typed.beneficiary_name IS 'SCDL nomBeneficiaire';
COMMENT ON COLUMN @extschema@.scdl_typed.beneficiary_identifier IS 'SCDL idBeneficiaire: the beneficiary''s SIRET, else its SIREN';
COMMENT ON COLUMN @extschema@.scdl_typed.beneficiary_rna IS 'SCDL rnaBeneficiaire';
COMMENT ON COLUMN @extschema@.scdl_typed.object IS 'SCDL objet';
COMMENT ON COLUMN @extschema@.scdl_typed.fiscal_year IS 'Fiscal year the subsidy is charged to';
COMMENT ON COLUMN @extschema@.scdl_typed.currency IS 'Currency of the amounts (ISO 4217)';
COMMENT ON COLUMN @extschema@.scdl_typed.amount IS 'This beneficiary''s part, montant x pourcentageSubvention to the cent (the parts of a split subsidy add up to it): the column to sum';
COMMENT ON COLUMN @extschema@.scdl_typed.award_amount IS 'SCDL montant: the whole subsidy, repeated on each row of a split subsidy; summing it counts a split subsidy once per beneficiary';
COMMENT ON COLUMN @extschema@.scdl_typed.pourcentage_subvention IS 'SCDL pourcentageSubvention: this beneficiary''s part of the subsidy, in (0, 1]';
COMMENT ON COLUMN @extschema@.scdl_typed.split_key IS 'Common key of the rows of one split subsidy; NULL for a single beneficiary. count(DISTINCT coalesce(split_key, subsidy_id::text)) counts awards';
COMMENT ON COLUMN @extschema@.scdl_typed.nature IS 'SCDL nature: cash (aide en numéraire), in_kind (aide en nature), cash_and_in_kind';
COMMENT ON COLUMN @extschema@.scdl_typed.section IS 'Budget section (operating or investment), when known (not in SCDL)';
COMMENT ON COLUMN @extschema@.scdl_typed.payment_terms IS 'SCDL conditionsVersement';
COMMENT ON COLUMN @extschema@.scdl_typed.payment_start IS 'First day of SCDL datesPeriodeVersement; NULL when unknown or open';
COMMENT ON COLUMN @extschema@.scdl_typed.payment_end IS 'Last day of SCDL datesPeriodeVersement (the same day for a single date); NULL when unknown or open';
COMMENT ON COLUMN @extschema@.scdl_typed.rae_id IS 'SCDL idRAE';
COMMENT ON COLUMN @extschema@.scdl_typed.eu_notified IS 'SCDL notificationUE as a boolean (oui = true, non = false, NULL when not given)';
COMMENT ON COLUMN @extschema@.scdl_typed.aid_scheme IS 'SCDL dispositifAide';
