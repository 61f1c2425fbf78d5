import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { getJson, postJson } from '../api.js';
import { formatTime } from '../format.js';
import { Link } from '../link.js';
import { QueryState } from '../query-state.js';
import type { MemoryView } from '../types.js';

/** The search as submitted. */
interface MemorySearch {
  query: string;
  scope: string;
  owner: string;
}

function searchPath(search: MemorySearch): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(search)) if (value.trim() !== '') params.set(name, value.trim());
  const query = params.toString();
  return query === '' ? 'memory' : `memory?${query}`;
}

/** The first words of a memory, to name its controls. */
function shortText(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

/** Where a memory is kept: the agent, a user or a session. */
function whose(memory: MemoryView): string {
  if (memory.scope === 'agent') return 'everyone (agent)';
  return `${memory.scope} ${memory.owner ?? '?'}`;
}

/** One memory in full, with forget (asks first). */
function MemoryDetail(props: { memory: MemoryView; onClose: () => void; onForgotten: (text: string) => void }) {
  const { memory } = props;
  const client = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  // Keyboard and screen-reader users land on the memory they opened.
  const panel = useRef<HTMLElement>(null);
  useEffect(() => panel.current?.focus(), [memory.key]);
  const forget = useMutation({
    mutationFn: () => postJson<{ forgotten: boolean }>('memory/forget', { key: memory.key }),
    onSuccess: ({ forgotten }) => props.onForgotten(forgotten ? `Forgotten: "${shortText(memory.text)}". It will not be recalled again.` : 'That memory was already gone.'),
    onSettled: () => client.invalidateQueries({ queryKey: ['memory'] }),
  });
  return (
    <section className="detail" aria-labelledby="memory-detail-heading" tabIndex={-1} ref={panel}>
      <h2 id="memory-detail-heading">Memory {memory.id}</h2>
      <p className="text">{memory.text}</p>
      <dl className="facts">
        <dt>Scope</dt>
        <dd>{whose(memory)}</dd>
        <dt>Remembered</dt>
        <dd>{formatTime(Date.parse(memory.createdAt))}</dd>
        <dt>Stored by</dt>
        <dd>
          {memory.createdBy}
          {memory.principalId ? ` for ${memory.principalId}` : ''}
        </dd>
        <dt>Session</dt>
        <dd>{memory.sessionId ? <Link to={`sessions/${memory.sessionId}`}>{memory.sessionId}</Link> : '—'}</dd>
        <dt>Tags</dt>
        <dd>{memory.tags.length > 0 ? memory.tags.join(', ') : '—'}</dd>
        <dt>Key</dt>
        <dd>
          <code>{memory.key}</code>
        </dd>
      </dl>
      {forget.isError ? <p role="alert" className="error">Forget failed: {forget.error.message}</p> : null}
      <div className="actions">
        {confirming ? (
          <>
            <span>Forget this memory for good? The assistant will not recall it again.</span>
            <button type="button" className="danger" disabled={forget.isPending} onClick={() => forget.mutate()}>
              Confirm forget
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </>
        ) : (
          <>
            <button type="button" className="danger" onClick={() => setConfirming(true)}>
              Forget…
            </button>
            <button type="button" onClick={props.onClose}>
              Close
            </button>
          </>
        )}
      </div>
    </section>
  );
}

/** Memory: search every scope's memories, inspect one, forget it. */
export function MemoryPage() {
  const [draft, setDraft] = useState<MemorySearch>({ query: '', scope: '', owner: '' });
  const [search, setSearch] = useState<MemorySearch>(draft);
  const [selected, setSelected] = useState<MemoryView | undefined>();
  const [notice, setNotice] = useState('');
  const searchBox = useRef<HTMLInputElement>(null);
  const query = useQuery({ queryKey: ['memory', search], queryFn: () => getJson<{ memories: MemoryView[] | null }>(searchPath(search)) });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setNotice('');
    setSelected(undefined);
    setSearch(draft);
  };
  return (
    <>
      <h1>Memory</h1>
      <p className="muted">What the assistant remembers across conversations: shared facts, each user&apos;s own and each session&apos;s.</p>
      <form className="filters" role="search" onSubmit={submit}>
        <label>
          Search memory <input type="search" ref={searchBox} value={draft.query} onChange={(event) => setDraft({ ...draft, query: event.target.value })} />
        </label>
        <label>
          Scope{' '}
          <select value={draft.scope} onChange={(event) => setDraft({ ...draft, scope: event.target.value })}>
            <option value="">any</option>
            <option value="agent">agent (everyone)</option>
            <option value="user">user</option>
            <option value="session">session</option>
          </select>
        </label>
        <label>
          User or session <input value={draft.owner} onChange={(event) => setDraft({ ...draft, owner: event.target.value })} />
        </label>
        <button type="submit">Search</button>
      </form>
      <p role="status">{notice}</p>
      {selected ? (
        <MemoryDetail
          memory={selected}
          onClose={() => {
            setSelected(undefined);
            searchBox.current?.focus();
          }}
          onForgotten={(text) => {
            setSelected(undefined);
            setNotice(text);
            searchBox.current?.focus();
          }}
        />
      ) : null}
      <QueryState query={query} what="memories">
        {({ memories }) =>
          memories === null ? (
            <p>The memory service is not loaded in this agent.</p>
          ) : memories.length === 0 ? (
            <p>No memories match.</p>
          ) : (
            <table>
              <caption>
                {memories.length} {memories.length === 1 ? 'memory' : 'memories'}, {search.query.trim() ? 'best match first' : 'newest first'}
              </caption>
              <thead>
                <tr>
                  <th scope="col">Memory</th>
                  <th scope="col">Scope</th>
                  <th scope="col">Stored by</th>
                  <th scope="col">Session</th>
                  <th scope="col">When</th>
                  <th scope="col">Inspect</th>
                </tr>
              </thead>
              <tbody>
                {memories.map((memory) => (
                  <tr key={memory.key}>
                    <td>
                      {memory.text}
                      {memory.tags.length > 0 ? <span className="meta"> [{memory.tags.join(', ')}]</span> : null}
                    </td>
                    <td>{whose(memory)}</td>
                    <td>
                      {memory.createdBy}
                      {memory.principalId ? ` for ${memory.principalId}` : ''}
                    </td>
                    <td>{memory.sessionId ?? '—'}</td>
                    <td>{formatTime(Date.parse(memory.createdAt))}</td>
                    <td>
                      <button type="button" onClick={() => setSelected(memory)} aria-label={`Inspect "${shortText(memory.text)}"`}>
                        Inspect
                      </button>
                    </td>
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
