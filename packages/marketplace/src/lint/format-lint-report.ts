import type { LintReport } from './lint-codes.js';

const count = (total: number, word: string): string => `${total} ${word}${total === 1 ? '' : 's'}`;

/** A lint report as lines for a terminal: a verdict, then one line per problem with its code and field. */
export function formatLintReport(report: LintReport): string {
  const name = report.name ?? report.directory;
  const against = `checked against @downcity/core ${report.coreVersion}`;
  const errors = report.problems.filter((problem) => problem.severity === 'error').length;
  const warnings = report.problems.length - errors;
  const head =
    errors === 0
      ? `${name}: the manifest is ready to publish (${against})${warnings > 0 ? `, with ${count(warnings, 'warning')}:` : '.'}`
      : `${name}: ${count(errors, 'problem')}${warnings > 0 ? ` and ${count(warnings, 'warning')}` : ''} (${against}):`;
  const lines = report.problems.map((problem) => `  ${problem.severity === 'error' ? '✗' : '!'} ${problem.code}${problem.field ? ` (${problem.field})` : ''}: ${problem.message.replace(/\n/g, '\n    ')}`);
  return [head, ...lines].join('\n');
}
