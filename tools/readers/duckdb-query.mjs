// Runs SQL recipes over a Trainset dataset directory with DuckDB, as docs/dataset.md's early-label
// recipes say: the dataset is the view `rows` (hive partitioning, schemas unioned by name), and each
// query's rows are printed as [key, label, join_status, label_version, label_final], sorted.
// Usage: node duckdb-query.mjs <dataset directory> <sql> [<sql> ...]
import { DuckDBInstance } from '@duckdb/node-api';

const [dir, ...queries] = process.argv.slice(2);
if (!dir || queries.length === 0) {
  console.error('usage: node duckdb-query.mjs <dataset directory> <sql> [<sql> ...]');
  process.exit(2);
}
const quoted = dir.replaceAll("'", "''");
const db = await DuckDBInstance.create(':memory:');
const connection = await db.connect();
await connection.run(
  `CREATE VIEW rows AS SELECT * FROM read_parquet('${quoted}/**/*.parquet', hive_partitioning = true, union_by_name = true)`);
const results = [];
for (const sql of queries) {
  const read = (await connection.runAndReadAll(
    `SELECT key, label, join_status, label_version, label_final FROM (${sql}) ORDER BY ALL`)).getRowObjectsJson();
  results.push(read.map((r) => [r.key, r.label, r.join_status, Number(r.label_version), r.label_final]));
}
console.log('SUMMARY ' + JSON.stringify({ reader: 'duckdb', results }));
