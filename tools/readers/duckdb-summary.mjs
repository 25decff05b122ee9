// Reads a Trainset dataset directory the way a data scientist would with DuckDB, and prints a
// JSON summary: rows per [split, label] (the split= path level decoded, the label read from the
// files as VARCHAR, schemas unioned by name), the columns DuckDB sees, and how many files a
// '**/*.parquet' glob matches.
// Usage: node duckdb-summary.mjs <dataset directory> [--label-directories]
// With label directories (layout.partitions=split,label) it adds hive_types = {'label': 'VARCHAR'}
// to read_parquet, without which DuckDB types labels such as 1, 2, 10 as BIGINT.
import { DuckDBInstance } from '@duckdb/node-api';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node duckdb-summary.mjs <dataset directory>');
  process.exit(2);
}
const quoted = dir.replaceAll("'", "''");
const labelTypes = process.argv[3] === '--label-directories' ? ", hive_types = {'label': 'VARCHAR'}" : '';
const source = `read_parquet('${quoted}/**/*.parquet', hive_partitioning = true, union_by_name = true${labelTypes})`;
const db = await DuckDBInstance.create(':memory:');
const connection = await db.connect();
const rows = async (sql) => (await connection.runAndReadAll(sql)).getRowObjectsJson();

const counts = (await rows(`SELECT split, label, count(*) AS n FROM ${source} GROUP BY ALL ORDER BY ALL`))
  .map((r) => [r.split, r.label, Number(r.n)]);
const columns = (await rows(`DESCRIBE SELECT * FROM ${source}`)).map((c) => `${c.column_name}:${c.column_type}`);
const files = Number((await rows(`SELECT count(*) AS n FROM glob('${quoted}/**/*.parquet')`))[0].n);
console.log('SUMMARY ' + JSON.stringify({ reader: 'duckdb', counts, columns, files }));
