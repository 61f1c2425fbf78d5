// Adds up every package's vitest JSON report and prints one closing line: "N passed, N failed".
//   node scripts/summarize-tests.mjs --collect <run>   moves the packages' reports into .test-reports/<run>/
//                                                      and prints that run's counts
//   node scripts/summarize-tests.mjs                   one closing line over every collected run (or, when
//                                                      none was collected, over the packages' reports)
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync } from 'node:fs';
import path from 'node:path';

const roots = ['packages', 'services', 'plugins', 'apps'];
const collected = '.test-reports';

/** The packages' own report files, as { name, file }. */
function packageReports() {
  const found = [];
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
        found.push({ name: `${root}/${entry}`, file });
      } catch {
        // no report: the package has no tests, or they did not run
      }
    }
  }
  return found;
}

/** Sums reports; failures name the package (and run). */
function tally(reports) {
  const totals = { passed: 0, failed: 0, skipped: 0, failures: [] };
  for (const { name, file } of reports) {
    const report = JSON.parse(readFileSync(file, 'utf8'));
    totals.passed += report.numPassedTests ?? 0;
    totals.failed += report.numFailedTests ?? 0;
    totals.skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
    if ((report.numFailedTests ?? 0) > 0 || report.success === false) totals.failures.push(name);
  }
  return totals;
}

const counts = ({ passed, failed, skipped }) => `${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`;

const collectIndex = process.argv.indexOf('--collect');
if (collectIndex !== -1) {
  const run = process.argv[collectIndex + 1];
  if (!run) throw new Error('--collect needs a run name, e.g. --collect node-v24.11.1');
  const reports = packageReports();
  const totals = tally(reports);
  mkdirSync(path.join(collected, run), { recursive: true });
  for (const { name, file } of reports) renameSync(file, path.join(collected, run, `${name.replace('/', '__')}.json`));
  if (totals.failures.length > 0) console.log(`failing packages on ${run}: ${totals.failures.join(', ')}`);
  console.log(`tests on ${run} (${reports.length} packages): ${counts(totals)}`);
  process.exit(totals.failed > 0 || totals.failures.length > 0 ? 1 : 0);
}

let runs = [];
try {
  runs = readdirSync(collected).sort();
} catch {
  // nothing collected: summarize the packages' reports in place
}
const reports =
  runs.length === 0
    ? packageReports()
    : runs.flatMap((run) =>
        readdirSync(path.join(collected, run)).map((entry) => ({ name: `${run}/${entry.replace('__', '/').replace(/\.json$/, '')}`, file: path.join(collected, run, entry) })),
      );
const totals = tally(reports);
if (runs.length > 0) console.log(`runs: ${runs.join(', ')}`);
if (totals.failures.length > 0) console.log(`failing packages: ${totals.failures.join(', ')}`);
console.log(counts(totals));
process.exit(totals.failed > 0 || totals.failures.length > 0 || totals.passed === 0 ? 1 : 0);
