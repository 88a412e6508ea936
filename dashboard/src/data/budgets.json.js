// Budgets: the lines of budget_execution, and every other view of pubfin whose
// name starts with "budget" (budget documents add their own), read generically.
// With no budget line and no such view holding rows, the page says so.
import {query, emit} from "../../lib/db.js";

const execution = await query(`
  SELECT budget_line_id::text, funder_id::text, funder_name, fiscal_year, section, direction, chapter,
         nature_code, function_code, label, currency, appropriation, awarded, remaining, percent_used,
         n_subsidies
    FROM pubfin.budget_execution
   ORDER BY funder_name, fiscal_year DESC, section, chapter NULLS FIRST, nature_code NULLS FIRST, budget_line_id
   LIMIT 2000`);
const names = await query(`
  SELECT c.relname AS name, obj_description(c.oid, 'pg_class') AS comment
    FROM pg_catalog.pg_class c
   WHERE c.relnamespace = 'pubfin'::regnamespace AND c.relkind IN ('v', 'm')
     AND c.relname LIKE 'budget%' AND c.relname NOT IN ('budget_execution', 'budget_issues')
   ORDER BY 1`);
const views = [];
for (const {name, comment} of names) {
  // The name comes from the catalog and is quoted as an identifier.
  const rows = await query(`SELECT * FROM pubfin."${name.replace(/"/g, '""')}" LIMIT 200`);
  if (rows.length) views.push({name, comment, rows});
}
emit({execution, views});
