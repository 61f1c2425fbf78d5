import path from 'node:path';
import type { GeneratorResult } from '../project/progress.js';
import type { PackageManagerChoice } from '../choices/choices.js';

/**
 * The closing lines after a generator ran: kept files, then the commands to run next.
 *
 * @param result - what the generator did
 * @param options - the package manager, the working directory, the commands to suggest and the variables to fill in
 */
export function nextSteps(
  result: GeneratorResult,
  options: { packageManager: PackageManagerChoice; cwd: string; commands: readonly string[]; secrets?: readonly string[] },
): string {
  const folder = path.relative(options.cwd, result.directory) || '.';
  const lines = [`✔ Created ${folder} (${result.written.length} files${result.installed ? ', dependencies installed' : ''}).`];
  if (result.kept.length > 0) lines.push(`  Kept your existing ${result.kept.join(', ')}; create-downcity's versions were not written.`);
  lines.push('', 'Next:');
  if (folder !== '.') lines.push(`  cd ${folder}`);
  if (!result.installed) lines.push(`  ${options.packageManager} install`);
  if (options.secrets && options.secrets.length > 0) lines.push(`  # fill in .env: ${options.secrets.join(', ')}`);
  lines.push(...options.commands.map((command) => `  ${command}`));
  return `${lines.join('\n')}\n`;
}
