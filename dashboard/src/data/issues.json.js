// Every breach of the enabled rules (the view issues), with the name of the
// organization concerned as the views know it (an analyst role given
// grant_analyst reads no table).
import {query, emit} from "../../lib/db.js";

const issues = await query(`
  WITH names AS (
    SELECT DISTINCT ON (id) id, name FROM (
      SELECT funder_id AS id, funder_name AS name FROM pubfin.scdl_typed
      UNION ALL SELECT beneficiary_id, beneficiary_name FROM pubfin.scdl_typed
      UNION ALL SELECT funder_id, funder_name FROM pubfin.cofinancing
      UNION ALL SELECT beneficiary_id, beneficiary_name FROM pubfin.plan_summary) n
     WHERE id IS NOT NULL AND name IS NOT NULL
     ORDER BY id, name)
  SELECT entity, entity_id::text, rule_code, rule_kind, severity, message, fiscal_year,
         reference_date, organization_id::text, o.name AS organization_name, source_ref, source_url
    FROM pubfin.issues i
    LEFT JOIN names o ON o.id = i.organization_id
   ORDER BY CASE severity WHEN 'error' THEN 1 WHEN 'warning' THEN 2 ELSE 3 END, rule_code, entity, entity_id`);
emit({issues});
