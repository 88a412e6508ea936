// Formats the exact decimal strings the views return (numeric(20,2) amounts,
// numeric(22,1) percentages) without going through a float.

// "753091.00" -> "753,091.00"; "-1234.5" -> "-1,234.5"; null -> ""
export function formatDecimal(value) {
  if (value === null || value === undefined) return "";
  const s = String(value);
  const negative = s.startsWith("-");
  const [whole, fraction] = (negative ? s.slice(1) : s).split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return (negative ? "-" : "") + grouped + (fraction !== undefined ? "." + fraction : "");
}

// An amount with its currency: "753,091.00 EUR"
export function formatAmount(value, currency) {
  if (value === null || value === undefined) return "";
  return formatDecimal(value) + (currency ? " " + currency : "");
}

// A percentage: "4.7 %"
export function formatPercent(value) {
  if (value === null || value === undefined) return "";
  return formatDecimal(value) + " %";
}

// Adds exact decimal strings with two decimals (cents), returned as a string
export function sumCents(values) {
  let cents = 0n;
  for (const v of values) {
    if (v === null || v === undefined) continue;
    const s = String(v);
    const negative = s.startsWith("-");
    const [whole, fraction = ""] = (negative ? s.slice(1) : s).split(".");
    const c = BigInt(whole) * 100n + BigInt((fraction + "00").slice(0, 2));
    cents += negative ? -c : c;
  }
  const negative = cents < 0n;
  const a = negative ? -cents : cents;
  return (negative ? "-" : "") + (a / 100n).toString() + "." + (a % 100n).toString().padStart(2, "0");
}

// Adds decimal strings with one decimal (tenths), returned as a string
export function sumTenths(values) {
  let tenths = 0n;
  for (const v of values) {
    if (v === null || v === undefined) continue;
    const s = String(v);
    const negative = s.startsWith("-");
    const [whole, fraction = ""] = (negative ? s.slice(1) : s).split(".");
    const t = BigInt(whole) * 10n + BigInt((fraction + "0").slice(0, 1));
    tenths += negative ? -t : t;
  }
  const negative = tenths < 0n;
  const a = negative ? -tenths : tenths;
  return (negative ? "-" : "") + (a / 10n).toString() + "." + (a % 10n).toString();
}
