import { basename } from 'node:path';

/**
 * Which pocketsphinx command line a binary speaks, inferred from its name:
 * - `batch`: `pocketsphinx_batch` from 5prealpha (Debian 12, Ubuntu 22.04/24.04), the default. It
 *   decodes the whole file as one utterance with cepstral mean normalisation over all of it,
 *   which is markedly more reliable on short voice messages than `continuous`.
 * - `continuous`: `pocketsphinx_continuous -infile` from 5prealpha; segments by silence.
 * - `single`: the `pocketsphinx` CLI of 5.x (`pocketsphinx single FILE`, JSON lines).
 */
export type PocketsphinxCli = 'batch' | 'continuous' | 'single';

/** Infers the CLI from the binary's file name. */
export function pocketsphinxCliFor(binary: string): PocketsphinxCli {
  const name = basename(binary);
  if (name === 'pocketsphinx') return 'single';
  if (name.startsWith('pocketsphinx_continuous')) return 'continuous';
  return 'batch';
}

/**
 * Wider search beams than pocketsphinx's defaults. With a small grammar the search space is tiny,
 * so they cost little, and they stop the decoder from pruning the right path on short, clipped
 * or compressed clips ("Final result does not match the grammar"). Not used with a language model,
 * where they would make decoding slow.
 */
const GRAMMAR_BEAMS = ['-beam', '1e-80', '-wbeam', '1e-60', '-pbeam', '1e-80', '-lpbeam', '1e-60', '-lponlybeam', '1e-50', '-maxhmmpf', '-1'];

/** The files of one pocketsphinx run, all inside one private temporary directory. */
export interface PocketsphinxRunFiles {
  /** The directory holding them. */
  directory: string;
  /** The 16 kHz mono WAV (44-byte header) to recognise, named `<utteranceId>.wav` in `directory`. */
  audioPath: string;
  /** `batch` only: the control file listing the utterance id. */
  controlPath: string;
  /** `batch` only: where the hypothesis is written. */
  hypothesisPath: string;
  /** The utterance id (the audio file name without `.wav`). */
  utteranceId: string;
}

/** Options for {@link buildPocketsphinxArguments}. */
export interface PocketsphinxArgumentsOptions {
  /** Which CLI to target. */
  cli: PocketsphinxCli;
  /** Where the audio is and where output goes. */
  files: PocketsphinxRunFiles;
  /** A JSGF grammar file. */
  grammarPath?: string;
  /** Acoustic model directory. */
  hmm?: string;
  /** Pronunciation dictionary. */
  dict?: string;
  /** Language model, used only without a grammar. */
  languageModel?: string;
}

/** Builds the argv for one pocketsphinx run (no shell involved). */
export function buildPocketsphinxArguments(options: PocketsphinxArgumentsOptions): string[] {
  const { files } = options;
  const args: string[] = [];
  if (options.hmm) args.push('-hmm', options.hmm);
  if (options.dict) args.push('-dict', options.dict);
  if (options.grammarPath) args.push('-jsgf', options.grammarPath, ...GRAMMAR_BEAMS);
  else if (options.languageModel) args.push('-lm', options.languageModel);
  switch (options.cli) {
    case 'batch':
      args.push('-adcin', 'yes', '-adchdr', '44', '-cepdir', files.directory, '-cepext', '.wav', '-ctl', files.controlPath, '-hyp', files.hypothesisPath);
      break;
    case 'continuous':
      args.push('-infile', files.audioPath);
      break;
    case 'single':
      args.push('single', files.audioPath);
      break;
  }
  return args;
}

/**
 * Reads the transcript from pocketsphinx output: for `batch` the hypothesis file
 * (`turn on the lights (audio -4207)`), for `continuous` stdout (one hypothesis per utterance),
 * for `single` stdout JSON lines with the text in `t`. Utterances are joined with spaces; an
 * empty string means nothing matched.
 */
export function parsePocketsphinxOutput(options: { cli: PocketsphinxCli; output: string }): string {
  const lines = options.output.split(/\r?\n/).map((line) => line.trim()).filter((line) => line.length > 0);
  const texts = lines.map((line) => {
    if (options.cli === 'single') return textFromJsonLine(line);
    if (options.cli === 'batch') return line.replace(/\s*\(\S+\s+-?\d+(\s+[-\d.e]+)*\)$/, '');
    return line;
  });
  return texts.filter((text) => text.length > 0).join(' ').replace(/\s+/g, ' ').trim();
}

function textFromJsonLine(line: string): string {
  try {
    const parsed: unknown = JSON.parse(line);
    if (typeof parsed === 'object' && parsed !== null && 't' in parsed && typeof parsed.t === 'string') return parsed.t.trim();
  } catch {
    // Not JSON: a stray log line on stdout.
  }
  return '';
}
