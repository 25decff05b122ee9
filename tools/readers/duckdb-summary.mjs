// Reads a Trainset dataset directory the way a data scientist would with DuckDB, and prints a
// JSON summary: rows per split|label (hive partitions decoded, schemas unioned by name), the
// columns DuckDB sees, and how many files a '**/*.parquet' glob matches.
// Usage: node duckdb-summary.mjs <dataset directory>
import { DuckDBInstance } from '@duckdb/node-api';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node duckdb-summary.mjs <dataset directory>');
  process.exit(2);
}
const source = `read_parquet('${dir.replaceAll("'", "''")}/**/*.parquet', hive_partitioning = true, union_by_name = true)`;
const db = await DuckDBInstance.create(':memory:');
const connection = await db.connect();
const rows = async (sql) => (await connection.runAndReadAll(sql)).getRowObjectsJson();

const counts = {};
for (const r of await rows(`SELECT split, label, count(*) AS n FROM ${source} GROUP BY ALL`)) {
  counts[`${r.split}|${r.label === null ? 'null' : r.label}`] = Number(r.n);
}
const columns = (await rows(`DESCRIBE SELECT * FROM ${source}`)).map((c) => `${c.column_name}:${c.column_type}`);
const files = Number((await rows(`SELECT count(*) AS n FROM glob('${dir.replaceAll("'", "''")}/**/*.parquet')`))[0].n);
console.log(JSON.stringify({ counts, columns, files }));
