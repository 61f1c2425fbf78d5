import { useEffect, useRef, useState } from 'react';
import { apiBase } from '../api.js';
import type { LogRecord } from '../types.js';

/** How many lines the page keeps; older ones scroll away. */
const SHOWN_LINES = 300;
const LEVELS = ['trace', 'debug', 'info', 'warn', 'error'] as const;

/** The fields of a line worth showing next to its message (the agent's name is on every line). */
function fieldText(record: LogRecord): string {
  const { agent: _agent, ...rest } = record.fields;
  const text = JSON.stringify(rest);
  return text === '{}' ? '' : text;
}

/**
 * The live log tail: the agent's recent log lines (redacted by the agent before they reach the console) streamed
 * over server-sent events, filtered by level; the page keeps the newest 300.
 */
export function LogTail() {
  const [level, setLevel] = useState<string>('info');
  const [lines, setLines] = useState<LogRecord[]>([]);
  const [state, setState] = useState<'connecting' | 'live' | 'unavailable'>('connecting');
  const [paused, setPaused] = useState(false);
  const pausedRef = useRef(paused);
  pausedRef.current = paused;
  // Follows new lines while the reader is at the bottom; scrolling up to read stops the following.
  const list = useRef<HTMLOListElement>(null);
  const following = useRef(true);
  useEffect(() => {
    if (following.current && list.current) list.current.scrollTop = list.current.scrollHeight;
  }, [lines]);
  useEffect(() => {
    setLines([]);
    setState('connecting');
    const source = new EventSource(`${apiBase}logs/stream?level=${encodeURIComponent(level)}`);
    source.onopen = () => setState('live');
    source.onerror = () => setState(source.readyState === EventSource.CLOSED ? 'unavailable' : 'connecting');
    source.addEventListener('log', (event) => {
      if (pausedRef.current) return;
      const record = JSON.parse((event as MessageEvent<string>).data) as LogRecord;
      setLines((shown) => [...shown, record].slice(-SHOWN_LINES));
    });
    return () => source.close();
  }, [level]);
  return (
    <section aria-labelledby="log-tail-heading">
      <h2 id="log-tail-heading">Log tail</h2>
      <div className="filters">
        <label>
          Level{' '}
          <select value={level} onChange={(event) => setLevel(event.target.value)}>
            {LEVELS.map((name) => (
              <option key={name} value={name}>
                {name} and above
              </option>
            ))}
          </select>
        </label>
        <button type="button" aria-pressed={paused} onClick={() => setPaused(!paused)}>
          {paused ? 'Resume' : 'Pause'}
        </button>
        <button type="button" onClick={() => setLines([])}>
          Clear
        </button>
        <span role="status" className="muted">
          {state === 'live' ? (paused ? 'paused' : 'live') : state === 'connecting' ? 'connecting…' : 'not available'} · {lines.length} lines · secrets are redacted by the agent
        </span>
      </div>
      <ol
        className="log-tail"
        aria-label="Log lines, oldest first"
        // Focusable, so a keyboard can scroll it.
        tabIndex={0}
        ref={list}
        onScroll={(event) => {
          const element = event.currentTarget;
          following.current = element.scrollHeight - element.scrollTop - element.clientHeight < 24;
        }}
      >
        {lines.map((record) => (
          <li key={record.seq} className={`log-${record.level}`}>
            <time dateTime={new Date(record.time).toISOString()}>{new Date(record.time).toLocaleTimeString()}</time> <span className="log-level">{record.level}</span>{' '}
            <span className="log-message">{record.message}</span> <span className="meta">{fieldText(record)}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
