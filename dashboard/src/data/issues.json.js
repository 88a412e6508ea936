// Every breach of the enabled rules (the view issues).
import {query, emit} from "../../lib/db.js";

const issues = await query(`
  SELECT entity, entity_id::text, rule_code, rule_kind, severity, message, fiscal_year,
         reference_date, organization_id::text, o.name AS organization_name, source_ref, source_url
    FROM pubfin.issues i
    LEFT JOIN pubfin.organization o ON o.id = i.organization_id
   ORDER BY CASE severity WHEN 'error' THEN 1 WHEN 'warning' THEN 2 ELSE 3 END, rule_code, entity, entity_id`);
emit({issues});
