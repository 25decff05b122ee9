// Reads a Trainset dataset directory with Polars (nodejs-polars 0.24.1, the last release whose
// binary loads on Node 20) and prints the same JSON summary as duckdb-summary.mjs.
// Polars' scanParquet over a glob takes the first file's schema, so a column added later fails
// ("did not find column ..."); one scan per file and a diagonal concat reads every column.
// Usage: node polars-summary.mjs <dataset directory> [--label-directories]
// Every path level is read as a string (hiveSchema); without it Polars reads label=007 as 7.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import pl from 'nodejs-polars';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node polars-summary.mjs <dataset directory>');
  process.exit(2);
}
// Every *.parquet file under the directory; _trainset/ (the card, checkpoints) holds none.
const files = readdirSync(dir, { recursive: true })
  .filter((f) => f.endsWith('.parquet') && !f.split('/').some((part) => part.startsWith('_') || part.startsWith('.')))
  .sort()
  .map((f) => join(dir, f));
const hiveSchema = process.argv[3] === '--label-directories' ? { split: pl.String, label: pl.String } : { split: pl.String };
const frame = pl
  .concat(files.map((f) => pl.scanParquet(f, { hivePartitioning: true, hiveSchema })), { how: 'diagonalRelaxed' })
  .collectSync();
const counts = frame
  .groupBy(['split', 'label'])
  .agg(pl.len().alias('n'))
  .sort(['split', 'label'])
  .toRecords()
  .map((r) => [r.split, r.label, Number(r.n)]);
const columns = frame.columns.map((name) => `${name}:${String(frame.getColumn(name).dtype).replace(/^DataType\((.*)\)$/, '$1')}`);
console.log('SUMMARY ' + JSON.stringify({ reader: 'polars', counts, columns, files: files.length }));
