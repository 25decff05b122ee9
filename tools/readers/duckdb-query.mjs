// Runs SQL recipes over a Trainset dataset directory with DuckDB, as docs/dataset.md's early-label
// recipes say: the dataset is the view `rows` (hive partitioning, schemas unioned by name, and the
// `label` path level read as VARCHAR when there is one, as the card's loading recipe does), and each
// query's rows are printed as [key, label, join_status, label_version, label_final], sorted.
// Usage: node duckdb-query.mjs <dataset directory> <sql> [<sql> ...]
import { DuckDBInstance } from '@duckdb/node-api';
import { readdirSync } from 'node:fs';

const [dir, ...queries] = process.argv.slice(2);
if (!dir || queries.length === 0) {
  console.error('usage: node duckdb-query.mjs <dataset directory> <sql> [<sql> ...]');
  process.exit(2);
}
const quoted = dir.replaceAll("'", "''");
// Without hive_types DuckDB infers a type for a path level: labels 1, 2, 10 would be BIGINT.
const labelLevel = readdirSync(dir, { recursive: true, withFileTypes: true })
  .some((e) => e.isDirectory() && e.name.startsWith('label='));
const hiveTypes = labelLevel ? ", hive_types = {'label': 'VARCHAR'}" : '';
const db = await DuckDBInstance.create(':memory:');
const connection = await db.connect();
await connection.run(
  `CREATE VIEW rows AS SELECT * FROM read_parquet('${quoted}/**/*.parquet', hive_partitioning = true, union_by_name = true${hiveTypes})`);
const results = [];
for (const sql of queries) {
  const read = (await connection.runAndReadAll(
    `SELECT key, label, join_status, label_version, label_final FROM (${sql}) ORDER BY ALL`)).getRowObjectsJson();
  results.push(read.map((r) => [r.key, r.label, r.join_status, Number(r.label_version), r.label_final]));
}
console.log('SUMMARY ' + JSON.stringify({ reader: 'duckdb', results }));
