import { createChatService, httpChannel } from '@downcity/chat';
import { createAgent, type Agent, type AgentOptions } from '@downcity/core';
import { createScriptedModel, type ScriptedModel } from '@downcity/testing';
import type { AsrConfigInput } from '../src/config.js';
import { asrPlugin } from '../src/plugin/asr-plugin.js';

const TOKEN = 'asr-test-token-0001';

/** What the HTTP channel answers to `POST /v1/messages` with `accept: application/json`. */
export interface HttpReply {
  /** HTTP status. */
  status: number;
  /** The JSON body: status, messageId, sessionId, text. */
  body: { status: string; messageId: string; sessionId?: string; text: string };
}

/** A running agent with chat (HTTP channel) and the asr plugin. */
export interface VoiceAgent extends AsyncDisposable {
  /** The agent. */
  agent: Agent;
  /** The scripted model, unless another model was given. */
  model: ScriptedModel | undefined;
  /** Posts a voice message (base64 audio as a `voice` attachment) and waits for the reply. */
  sendVoice(options: { audio: Uint8Array; mimeType?: string; text?: string; user?: string; sessionKey?: string }): Promise<HttpReply>;
}

/** Starts an agent with the chat service's HTTP channel on a free port, the asr plugin and a model (default: an echoing scripted model). */
export async function startVoiceAgent(options: { asr: AsrConfigInput; model?: AgentOptions['model'] }): Promise<VoiceAgent> {
  const scripted = options.model === undefined ? createScriptedModel() : undefined;
  const agent = createAgent({
    logger: { level: 'silent' },
    services: [createChatService({ channels: [httpChannel] })],
    plugins: [asrPlugin],
    model: options.model ?? scripted,
    config: { services: { chat: { channels: { http: { token: TOKEN, port: 0 } } } }, plugins: { asr: options.asr } },
  });
  await agent.start();
  const { channels } = await agent.invoke('chat/channels', {});
  const url = String(channels.find((channel) => channel.id === 'http')?.info.url);
  let counter = 0;
  return {
    agent,
    model: scripted,
    async sendVoice({ audio, mimeType = 'audio/ogg', text = '', user = 'alice', sessionKey = 'voice-1' }) {
      counter += 1;
      // The HTTP channel takes who speaks from the credential: the user sends a per-user token of their own.
      const { token } = await agent.invoke('chat/http-token-create', { user });
      const response = await fetch(`${url}/v1/messages`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({
          text,
          sessionKey,
          user,
          messageId: `voice-${counter}`,
          attachments: [{ kind: 'voice', mimeType, fileName: 'voice.ogg', dataBase64: Buffer.from(audio).toString('base64') }],
        }),
      });
      return { status: response.status, body: (await response.json()) as HttpReply['body'] };
    },
    [Symbol.asyncDispose]: () => agent.stop(),
  };
}
