import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { getJson } from '../api.js';
import { useChatReply, type LiveReply } from '../chat/use-chat-reply.js';
import { QueryState } from '../query-state.js';
import type { ChatHistoryView, MessageView } from '../types.js';
import { MessageParts } from './message-parts.js';

/** The one conversation the page shows (each has its own session). */
const CHAT_ID = 'main';

const WHO: Record<MessageView['role'], string> = { user: 'You', assistant: 'Agent', tool: 'Tool', system: 'System' };

/** A stored message of the conversation. */
function StoredMessage(props: { message: MessageView }) {
  const { message } = props;
  return (
    <li className={`message ${message.role}`}>
      <p className="meta">
        <strong>{WHO[message.role]}</strong>
        {message.metadata.stopped === true ? <span className="tag"> · stopped</span> : null}
      </p>
      <MessageParts parts={message.parts} />
    </li>
  );
}

/** The message being answered and the reply as it streams: finished steps, then the text being written. */
function LiveMessages(props: { live: LiveReply }) {
  const { live } = props;
  return (
    <>
      <li className="message user">
        <p className="meta">
          <strong>You</strong>
        </p>
        <p className="text">{live.text}</p>
      </li>
      <li className="message assistant live" aria-busy="true">
        <p className="meta">
          <strong>Agent</strong> · writing…
        </p>
        <MessageParts parts={live.parts} />
        {live.writing ? <p className="text">{live.writing}</p> : null}
      </li>
    </>
  );
}

/**
 * Chat: the operator talks to the agent through the console's web chat channel. Replies stream in as they are
 * written, each tool call shows its arguments and result, and Stop ends a reply; the conversation is stored in
 * a chat session, so a reload shows it again.
 */
export function ChatPage() {
  const client = useQueryClient();
  const queryKey = ['chat-history', CHAT_ID];
  const history = useQuery({
    queryKey,
    queryFn: () => getJson<ChatHistoryView>(`chat/history?chatId=${CHAT_ID}`),
    // A reply another tab (or this page before a reload) is waiting for: follow it until it is stored.
    refetchInterval: (query) => (query.state.data?.replying ? 1_000 : false),
  });
  const reload = useCallback(() => client.refetchQueries({ queryKey: ['chat-history', CHAT_ID] }), [client]);
  const { live, ended, stopping, send, stop } = useChatReply(CHAT_ID, reload);
  const [draft, setDraft] = useState('');
  const end = useRef<HTMLDivElement>(null);
  const box = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    end.current?.scrollIntoView({ block: 'nearest' });
  }, [live, history.data]);

  const replying = live !== null || history.data?.replying === true;
  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    const text = draft.trim();
    if (!text || replying) return;
    setDraft('');
    if (!(await send(text))) setDraft(text);
    box.current?.focus();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) void submit(event);
  };

  return (
    <>
      <h1>Chat</h1>
      <p className="muted">You talk to the agent as its operator. Replies stream in as they are written; tool calls show their arguments and results.</p>
      <QueryState query={history} what="the conversation">
        {(view) => (
          <ol className="history" aria-label="Conversation, oldest first">
            {view.messages.map((message) => (
              <StoredMessage key={message.seq} message={message} />
            ))}
            {live ? <LiveMessages live={live} /> : null}
          </ol>
        )}
      </QueryState>
      {history.data?.messages.length === 0 && !live ? <p className="muted">No messages yet. Say hello.</p> : null}
      <div ref={end} />
      <form className="chat-form" onSubmit={(event) => void submit(event)}>
        <label htmlFor="chat-message">Message</label>
        <textarea
          id="chat-message"
          ref={box}
          rows={3}
          value={draft}
          onChange={(event) => setDraft(event.target.value)}
          onKeyDown={onKeyDown}
          aria-describedby="chat-help"
        />
        <p id="chat-help" className="meta">
          Enter sends, Shift+Enter starts a new line.
        </p>
        <div className="actions">
          <button type="submit" disabled={replying || draft.trim() === ''}>
            Send
          </button>
          {replying ? (
            <button type="button" className="danger" onClick={() => void stop()} disabled={stopping}>
              {stopping ? 'Stopping…' : 'Stop'}
            </button>
          ) : null}
          <span role="status">{replying ? 'The agent is replying…' : ended?.kind === 'stopped' ? ended.message : ''}</span>
          {ended?.kind === 'failed' ? (
            <span role="alert" className="error">
              {ended.message}
            </span>
          ) : null}
        </div>
      </form>
    </>
  );
}
