import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { getJson } from '../api.js';
import { formatTime } from '../format.js';
import { Link } from '../link.js';
import { QueryState } from '../query-state.js';
import type { SessionRow } from '../types.js';

interface Filter {
  channel: string;
  user: string;
  text: string;
}

const EMPTY: Filter = { channel: '', user: '', text: '' };

/** Sessions: chat sessions newest first, filtered by channel, user and text. */
export function SessionsPage() {
  const [draft, setDraft] = useState<Filter>(EMPTY);
  const [filter, setFilter] = useState<Filter>(EMPTY);
  const params = new URLSearchParams(Object.entries(filter).filter(([, value]) => value.trim() !== ''));
  const query = useQuery({
    queryKey: ['sessions', filter],
    queryFn: () => getJson<{ sessions: SessionRow[] }>(`sessions?${params.toString()}`),
    placeholderData: keepPreviousData,
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setFilter(draft);
  };
  const field = (name: keyof Filter) => ({ id: `filter-${name}`, name, value: draft[name], onChange: (event: { target: { value: string } }) => setDraft({ ...draft, [name]: event.target.value }) });
  return (
    <>
      <h1>Sessions</h1>
      <form className="filters" onSubmit={submit} role="search" aria-label="Filter sessions">
        <label htmlFor="filter-channel">Channel</label>
        <input {...field('channel')} placeholder="e.g. http" />
        <label htmlFor="filter-user">User or chat</label>
        <input {...field('user')} placeholder="e.g. alice" />
        <label htmlFor="filter-text">Text</label>
        <input {...field('text')} type="search" placeholder="words in messages" />
        <button type="submit">Filter</button>
        <button type="button" onClick={() => { setDraft(EMPTY); setFilter(EMPTY); }}>Clear</button>
      </form>
      <QueryState query={query} what="sessions">
        {({ sessions }) =>
          sessions.length === 0 ? (
            <p role="status">No sessions match.</p>
          ) : (
            <table>
              <caption>
                {sessions.length === 500 ? 'The 500 most recently active sessions' : `${sessions.length} session${sessions.length === 1 ? '' : 's'}`}
              </caption>
              <thead>
                <tr>
                  <th scope="col">Session</th>
                  <th scope="col">Channels</th>
                  <th scope="col">Chat</th>
                  <th scope="col">Messages</th>
                  <th scope="col">Updated</th>
                </tr>
              </thead>
              <tbody>
                {sessions.map((session) => (
                  <tr key={session.id}>
                    <td>
                      <Link to={`sessions/${session.id}`}>{session.title ?? session.id}</Link>
                    </td>
                    <td>{session.channels.join(', ')}</td>
                    <td>{session.route?.chatId ?? '—'}</td>
                    <td>{session.messages}</td>
                    <td>{formatTime(session.updatedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </QueryState>
    </>
  );
}
