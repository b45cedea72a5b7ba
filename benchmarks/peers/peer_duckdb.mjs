// borderstats peer task with DuckDB (npm @duckdb/node-api).
// Usage: node peer_duckdb.mjs FILE THREADS
// One scan of the CSV: GROUPING SETS gives both tasks' groups at once; the
// small result is merged, ordered and printed by peer_common.mjs.
import { DuckDBInstance } from "@duckdb/node-api";
import { render, SOUTHWEST } from "./peer_common.mjs";

const [file, threadsArg] = process.argv.slice(2);
if (!file) {
  console.error("usage: node peer_duckdb.mjs FILE THREADS");
  process.exit(2);
}
const threads = Math.max(1, parseInt(threadsArg ?? "1", 10) || 1);
const lit = (s) => `'${String(s).replaceAll("'", "''")}'`;

const instance = await DuckDBInstance.create(":memory:");
const con = await instance.connect();
await con.run(`SET threads = ${threads}`);
const sql = `
  SELECT fy, month, cit, GROUPING(month) AS no_month,
         SUM(cnt) FILTER (WHERE region = ${lit(SOUTHWEST)}) AS sw_total,
         SUM(cnt) AS total
  FROM (SELECT "Fiscal Year" AS fy, "Month (abbv)" AS month,
               "Land Border Region" AS region, "Citizenship" AS cit,
               "Encounter Count" AS cnt
        FROM read_csv(${lit(file)}, header = true, delim = ',', quote = '"',
                      escape = '"',
                      types = {'Fiscal Year': 'VARCHAR',
                               'Month (abbv)': 'VARCHAR',
                               'Land Border Region': 'VARCHAR',
                               'Citizenship': 'VARCHAR',
                               'Encounter Count': 'BIGINT'}))
  GROUP BY GROUPING SETS ((fy, month), (fy, cit))`;
const reader = await con.runAndReadAll(sql);
const rows1 = [], rows2 = [];
for (const [fy, month, cit, noMonth, swTotal, total] of reader.getRows()) {
  if (Number(noMonth) === 0) {
    if (swTotal !== null) rows1.push([fy, month, swTotal]);
  } else {
    rows2.push([fy, cit, total]);
  }
}
process.stdout.write(render(rows1, rows2));
