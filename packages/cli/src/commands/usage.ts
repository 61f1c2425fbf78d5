import type { UsageReportOutput } from '@downcity/core';
import { defineCommand } from '../cli/command.js';
import { CliError } from '../cli/cli-error.js';
import { ExitCodes } from '../cli/exit-codes.js';
import { table } from '../cli/format.js';
import { connectToAgent } from '../control/connect-to-agent.js';

const GROUPS = { session: 'session', user: 'principal', day: 'day', model: 'model', turn: 'turn' } as const;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

const dayOf = (at: number): string => new Date(at).toISOString().slice(0, 10);

function dayOption(value: unknown, name: string): string | undefined {
  if (value === undefined) return undefined;
  const text = String(value);
  if (!DAY.test(text) || Number.isNaN(Date.parse(`${text}T00:00:00Z`)) || dayOf(Date.parse(`${text}T00:00:00Z`)) !== text) {
    throw new CliError(ExitCodes.usage, `--${name} must be a UTC day as YYYY-MM-DD, e.g. 2026-01-31 (got "${text}").`);
  }
  return text;
}

/** The days a report covers: `--since`/`--until`, else the last `--days` UTC days (default 7, today included). */
export function usageRange(options: { since?: unknown; until?: unknown; days?: unknown }, now = Date.now()): { since: string; until: string } {
  const until = dayOption(options.until, 'until') ?? dayOf(now);
  const since = dayOption(options.since, 'since');
  if (since !== undefined) {
    if (options.days !== undefined) throw new CliError(ExitCodes.usage, 'Give either --since (with --until) or --days, not both.');
    return { since, until };
  }
  const days = options.days === undefined ? 7 : Number(options.days);
  if (!Number.isInteger(days) || days < 1 || days > 366) throw new CliError(ExitCodes.usage, `--days must be a whole number from 1 to 366 (got "${String(options.days)}").`);
  return { since: dayOf(Date.parse(`${until}T00:00:00Z`) - (days - 1) * DAY_MS), until };
}

const count = (value: number): string => value.toLocaleString('en-US');

/** A cost for people: the priced sum, and "no price" for steps whose model has none (never a made-up number). */
export function formatCost(totals: { cost: number | null; unpricedSteps: number }, currency: string): string {
  const priced = totals.cost === null ? undefined : `${totals.cost.toFixed(totals.cost !== 0 && totals.cost < 0.01 ? 6 : 4)} ${currency}`;
  if (totals.unpricedSteps === 0) return priced ?? '-';
  const unpriced = `no price (${totals.unpricedSteps} step${totals.unpricedSteps === 1 ? '' : 's'})`;
  return priced === undefined ? 'no price' : `${priced} + ${unpriced}`;
}

function render(report: UsageReportOutput, by: string): string[] {
  const header = `Usage ${report.since} to ${report.until} (UTC), by ${by}:`;
  if (report.groups.length === 0) return [header, 'No model steps recorded in this range.'];
  const row = (key: string, totals: UsageReportOutput['total']) => [
    key,
    count(totals.turns),
    count(totals.inputTokens),
    count(totals.cachedInputTokens),
    count(totals.outputTokens),
    count(totals.reasoningTokens),
    count(totals.totalTokens),
    formatCost(totals, report.currency),
  ];
  return [
    header,
    ...table([
      [by.toUpperCase(), 'TURNS', 'INPUT', 'CACHED', 'OUTPUT', 'REASONING', 'TOTAL', 'COST'],
      ...report.groups.map((group) => row(group.key, group)),
      row('total', report.total),
    ]),
    ...(report.truncated ? ['Some day held more steps than one read returns: the sums are too low.'] : []),
  ];
}

/** `downcity usage`: token usage and cost per session, user, day, model or turn, from the running agent's ledger. */
export const usageCommand = defineCommand({
  name: 'usage',
  summary: 'Token usage and cost by session, user or day',
  options: {
    by: { type: 'string', valueName: 'group', description: 'Group by session, user, day (default), model or turn' },
    days: { type: 'string', valueName: 'n', description: 'The last n UTC days, today included (default 7)' },
    since: { type: 'string', valueName: 'YYYY-MM-DD', description: 'First UTC day (instead of --days)' },
    until: { type: 'string', valueName: 'YYYY-MM-DD', description: 'Last UTC day (default today)' },
    session: { type: 'string', valueName: 'id', description: 'Only this session' },
    user: { type: 'string', valueName: 'principal', description: 'Only this user (principal id, e.g. telegram:42)' },
  },
  async run(context) {
    const by = context.options.by === undefined ? 'day' : String(context.options.by);
    const groupBy = GROUPS[by as keyof typeof GROUPS];
    if (!groupBy) throw new CliError(ExitCodes.usage, `--by must be one of ${Object.keys(GROUPS).join(', ')} (got "${by}").`);
    const range = usageRange(context.options);
    const { session, user } = context.options;
    const client = await connectToAgent(context);
    const report = await client.invoke('agent/usage', {
      ...range,
      groupBy,
      ...(typeof session === 'string' ? { sessionId: session } : {}),
      ...(typeof user === 'string' ? { principalId: user } : {}),
    });
    context.output.result(report, (result) => render(result, by));
  },
});
