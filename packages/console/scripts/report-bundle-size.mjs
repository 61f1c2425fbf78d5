// Prints the gzipped size of the console's initial bundle (the scripts and styles index.html loads) and fails
// the build above the budget of 250 KB.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const BUDGET_BYTES = 250 * 1024;
const web = fileURLToPath(new URL('../dist/web/', import.meta.url));
const html = readFileSync(path.join(web, 'index.html'), 'utf8');
const files = ['index.html', ...[...html.matchAll(/(?:src|href)="\.\/(assets\/[^"]+)"/g)].map((match) => match[1])];
let total = 0;
for (const file of files) {
  const size = gzipSync(readFileSync(path.join(web, file)), { level: 9 }).length;
  total += size;
  console.log(`  ${file}: ${(size / 1024).toFixed(1)} KB gzipped`);
}
console.log(`console initial bundle: ${(total / 1024).toFixed(1)} KB gzipped (budget ${BUDGET_BYTES / 1024} KB)`);
if (total > BUDGET_BYTES) {
  console.error('The console bundle is over budget.');
  process.exit(1);
}
