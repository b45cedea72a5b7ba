// Shared output code of the Node peers (peer_duckdb.mjs, peer_polars.mjs).
// Implements README.md "Output format" with BigInt arithmetic so that
// totals and rounding are exact.

export const MONTHS = ["OCT", "NOV", "DEC", "JAN", "FEB", "MAR",
  "APR", "MAY", "JUN", "JUL", "AUG", "SEP"];
const MONTH_INDEX = new Map(MONTHS.map((m, i) => [m, i]));
export const SOUTHWEST = "Southwest Land Border";

// Leading ASCII digits of the field: "2025 (FYTD)" -> 2025.
export function fiscalYear(text) {
  const m = /^[0-9]+/.exec(String(text));
  if (!m) throw new Error(`bad fiscal year ${JSON.stringify(text)}`);
  return Number(m[0]);
}

export function monthIndex(code) {
  const i = MONTH_INDEX.get(code);
  if (i === undefined) throw new Error(`bad month ${JSON.stringify(code)}`);
  return i;
}

// round(1000*(cur-prev)/prev) half away from zero, formatted x.y
export function pctChange(cur, prev) {
  const num = 1000n * (cur - prev);
  const abs = num < 0n ? -num : num;
  const q = (2n * abs + prev) / (2n * prev);
  const sign = num < 0n && q !== 0n ? "-" : "";
  return `${sign}${q / 10n}.${q % 10n}`;
}

function byteCompare(a, b) {
  const ba = Buffer.from(a, "utf8"), bb = Buffer.from(b, "utf8");
  return Buffer.compare(ba, bb);
}

// rows1: iterable of [fyText, monthCode, total]; rows2: [fyText, citizenship, total]
// (totals: BigInt or number; groups with the same parsed key are merged)
export function render(rows1, rows2) {
  const t1 = new Map();
  for (const [fyText, month, total] of rows1) {
    const key = fiscalYear(fyText) * 12 + monthIndex(month);
    t1.set(key, (t1.get(key) ?? 0n) + BigInt(total));
  }
  const out = ["# task1 fy|month|calendar|total|pct_change"];
  let prev = null;
  for (const key of [...t1.keys()].sort((a, b) => a - b)) {
    const fy = Math.floor(key / 12), mi = key % 12;
    const total = t1.get(key);
    const year = mi < 3 ? fy - 1 : fy;
    const cal = `${String(year).padStart(4, "0")}-${String((mi + 9) % 12 + 1).padStart(2, "0")}`;
    const pct = prev === null || prev === 0n ? "" : pctChange(total, prev);
    out.push(`${fy}|${MONTHS[mi]}|${cal}|${total}|${pct}`);
    prev = total;
  }
  const t2 = new Map();
  for (const [fyText, cit, total] of rows2) {
    const fy = fiscalYear(fyText);
    let byCit = t2.get(fy);
    if (!byCit) t2.set(fy, (byCit = new Map()));
    byCit.set(cit, (byCit.get(cit) ?? 0n) + BigInt(total));
  }
  out.push("# task2 fy|citizenship|total");
  for (const fy of [...t2.keys()].sort((a, b) => a - b)) {
    const byCit = t2.get(fy);
    for (const cit of [...byCit.keys()].sort(byteCompare)) {
      out.push(`${fy}|${cit}|${byCit.get(cit)}`);
    }
  }
  return out.join("\n") + "\n";
}
