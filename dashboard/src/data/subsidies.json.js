// Subsidies by year: each funder's yearly totals (from subsidy_by_year), and
// each beneficiary's yearly rows across funders for the beneficiaries with
// the largest totals (a static site carries its data; the cap keeps it small).
import {query, emit} from "../../lib/db.js";

const LIMIT = 500;
const funders = await query(`
  SELECT funder_id::text, funder_name, funder_kind, fiscal_year, currency,
         sum(amount) AS amount, sum(n_subsidies)::integer AS n_subsidies,
         count(DISTINCT beneficiary_id)::integer AS n_beneficiaries
    FROM pubfin.subsidy_by_year
   GROUP BY funder_id, funder_name, funder_kind, fiscal_year, currency
   ORDER BY funder_name, funder_id, currency, fiscal_year`);
const topBeneficiaries = await query(`
  SELECT funder_id::text, currency, beneficiary_id::text, beneficiary_name, total, first_year, last_year,
         years_funded, n_subsidies
    FROM (SELECT h.*, row_number() OVER (PARTITION BY funder_id, currency ORDER BY total DESC, beneficiary_id) AS rank
            FROM pubfin.subsidy_history h) t
   WHERE rank <= 20
   ORDER BY funder_id, currency, rank`);
const beneficiaries = await query(`
  SELECT beneficiary_id::text, beneficiary_name, beneficiary_kind, siret, siren, rna, currency, total,
         eu_total, state_total, region_total, department_total, local_total, other_public_total,
         private_total, n_funders, n_subsidies, first_year, last_year
    FROM pubfin.beneficiary_history
   ORDER BY total DESC, beneficiary_id
   LIMIT $1`, [LIMIT]);
const years = await query(`
  SELECT y.beneficiary_id::text, y.currency, y.funder_id::text, y.funder_name, y.funder_kind,
         y.fiscal_year, y.amount, y.n_subsidies
    FROM pubfin.subsidy_by_year y
    JOIN (SELECT beneficiary_id, currency FROM pubfin.beneficiary_history
           ORDER BY total DESC, beneficiary_id LIMIT $1) b USING (beneficiary_id, currency)
   ORDER BY y.beneficiary_id, y.currency, y.fiscal_year, y.funder_name`, [LIMIT]);
emit({funders, topBeneficiaries, beneficiaries, years, limit: LIMIT});
