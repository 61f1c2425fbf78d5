import { defineCommand } from '../cli/command.js';
import { ExitCodes } from '../cli/exit-codes.js';
import type { CheckResult } from '../doctor/check.js';
import { runDoctor } from '../doctor/run-doctor.js';

const MARKS: Record<CheckResult['status'], string> = { pass: '✓', fail: '✗', warn: '!', skip: '-' };

function render(checks: CheckResult[]): string[] {
  const lines = checks.flatMap((check) => [`${MARKS[check.status]} ${check.title}: ${check.detail}`, ...(check.hint && check.status !== 'pass' && check.status !== 'skip' ? [`    fix: ${check.hint}`] : [])]);
  const problems = checks.filter((check) => check.status === 'fail').length;
  return [...lines, '', problems === 0 ? 'No problems found.' : `${problems} problem${problems === 1 ? '' : 's'} found.`];
}

/** `downcity doctor`: checks that the project can run on this machine. */
export const doctorCommand = defineCommand({
  name: 'doctor',
  summary: 'Check Node.js, the config, the store, bwrap, ffmpeg, pocketsphinx and channel credentials (exit 4 on problems)',
  details: [
    'With a PostgreSQL store: the server and its version, the store migrations, the job queue schema and the live workers (read-only).','Channel credentials are checked only for configured channels, against the base URLs in the config (apiRoot, domain, tokenUrl).'],
  async run(context) {
    const checks = await context.output.step('Checking', () => runDoctor({ dir: context.cwd, env: context.io.env }));
    const ok = checks.every((check) => check.status !== 'fail');
    context.output.result({ ok, checks }, (value) => render(value.checks));
    return ok ? ExitCodes.ok : ExitCodes.doctorProblems;
  },
});
