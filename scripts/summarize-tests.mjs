// Adds up every package's vitest JSON report and prints one closing line: "N passed, N failed".
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const roots = ['packages', 'services', 'plugins', 'apps'];
let passed = 0;
let failed = 0;
let skipped = 0;
const failures = [];
for (const root of roots) {
  let entries = [];
  try {
    entries = readdirSync(root);
  } catch {
    continue;
  }
  for (const entry of entries) {
    const file = path.join(root, entry, '.vitest-report.json');
    try {
      statSync(file);
    } catch {
      continue;
    }
    const report = JSON.parse(readFileSync(file, 'utf8'));
    passed += report.numPassedTests ?? 0;
    failed += report.numFailedTests ?? 0;
    skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
    if ((report.numFailedTests ?? 0) > 0 || report.success === false) failures.push(`${root}/${entry}`);
  }
}
if (failures.length > 0) console.log(`failing packages: ${failures.join(', ')}`);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || failures.length > 0 || passed === 0 ? 1 : 0);
