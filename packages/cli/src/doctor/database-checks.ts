import { inspectPostgresStore, type PostgresStoreReport } from '@downcity/store-postgres';
import { clusterSchemaOf } from '../project/create-worker-cluster.js';
import type { Project } from '../project/load-project.js';
import { runCheck, type CheckResult } from './check.js';

const HINT_UNREACHABLE = 'Check DOWNCITY_DATABASE_URL (or store.url): the host, port, user, password and database of a running PostgreSQL.';
const needsConnection = (id: string, title: string): CheckResult => ({ id, title, status: 'skip', detail: 'needs a database connection' });

/** The store's migrations: applied, not yet (the first start applies them), or newer than this release. */
function migrationsOutcome(report: PostgresStoreReport): Omit<CheckResult, 'id' | 'title'> {
  const { schema, appliedVersion, latestVersion } = report;
  if (appliedVersion === latestVersion) return { status: 'pass', detail: `schema "${schema}" is at version ${appliedVersion} (up to date)` };
  if (appliedVersion > latestVersion) {
    return { status: 'fail', detail: `schema "${schema}" is at version ${appliedVersion}, newer than this release knows (${latestVersion})`, hint: 'Upgrade @downcity/store-postgres (and the CLI) on every worker.' };
  }
  const what = appliedVersion === 0 ? 'has no tables yet' : `is at version ${appliedVersion} of ${latestVersion}`;
  return { status: 'warn', detail: `schema "${schema}" ${what}`, hint: 'The next `downcity start` applies the migrations (workers that start together migrate once).' };
}

/**
 * The checks of a PostgreSQL store (`store.kind: 'postgres'`, or `DOWNCITY_DATABASE_URL`), all read-only: the
 * server answers (its version; a refused connection, a wrong password or a missing database said plainly,
 * never the password), the store's migrations, the job queue's schema and the live workers of the cluster.
 * None for another store.
 */
export async function databaseChecks(project: Project): Promise<CheckResult[]> {
  const settings = project.config.store;
  if (settings.kind !== 'postgres') return [];
  const connectionString = settings.url ?? project.env.DOWNCITY_DATABASE_URL ?? '';
  let store: PostgresStoreReport | undefined;
  const server = await runCheck('database', 'PostgreSQL', async () => {
    store = await inspectPostgresStore({ connectionString, schema: settings.schema });
    return { status: 'pass', detail: `PostgreSQL ${store.serverVersion} at ${store.target}` };
  });
  if (server.status === 'fail') server.hint = HINT_UNREACHABLE;
  const report = store;
  if (!report) return [server, needsConnection('database:migrations', 'store migrations'), needsConnection('database:queue', 'job queue'), needsConnection('cluster:workers', 'live workers')];
  const migrations = await runCheck('database:migrations', 'store migrations', async () => migrationsOutcome(report));
  // Imported here only: commands without a PostgreSQL store do not load the job queue.
  const { inspectPostgresCluster } = await import('@downcity/cluster-postgres');
  const cluster = await inspectPostgresCluster({ connectionString, schema: clusterSchemaOf(project.config) }).catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))));
  const queue = await runCheck('database:queue', 'job queue', async () => {
    if (cluster instanceof Error) throw cluster;
    return cluster.queueInstalled
      ? { status: 'pass', detail: `Graphile Worker schema "${cluster.schema}" is installed (migration ${String(cluster.queueVersion)})` }
      : { status: 'warn', detail: `schema "${cluster.schema}" is not installed yet`, hint: 'The first `downcity start --worker` installs it.' };
  });
  const workers = await runCheck('cluster:workers', 'live workers', async () => {
    if (cluster instanceof Error) throw cluster;
    const gone = cluster.gone > 0 ? `; ${cluster.gone} gone (forgotten at the next sweep of a live worker)` : '';
    if (cluster.members.length === 0) return { status: 'pass', detail: `none running now${gone}` };
    const list = cluster.members.map((member) => `${member.workerId} on ${member.host} (pid ${member.pid})`).join(', ');
    return { status: 'pass', detail: `${cluster.members.length} running: ${list}${gone}` };
  });
  return [server, migrations, queue, workers];
}
