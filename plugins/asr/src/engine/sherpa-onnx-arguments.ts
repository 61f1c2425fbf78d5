import type { SherpaOnnxEngineConfig } from '../config.js';

/**
 * The model files a sherpa-onnx config names, keyed by their config path (`engine.tokens`,
 * `engine.model.encoder`...), so a missing file can be reported by the key to fix.
 */
export function sherpaOnnxModelFiles(config: SherpaOnnxEngineConfig): Record<string, string> {
  const model = config.model;
  const files: Record<string, string> = { 'engine.tokens': config.tokens };
  switch (model.type) {
    case 'transducer':
      return { ...files, 'engine.model.encoder': model.encoder, 'engine.model.decoder': model.decoder, 'engine.model.joiner': model.joiner };
    case 'whisper':
      return { ...files, 'engine.model.encoder': model.encoder, 'engine.model.decoder': model.decoder };
    case 'paraformer':
    case 'sense-voice':
    case 'nemo-ctc':
      return { ...files, 'engine.model.model': model.model };
  }
}

/** Builds the `sherpa-onnx-offline` argv for one WAV file (no shell involved). */
export function buildSherpaOnnxArguments(options: { config: SherpaOnnxEngineConfig; audioPath: string; language?: string }): string[] {
  const { config } = options;
  const model = config.model;
  const args = [`--tokens=${config.tokens}`, `--num-threads=${config.numThreads}`];
  switch (model.type) {
    case 'transducer':
      args.push(`--encoder=${model.encoder}`, `--decoder=${model.decoder}`, `--joiner=${model.joiner}`, '--decoding-method=greedy_search');
      break;
    case 'whisper': {
      args.push(`--whisper-encoder=${model.encoder}`, `--whisper-decoder=${model.decoder}`, `--whisper-task=${model.task}`);
      const language = options.language ?? model.language;
      if (language) args.push(`--whisper-language=${language}`);
      break;
    }
    case 'paraformer':
      args.push(`--paraformer=${model.model}`);
      break;
    case 'sense-voice':
      args.push(`--sense-voice-model=${model.model}`, `--sense-voice-language=${options.language ?? model.language}`, `--sense-voice-use-itn=${model.useInverseTextNormalization}`);
      break;
    case 'nemo-ctc':
      args.push(`--nemo-ctc-model=${model.model}`);
      break;
  }
  args.push(options.audioPath);
  return args;
}

/**
 * Reads the transcript from `sherpa-onnx-offline` output. It prints, on stderr, the WAV path,
 * then the result as one JSON line (`{"lang": "", "text": " HELLO WORLD", "timestamps": [...]}`),
 * then `----`. Returns the last such result's text, or `undefined` when there is none.
 */
export function parseSherpaOnnxOutput(output: string): string | undefined {
  let text: string | undefined;
  for (const line of output.split(/\r?\n/)) {
    const trimmed = line.trim();
    if (!trimmed.startsWith('{')) continue;
    try {
      const parsed: unknown = JSON.parse(trimmed);
      if (typeof parsed === 'object' && parsed !== null && 'text' in parsed && typeof parsed.text === 'string') text = parsed.text.trim();
    } catch {
      // A log line that happens to start with a brace.
    }
  }
  return text;
}
