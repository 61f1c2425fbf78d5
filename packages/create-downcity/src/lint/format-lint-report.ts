import type { ManifestLintReport } from './lint-codes.js';

/**
 * The report as lines for a terminal: a verdict, then one line per problem with its code and field.
 *
 * @param report - a lint report
 */
export function formatLintReport(report: ManifestLintReport): string {
  const name = report.packageName ?? report.directory;
  if (report.ok) return `${name}: the manifest is ready to publish (checked against @downcity/core ${report.coreVersion}).`;
  const count = report.problems.length === 1 ? '1 problem' : `${report.problems.length} problems`;
  return [`${name}: ${count} (checked against @downcity/core ${report.coreVersion}):`, ...report.problems.map((problem) => `  ✗ ${problem.code}${problem.field ? ` (${problem.field})` : ''}: ${problem.message.replace(/\n/g, '\n    ')}`)].join('\n');
}
