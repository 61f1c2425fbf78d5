import { useQuery } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { getJson } from '../api.js';
import { QueryState } from '../query-state.js';
import type { MarketListingView } from '../types.js';
import { PermissionList } from './permission-list.js';
import { PluginListing } from './plugin-listing.js';

function compatibility(result: MarketListingView): string {
  if (result.compatible) return 'yes';
  if (result.compatibleVersion) return `${result.compatibleVersion} does (latest needs core ${result.coreRange ?? '?'})`;
  return `no (needs core ${result.coreRange ?? 'an unknown version'})`;
}

function Results(props: { results: MarketListingView[]; text: string; onOpen: (name: string, opener: HTMLButtonElement) => void }) {
  const { results } = props;
  if (results.length === 0) return <p role="status">No Downcity packages found{props.text ? ` for “${props.text}”` : ''}.</p>;
  return (
    <table>
      <caption>
        {results.length} package{results.length === 1 ? '' : 's'} found{props.text ? ` for “${props.text}”` : ''}
      </caption>
      <thead>
        <tr>
          <th scope="col">Package</th>
          <th scope="col">Kind</th>
          <th scope="col">Asks for</th>
          <th scope="col">Works with this core</th>
          <th scope="col">Installed</th>
          <th scope="col">
            <span className="visually-hidden">Open</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {results.map((result) => (
          <tr key={result.name}>
            <th scope="row">
              {result.name} <span className="muted">{result.version}</span>
              {result.description ? (
                <>
                  <br />
                  <span className="meta">{result.description}</span>
                </>
              ) : null}
            </th>
            <td>{result.manifestValid ? (result.kind ?? '—') : <span className="bad">invalid manifest</span>}</td>
            <td>
              <PermissionList lines={result.permissionLines} label={`What ${result.name} asks for`} />
            </td>
            <td className={result.compatible ? undefined : 'bad'}>{compatibility(result)}</td>
            <td>{result.installedVersion ?? '—'}</td>
            <td>
              <button type="button" onClick={(event) => props.onOpen(result.name, event.currentTarget)} aria-label={`Details of ${result.name}`}>
                Details
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The market: search the registry for Downcity packages, open one to see its checks and permissions, add it. */
export function PluginMarket(props: { projectDir: string }) {
  const [draft, setDraft] = useState('');
  const [text, setText] = useState<string | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  // The Details button that opened the listing gets the focus back when it closes.
  const opener = useRef<HTMLButtonElement | null>(null);
  const query = useQuery({
    queryKey: ['plugins-market', text],
    queryFn: () => getJson<{ results: MarketListingView[] }>(`plugins/market?q=${encodeURIComponent(text ?? '')}`),
    enabled: text !== null,
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setOpen(null);
    setText(draft.trim());
  };
  return (
    <>
      <p className="muted">
        Search the registry this project uses (its <code>.npmrc</code>). Adding works like <code>downcity plugins add</code> in <code>{props.projectDir}</code>: the
        same checks, and you confirm the permissions first.
      </p>
      <form className="filters" onSubmit={submit} role="search" aria-label="Search the market">
        <label htmlFor="market-text">Search the registry</label>
        <input id="market-text" type="search" value={draft} onChange={(event) => setDraft(event.target.value)} placeholder="e.g. weather" />
        <button type="submit">Search</button>
      </form>
      {text === null ? null : (
        <QueryState query={query} what="search results">
          {({ results }) => (
            <Results
              results={results}
              text={text}
              onOpen={(name, button) => {
                opener.current = button;
                setOpen(name);
              }}
            />
          )}
        </QueryState>
      )}
      {open === null ? null : (
        <PluginListing
          key={open}
          name={open}
          onClose={() => {
            setOpen(null);
            opener.current?.focus();
          }}
        />
      )}
    </>
  );
}
