import { useQuery } from '@tanstack/react-query';
import { getJson } from '../api.js';
import { QueryState } from '../query-state.js';
import { formatTime } from '../format.js';
import type { HealthView } from '../types.js';
import { LogTail } from './log-tail.js';

/** Health: versions, uptime, model, store and chat channels (refreshed every 10 seconds), and the live log tail. */
export function HealthPage() {
  const query = useQuery({ queryKey: ['health'], queryFn: () => getJson<HealthView>('health'), refetchInterval: 10_000 });
  return (
    <>
      <h1>Health</h1>
      <QueryState query={query} what="health">
        {(health) => (
          <>
            <dl className="facts">
              <dt>Model</dt>
              <dd className={health.model.configured ? 'good' : 'bad'}>{health.model.configured ? 'configured' : 'not configured'}</dd>
              <dt>Store</dt>
              <dd className={health.store.reachable ? 'good' : 'bad'}>
                {health.store.reachable ? `answering${health.store.chatSessions === undefined ? '' : `, ${health.store.chatSessions} chat sessions`}` : `not answering: ${health.store.error ?? 'unknown error'}`}
              </dd>
              <dt>Uptime</dt>
              <dd>{health.uptimeSeconds} s</dd>
              <dt>Versions</dt>
              <dd>
                console {health.versions.console}, core {health.versions.core}, Node.js {health.versions.node}
              </dd>
            </dl>
            <h2>Channels</h2>
            {health.channels === null ? (
              <p>The chat service is not loaded.</p>
            ) : health.channels.length === 0 ? (
              <p>No chat channels are turned on.</p>
            ) : (
              <table>
                <caption className="visually-hidden">Chat channels</caption>
                <thead>
                  <tr>
                    <th scope="col">Channel</th>
                    <th scope="col">Account</th>
                    <th scope="col">State</th>
                    <th scope="col">Last message</th>
                    <th scope="col">Last error</th>
                    <th scope="col">Details</th>
                  </tr>
                </thead>
                <tbody>
                  {health.channels.map((channel) => (
                    <tr key={`${channel.id}:${channel.account}`}>
                      <td>{channel.id}</td>
                      <td>{channel.account}</td>
                      <td className={channel.connected ? 'good' : 'bad'}>{channel.connected ? 'connected' : 'disconnected'}</td>
                      <td>{channel.lastEventAt ? formatTime(Date.parse(channel.lastEventAt)) : 'none yet'}</td>
                      <td className={channel.lastError ? 'bad' : undefined}>{channel.lastError ? `${formatTime(Date.parse(channel.lastError.at))}: ${channel.lastError.message}` : 'none'}</td>
                      <td>{Object.entries(channel.info).map(([key, value]) => `${key}: ${String(value)}`).join(', ') || '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </>
        )}
      </QueryState>
      <LogTail />
    </>
  );
}
