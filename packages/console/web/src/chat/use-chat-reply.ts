import { useCallback, useRef, useState } from 'react';
import { postForEvents, postJson } from '../api.js';
import type { MessagePartView } from '../types.js';
import { readEvents } from './read-events.js';

/** The reply being streamed, as the page shows it until the stored conversation has it. */
export interface LiveReply {
  /** What the operator sent. */
  text: string;
  /** The parts of the finished model steps: text, tool calls with arguments, tool results. */
  parts: MessagePartView[];
  /** The text of the step being written, as it streams. */
  writing: string;
}

/** How the last reply ended, when not plainly answered. */
export interface ReplyEnd {
  /** Stopped with the Stop button (or `/stop`), or failed. */
  kind: 'stopped' | 'failed';
  /** What to tell the operator. */
  message: string;
}

/**
 * Sends the operator's messages and streams the replies of one conversation: `live` while a reply streams,
 * `ended` when the last one was stopped or failed. `onSettled` reloads the stored conversation before the live
 * reply is dropped, so nothing flickers.
 */
export function useChatReply(chatId: string, onSettled: () => Promise<unknown>) {
  const [live, setLive] = useState<LiveReply | null>(null);
  const [ended, setEnded] = useState<ReplyEnd | null>(null);
  const [stopping, setStopping] = useState(false);
  // Whether this page is streaming a reply (else Stop acts on one it only sees in the history, after a reload).
  const sending = useRef(false);

  /** Sends `text`; resolves `false` when the agent refused it (nothing was stored), after the reply ended. */
  const send = useCallback(
    async (text: string): Promise<boolean> => {
      let reply: LiveReply = { text, parts: [], writing: '' };
      const show = (change: Partial<LiveReply>): void => {
        reply = { ...reply, ...change };
        setLive(reply);
      };
      sending.current = true;
      setEnded(null);
      show({});
      let accepted = false;
      let end: ReplyEnd | null = null;
      try {
        const response = await postForEvents('chat/messages', { text, chatId });
        for await (const event of readEvents(response)) {
          if (event.event === 'accepted') accepted = true;
          else if (event.event === 'delta') show({ writing: reply.writing + event.data.text });
          else if (event.event === 'step') show({ parts: [...reply.parts, ...event.data.parts], writing: '' });
          else if (event.event === 'stopped') end = { kind: 'stopped', message: 'Reply stopped. What the agent had written is kept.' };
          else if (event.event === 'failed') end = { kind: 'failed', message: event.data.message };
        }
      } catch (error) {
        end = { kind: 'failed', message: error instanceof Error ? error.message : String(error) };
      }
      await onSettled().catch(() => undefined);
      sending.current = false;
      setLive(null);
      setStopping(false);
      setEnded(end);
      return accepted;
    },
    [chatId, onSettled],
  );

  /** Asks the agent to stop the reply being written in this conversation. */
  const stop = useCallback(async (): Promise<void> => {
    setStopping(true);
    try {
      await postJson<{ stopped: boolean }>('chat/stop', { chatId });
      if (!sending.current) {
        await onSettled().catch(() => undefined);
        setStopping(false);
      }
    } catch (error) {
      setStopping(false);
      setEnded({ kind: 'failed', message: `Could not stop: ${error instanceof Error ? error.message : String(error)}` });
    }
  }, [chatId, onSettled]);

  return { live, ended, stopping, send, stop };
}
