import { createInterface } from 'node:readline/promises';
import { permissionLines, type Confirm, type ConfirmRequest } from '@downcity/marketplace';
import type { CommandContext } from '../cli/command.js';

/** Whether a person can answer a question: standard input and standard error are terminals and the output is not JSON. */
export function canAsk(context: CommandContext): boolean {
  return !context.output.json && (context.io.stdin as { isTTY?: boolean }).isTTY === true && context.io.stderr.isTTY === true;
}

function describeRequest(request: ConfirmRequest): string[] {
  const label = `${request.name}@${request.version}`;
  const points = request.listing.extensionPoints.map((point) => `${point.point} (${point.kind})`);
  return [
    request.action === 'update' ? `Update ${request.name} ${request.fromVersion ?? ''} → ${request.version}: it asks for more than before.` : `${label} (${request.listing.kind ?? 'package'})`,
    ...(points.length > 0 ? [`  attaches to   ${points.join(', ')}`] : []),
    ...permissionLines(request.listing, request.permissions).map((line, index) => `  ${index === 0 ? 'permissions' : '           '}   ${line}`),
    ...request.warnings.map((warning) => `  ! ${warning}`),
  ];
}

/**
 * A confirm callback that shows what the package asks for on standard error and reads `y` or `n`
 * from standard input, or `undefined` when nobody can answer (not a terminal, or `--json`): the
 * marketplace then refuses unless `--yes` was given.
 */
export function confirmOnTerminal(context: CommandContext): Confirm | undefined {
  if (!canAsk(context)) return undefined;
  return async (request) => {
    context.io.stderr.write(`${describeRequest(request).join('\n')}\n`);
    const prompt = createInterface({ input: context.io.stdin, output: context.io.stderr, terminal: true });
    try {
      const answer = await prompt.question(`${request.action === 'update' ? 'Update' : 'Install'} ${request.name}@${request.version}? [y/N] `);
      return /^y(es)?$/i.test(answer.trim());
    } finally {
      prompt.close();
    }
  };
}
