import { createControlClient } from '../control/control-client.js';
import { loadProject, type Project } from '../project/load-project.js';
import { silentLogger } from '../project/silent-logger.js';
import { modelLabel } from '../project/describe-model.js';
import { MODEL_HINT } from '../runtime/model-hint.js';
import { CHANNEL_CHECKS } from './channel-checks.js';
import { runCheck, type CheckResult } from './check.js';
import { databaseChecks } from './database-checks.js';
import { checkBwrap, checkFfmpeg, checkNode, checkPocketsphinx } from './system-checks.js';

/** Options for {@link runDoctor}. */
export interface RunDoctorOptions {
  /** The project folder. */
  dir: string;
  /** The environment. */
  env: Record<string, string | undefined>;
}

const uses = (project: Project, id: string): boolean => project.packages.some((entry) => entry.kind !== 'channel' && entry.id === id);

async function storeCheck(project: Project): Promise<CheckResult> {
  return runCheck('store', 'store opens', async () => {
    const settings = project.config.store;
    const where =
      settings.kind === 'libsql' ? settings.path : 'in memory';
    try {
      const status = await createControlClient(project.controlSocket, project.dir).status();
      return { status: 'pass', detail: `${where}, open by the running agent (pid ${status.pid})` };
    } catch {
      // no running agent: open the store ourselves
    }
    await project.store.open();
    await project.store.close();
    return { status: 'pass', detail: `${where} opens` };
  });
}

function channelChecks(project: Project): Promise<CheckResult>[] {
  const chat = (project.config.services.chat ?? {}) as { channels?: Record<string, unknown> };
  return project.packages.flatMap((entry) => {
    if (entry.kind !== 'channel') return [];
    const configured = chat.channels?.[entry.id];
    const title = `${entry.id} credentials`;
    if (configured === undefined || configured === false) return [runCheck(`channel:${entry.id}`, title, async () => ({ status: 'skip', detail: 'channel not configured' }))];
    return [
      runCheck(`channel:${entry.id}`, title, async () => {
        const parsed = entry.definition.config.safeParse(configured === true ? {} : configured);
        if (!parsed.success) return { status: 'fail', detail: 'the channel settings are invalid (see the config check)' };
        const check = CHANNEL_CHECKS[entry.id];
        if (!check) return { status: 'skip', detail: `no credential check for channel "${entry.id}"` };
        return check(parsed.data as Record<string, unknown>);
      }),
    ];
  });
}

/**
 * Checks that a project can run here: Node.js, the config and packages, the store (for PostgreSQL: the server,
 * the migrations, the job queue and the live workers of the cluster), the model, the
 * programs the shell and asr packages need, and the credentials of each configured chat channel
 * (asked of the platform at the configured base URL). Never prints secrets.
 */
export async function runDoctor(options: RunDoctorOptions): Promise<CheckResult[]> {
  const results: CheckResult[] = [await runCheck('node', 'Node.js version', () => checkNode())];
  let project: Project | undefined;
  results.push(
    await runCheck('config', 'config is valid', async () => {
      project = await loadProject(options.dir, { env: options.env, logger: silentLogger() });
      return { status: 'pass', detail: `${project.configFile}: ${project.packages.map((entry) => entry.id).join(', ') || 'no packages'}` };
    }),
  );
  const loaded = project;
  if (!loaded) {
    const hint = 'Fix the config first: `downcity config validate` lists every problem.';
    for (const [id, title] of [['store', 'store opens'], ['model', 'model'], ['bwrap', 'bwrap (shell sandbox)'], ['ffmpeg', 'ffmpeg (asr)'], ['pocketsphinx', 'pocketsphinx (asr)']] as const) {
      results.push({ id, title, status: 'skip', detail: 'needs a valid config', hint });
    }
    const failed = results.find((result) => result.id === 'config');
    if (failed) failed.hint = hint;
    return results;
  }
  // A PostgreSQL store is looked at read-only (opening it would apply its migrations); any other store is opened.
  if (loaded.config.store.kind === 'postgres') results.push(...(await databaseChecks(loaded)));
  else results.push(await storeCheck(loaded));
  results.push(
    await runCheck('model', 'model', async () =>
      loaded.model.source === 'none' ? { status: 'warn', detail: 'none configured', hint: MODEL_HINT } : { status: 'pass', detail: `${modelLabel(loaded.model)} (from ${loaded.model.source})` },
    ),
  );
  results.push(await runCheck('bwrap', 'bwrap (shell sandbox)', () => checkBwrap(loaded.config, uses(loaded, 'shell'), options.env)));
  results.push(await runCheck('ffmpeg', 'ffmpeg (asr)', () => checkFfmpeg(loaded.config, uses(loaded, 'asr'), options.env)));
  results.push(await runCheck('pocketsphinx', 'pocketsphinx (asr)', () => checkPocketsphinx(loaded.config, uses(loaded, 'asr'), options.env)));
  results.push(...(await Promise.all(channelChecks(loaded))));
  return results;
}
