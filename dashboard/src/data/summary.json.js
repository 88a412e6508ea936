// Counts for the home page, read from the views only (an analyst role given
// grant_analyst reads no table): subsidies (scdl_typed has one row per
// subsidy), organizations that fund, receive or are planned for, financing
// plans, issues.
import {query, emit} from "../../lib/db.js";

const [counts] = await query(`
  SELECT (SELECT count(*) FROM pubfin.scdl_typed)::integer AS subsidies,
         (SELECT count(DISTINCT id) FROM (
            SELECT funder_id AS id FROM pubfin.scdl_typed
            UNION ALL SELECT beneficiary_id FROM pubfin.scdl_typed
            UNION ALL SELECT funder_id FROM pubfin.cofinancing
            UNION ALL SELECT beneficiary_id FROM pubfin.plan_summary) o
           WHERE id IS NOT NULL)::integer AS organizations,
         (SELECT count(*) FROM pubfin.plan_summary)::integer AS plans,
         (SELECT count(*) FROM pubfin.issues)::integer AS issues,
         (SELECT count(*) FROM pubfin.budget_execution)::integer AS budget_lines,
         (SELECT extversion FROM pg_catalog.pg_extension WHERE extname = 'pubfin') AS version`);
emit(counts);
