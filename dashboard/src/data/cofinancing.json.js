// Every financing plan (plan_summary) with its lines and "not covered" row (cofinancing).
import {query, emit} from "../../lib/db.js";

const plans = await query(`
  SELECT plan_id::text, title, fiscal_year, period_start, period_end, beneficiary_id::text,
         beneficiary_name, currency, complete, total_cost, lines_total, public_total,
         public_percent, eu_total, own_funds, unfunded_gap, unfunded_percent, n_lines, n_funders
    FROM pubfin.plan_summary
   ORDER BY fiscal_year DESC NULLS LAST, title, plan_id`);
const lines = await query(`
  SELECT plan_id::text, line_id::text, funder_id::text, funder_name, funder_kind, label, kind, status,
         is_public, covered, currency, amount, total_cost, percent, percent_balanced,
         trim_scale(declared_percent)::text AS declared_percent
    FROM pubfin.cofinancing
   ORDER BY plan_id, covered DESC, amount DESC, line_id`);
emit({plans, lines});
