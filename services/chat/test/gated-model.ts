import { createScriptedModel, type ScriptedModel } from '@downcity/testing';

/** The language model surface of a scripted model (an AI SDK `LanguageModelV4`). */
export type TestModel = Pick<ScriptedModel, 'specificationVersion' | 'provider' | 'modelId' | 'supportedUrls' | 'doGenerate' | 'doStream'>;

/** A scripted (echoing) model whose calls wait while the gate is closed. */
export function gatedModel(): { model: TestModel; scripted: ScriptedModel; close(): void; open(): void; waiting(): number } {
  const scripted = createScriptedModel();
  let gate: Promise<void> | undefined;
  let release: () => void = () => {};
  let waiting = 0;
  const pass = async (): Promise<void> => {
    if (!gate) return;
    waiting++;
    await gate;
    waiting--;
  };
  const model: TestModel = {
    specificationVersion: 'v4',
    provider: 'gated',
    modelId: 'gated',
    supportedUrls: {},
    doGenerate: async (options) => (await pass(), scripted.doGenerate(options)),
    doStream: async (options) => (await pass(), scripted.doStream(options)),
  };
  return {
    model,
    scripted,
    close() {
      gate ??= new Promise((resolve) => (release = resolve));
    },
    open() {
      gate = undefined;
      release();
    },
    waiting: () => waiting,
  };
}
