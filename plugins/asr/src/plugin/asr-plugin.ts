import { definePlugin } from '@downcity/core';
import pkg from '../../package.json' with { type: 'json' };
import { AsrConfigSchema } from '../config.js';
import { createEngine } from '../create-engine.js';
import { createInboundTranscriber } from './transcribe-inbound.js';
import { transcriptInstructions } from './transcript-instructions.js';

/** Slack on top of the download and transcription timeouts, so the plugin's own timeouts (which leave a note) fire before the pipeline's. */
const HANDLER_SLACK_MS = 5_000;

/**
 * The asr plugin (id `asr`): attaches to the chat service's `chat/inbound` pipeline and turns a voice or
 * audio attachment into a transcript on the message, with the engine chosen by `plugins.asr.engine`.
 *
 * @example
 * ```ts
 * import { createAgent } from '@downcity/core';
 * import { createChatService, httpChannel } from '@downcity/chat';
 * import { asrPlugin } from '@downcity/asr';
 *
 * const agent = createAgent({
 *   services: [createChatService({ channels: [httpChannel] })],
 *   plugins: [asrPlugin],
 *   config: { plugins: { asr: { engine: { kind: 'openai-compatible', baseURL: 'https://api.openai.com/v1', apiKey: process.env.OPENAI_API_KEY } } } },
 * });
 * ```
 */
export const asrPlugin = definePlugin({
  package: pkg,
  config: AsrConfigSchema,
  setup: (context) => {
    const config = context.config;
    const engine = createEngine(config.engine);
    return {
      handlers: {
        'chat/inbound': {
          handler: createInboundTranscriber({ engine, config, logger: context.logger }),
          timeoutMs: config.downloadTimeoutMs + config.timeoutMs + HANDLER_SLACK_MS,
        },
      },
      instructions: transcriptInstructions,
    };
  },
});
