// Counts for the home page.
import {query, emit} from "../../lib/db.js";

const [counts] = await query(`
  SELECT (SELECT count(*) FROM pubfin.subsidy)::integer AS subsidies,
         (SELECT count(*) FROM pubfin.organization)::integer AS organizations,
         (SELECT count(*) FROM pubfin.financing_plan)::integer AS plans,
         (SELECT count(*) FROM pubfin.issues)::integer AS issues,
         (SELECT count(*) FROM pubfin.budget_line)::integer AS budget_lines,
         (SELECT extversion FROM pg_catalog.pg_extension WHERE extname = 'pubfin') AS version`);
emit(counts);
