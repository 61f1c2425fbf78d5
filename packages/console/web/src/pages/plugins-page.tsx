import { useQuery } from '@tanstack/react-query';
import { getJson } from '../api.js';
import { QueryState } from '../query-state.js';
import type { InstalledPackageView, InstalledView, PendingChange } from '../types.js';
import { PermissionList } from './permission-list.js';
import { PluginMarket } from './plugin-market.js';


function describeChange(change: PendingChange): string {
  if (change.change === 'added') return `${change.version ?? ''}: added; restart to load it`;
  if (change.change === 'updated') return `${change.version ?? ''}: the agent runs ${change.runningVersion ?? ''}; restart to load ${change.version ?? ''}`;
  return `removed from use; the agent still runs ${change.runningVersion ?? ''} until it restarts`;
}

function RestartNeeded(props: { changes: PendingChange[]; projectDir: string | null }) {
  if (props.changes.length === 0) return null;
  return (
    <section className="notice" aria-labelledby="restart-heading">
      <h2 id="restart-heading">Restart needed</h2>
      <p>
        These changes in <code>{props.projectDir}</code> take effect when the agent restarts: stop it, then run <code>downcity start</code> again.
      </p>
      <ul>
        {props.changes.map((change) => (
          <li key={change.name}>
            <strong>{change.name}</strong> {change.kind ? `(${change.kind}) ` : ''}
            {describeChange(change)}
          </li>
        ))}
      </ul>
    </section>
  );
}

function Points(props: { item: InstalledPackageView }) {
  const { declares, attaches } = props.item;
  if (props.item.kind === 'channel') return <>a chat channel</>;
  if (declares.length + attaches.length === 0) return <>—</>;
  return (
    <ul className="plain points">
      {declares.map((point) => (
        <li key={`d-${point.name}`}>
          declares <code>{point.name}</code> ({point.kind})
        </li>
      ))}
      {attaches.map((point) => (
        <li key={`a-${point.name}`}>
          attaches <code>{point.name}</code> ({point.kind}
          {point.skipped ? ', skipped: its service is not loaded' : ''})
        </li>
      ))}
    </ul>
  );
}

function Installed(props: { view: InstalledView }) {
  const { packages } = props.view;
  return (
    <table>
      <caption>
        {packages.length} package{packages.length === 1 ? '' : 's'} the running agent loaded
      </caption>
      <thead>
        <tr>
          <th scope="col">Package</th>
          <th scope="col">Extension points</th>
          <th scope="col">Actions (* model tool)</th>
          <th scope="col">Permissions</th>
          <th scope="col">Enforced</th>
        </tr>
      </thead>
      <tbody>
        {packages.map((item) => (
          <tr key={item.name}>
            <th scope="row">
              {item.name} <span className="muted">{item.version}</span>
              <br />
              <span className="meta">
                {item.kind}
                {item.id ? ` "${item.id}"` : ''}
                {item.builtIn ? ', built in' : ''}
              </span>
            </th>
            <td>
              <Points item={item} />
            </td>
            <td>
              {item.actions.length === 0 ? (
                '—'
              ) : (
                <ul className="plain points">
                  {item.actions.map((action) => (
                    <li key={action.name} title={action.description}>
                      {action.name}
                      {action.tool ? '*' : ''}
                    </li>
                  ))}
                </ul>
              )}
            </td>
            <td>
              <PermissionList lines={item.permissionLines} label={`Permissions of ${item.name}`} />
            </td>
            <td>
              <ul className="plain points" aria-label={`What is enforced of ${item.name}`}>
                {item.enforced.map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Plugins: what the running agent loaded, with permissions; what needs a restart; the market, with add after a permission prompt. */
export function PluginsPage() {
  const query = useQuery({ queryKey: ['plugins'], queryFn: () => getJson<InstalledView>('plugins') });
  return (
    <>
      <h1>Plugins</h1>
      <QueryState query={query} what="the installed packages">
        {(view) => (
          <>
            <RestartNeeded changes={view.restartNeeded} projectDir={view.projectDir} />
            <h2>Installed</h2>
            {view.projectProblem ? <p role="alert" className="error">Could not read the project folder: {view.projectProblem}</p> : null}
            <Installed view={view} />
            <h2>Market</h2>
            {view.projectDir === null ? (
              <p>
                This agent was not started from a project folder, so packages cannot be added here. Run <code>downcity plugins add</code> in the project.
              </p>
            ) : (
              <PluginMarket projectDir={view.projectDir} />
            )}
          </>
        )}
      </QueryState>
    </>
  );
}
