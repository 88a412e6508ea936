// Observable Framework configuration of pubfin's reference dashboard.
// Nothing is fetched from a CDN: no web font (globalStylesheets is empty),
// and d3, Plot and Inputs are imported from node_modules by each page.
export default {
  title: "pubfin",
  root: "src",
  pages: [
    {name: "Co-financing", path: "/cofinancing"},
    {name: "Funders by year", path: "/funder"},
    {name: "Beneficiaries across funders", path: "/beneficiary"},
    {name: "Issues", path: "/issues"},
    {name: "Budgets", path: "/budgets"}
  ],
  globalStylesheets: [],
  head: `<link rel="icon" href="data:,">`,
  theme: ["air", "near-midnight"],
  search: false,
  linkify: false,
  footer: "pubfin reference dashboard: every figure is read from pubfin's views when the site is built.",
  cleanUrls: false
};
