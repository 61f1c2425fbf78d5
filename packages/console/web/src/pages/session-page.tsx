import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { getJson, postJson } from '../api.js';
import { formatCost, formatTime } from '../format.js';
import { Link } from '../link.js';
import { QueryState } from '../query-state.js';
import type { SessionDetail } from '../types.js';
import { MessageParts } from './message-parts.js';

/** One session: its history with tool calls, and reset (asks to confirm first). */
export function SessionPage(props: { sessionId: string }) {
  const client = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const query = useQuery({
    queryKey: ['session', props.sessionId],
    queryFn: () => getJson<SessionDetail>(`sessions/${encodeURIComponent(props.sessionId)}`),
  });
  const reset = useMutation({
    mutationFn: () => postJson<{ reset: boolean }>(`sessions/${encodeURIComponent(props.sessionId)}/reset`),
    onSettled: () => {
      setConfirming(false);
      return client.invalidateQueries({ queryKey: ['session', props.sessionId] });
    },
  });
  return (
    <>
      <p>
        <Link to="sessions">← All sessions</Link>
      </p>
      <h1>Session {props.sessionId}</h1>
      <QueryState query={query} what="the session">
        {({ session, messages, windowStart, usage }) => (
          <>
            <dl className="facts">
              <dt>Channels</dt>
              <dd>{session.channels.join(', ') || '—'}</dd>
              <dt>Chat</dt>
              <dd>{session.route ? `${session.route.channel} / ${session.route.account} / ${session.route.chatId}` : '—'}</dd>
              <dt>Messages</dt>
              <dd>{session.messages}</dd>
              <dt>Started</dt>
              <dd>{formatTime(session.createdAt)}</dd>
              <dt>Model use</dt>
              <dd>{usage.steps === 0 ? 'none in these messages' : `${usage.steps} model ${usage.steps === 1 ? 'step' : 'steps'}: ${formatCost(usage)}`}</dd>
              <dt>Model sees</dt>
              <dd>{windowStart === 0 ? 'the whole conversation' : `messages after #${windowStart} (reset)`}</dd>
            </dl>
            <div className="actions">
              {confirming ? (
                <>
                  <span id="reset-question">Reset: the model forgets this conversation; messages stay stored.</span>
                  <button type="button" className="danger" aria-describedby="reset-question" onClick={() => reset.mutate()} disabled={reset.isPending}>
                    Confirm reset
                  </button>
                  <button type="button" onClick={() => setConfirming(false)}>
                    Cancel
                  </button>
                </>
              ) : (
                <button type="button" onClick={() => setConfirming(true)}>
                  Reset session…
                </button>
              )}
              <span role="status">{reset.isSuccess ? 'Session reset.' : ''}</span>
              {reset.isError ? <span role="alert" className="error">Reset failed: {reset.error.message}</span> : null}
            </div>
            <h2>History</h2>
            {session.messages > messages.length ? <p className="muted">The newest {messages.length} of {session.messages} messages.</p> : null}
            <ol className="history" aria-label="Messages, oldest first">
              {messages.map((message) => (
                <li key={message.seq} className={`message ${message.role}${message.seq <= windowStart ? ' forgotten' : ''}`}>
                  <p className="meta">
                    <strong>{message.role}</strong> · #{message.seq}{message.seq <= windowStart ? ' · before reset' : ''} · <time dateTime={new Date(message.createdAt).toISOString()}>{formatTime(message.createdAt)}</time>
                    {message.step ? <span className="cost"> · model step: {formatCost(message.step)}</span> : null}
                  </p>
                  <MessageParts parts={message.parts} />
                </li>
              ))}
            </ol>
          </>
        )}
      </QueryState>
    </>
  );
}
