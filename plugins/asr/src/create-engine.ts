import { EngineConfigSchema, type EngineConfigInput } from './config.js';
import type { TranscriptionEngine } from './engine/engine.js';
import { createOpenAICompatibleEngine } from './engine/openai-compatible-engine.js';
import { createPocketsphinxEngine } from './engine/pocketsphinx-engine.js';
import { createSherpaOnnxEngine } from './engine/sherpa-onnx-engine.js';
import { parseConfig } from './parse-config.js';

/**
 * Creates the engine an `engine` config section describes (`kind`: `pocketsphinx`,
 * `openai-compatible` or `sherpa-onnx`). Pass `AsrConfig['engine']` or raw user input.
 *
 * @example
 * ```ts
 * const config = AsrConfigSchema.parse(userConfig);
 * const engine = createEngine(config.engine);
 * ```
 *
 * @throws `DowncityError` `CONFIG_INVALID` naming each invalid key.
 */
export function createEngine(config: EngineConfigInput): TranscriptionEngine {
  const engine = parseConfig({ schema: EngineConfigSchema, value: config, path: 'engine' });
  switch (engine.kind) {
    case 'pocketsphinx':
      return createPocketsphinxEngine(engine);
    case 'openai-compatible':
      return createOpenAICompatibleEngine(engine);
    case 'sherpa-onnx':
      return createSherpaOnnxEngine(engine);
  }
}
