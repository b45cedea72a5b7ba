// borderstats peer task with Polars (npm nodejs-polars).
// Usage: node peer_polars.mjs FILE THREADS
// Polars sizes its thread pool from POLARS_MAX_THREADS when the native
// module loads, so the variable is set here before the dynamic import.
const [file, threadsArg] = process.argv.slice(2);
if (!file) {
  console.error("usage: node peer_polars.mjs FILE THREADS");
  process.exit(2);
}
const threads = Math.max(1, parseInt(threadsArg ?? "1", 10) || 1);
process.env.POLARS_MAX_THREADS = String(threads);

const { default: pl } = await import("nodejs-polars");
const { render, SOUTHWEST } = await import("./peer_common.mjs");

const FY = "Fiscal Year", MONTH = "Month (abbv)", REGION = "Land Border Region",
  CIT = "Citizenship", COUNT = "Encounter Count";

// One read of the five columns needed (string columns as Categorical, as one
// would for low-cardinality keys), then the two group-bys in memory.
const df = pl.readCSV(file, {
  hasHeader: true,
  sep: ",",
  quoteChar: '"',
  columns: [FY, MONTH, REGION, CIT, COUNT],
  dtypes: {
    [FY]: pl.Categorical, [MONTH]: pl.Categorical,
    [REGION]: pl.Categorical, [CIT]: pl.Categorical, [COUNT]: pl.Int64,
  },
  nThreads: threads,
});

const g1 = df.filter(pl.col(REGION).eq(pl.lit(SOUTHWEST)))
  .groupBy([FY, MONTH]).agg(pl.col(COUNT).sum().alias("total"));
const g2 = df.groupBy([FY, CIT]).agg(pl.col(COUNT).sum().alias("total"));

const cols = (d, names) => {
  const series = names.map((n) => d.getColumn(n).cast(n === "total" ? pl.Int64 : pl.Utf8).toArray());
  return series[0].map((_, i) => series.map((s) => s[i]));
};
process.stdout.write(render(cols(g1, [FY, MONTH, "total"]), cols(g2, [FY, CIT, "total"])));
