/** Options for {@link assessTranscript}. */
export interface AssessTranscriptOptions {
  /** The transcript an engine returned. */
  text: string;
  /** The audio's duration, when known; enables the rate and length checks. */
  durationSeconds?: number;
  /** More tokens per second than this is implausible. Default 8 (fast speech is about 4 words or 7 CJK characters a second). */
  maxTokensPerSecond?: number;
  /** The same word or phrase this many times in a row is a decoding loop. Default 6. */
  maxRepeats?: number;
}

/** The verdict on a transcript. */
export interface TranscriptAssessment {
  /** Whether the transcript looks like real speech from this audio. */
  plausible: boolean;
  /** Why it does not, in a few words (present when `plausible` is false). */
  reason?: string;
}

const FILLERS = new Set(['uh', 'um', 'umm', 'uhm', 'hmm', 'hm', 'mm', 'mhm', 'er', 'erm', 'ah', 'eh', 'oh', 'huh', '嗯', '啊', '呃', '额', '哦']);
/** Whole transcripts that Whisper-style models produce from silence or noise. */
const HALLUCINATIONS = [/^(thanks|thank you) for watching/i, /amara\.org/i, /^subtitles by/i, /^please subscribe/i, /字幕/];
/** Non-speech tags some engines emit: `[noise]`, `(music)`, `<unk>`. */
const NOISE_TAGS = /\[[^\]]*\]|\([^)]*\)|<[^>]*>/g;

/**
 * Splits a transcript into tokens: words for space-separated scripts, single characters for
 * Chinese, Japanese and Korean (which are written without spaces).
 */
function tokenize(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu, ' $& ')
    .split(/\s+/)
    .map((token) => token.replace(/^[\p{P}\p{S}]+|[\p{P}\p{S}]+$/gu, ''))
    .filter((token) => token.length > 0);
}

/** The phrase (1 to 4 tokens) repeated most times back to back, in one linear pass per size. */
function longestRepeat(tokens: readonly string[]): { phrase: string; count: number } {
  let best = { phrase: '', count: 1 };
  for (let size = 1; size <= 4; size += 1) {
    let run = 0;
    for (let index = 0; index + size < tokens.length; index += 1) {
      run = tokens[index] === tokens[index + size] ? run + 1 : 0;
      const count = Math.floor(run / size) + 1;
      if (count > best.count) {
        const start = index - run + 1;
        best = { phrase: tokens.slice(start, start + size).join(' '), count };
      }
    }
  }
  return best;
}

/**
 * Flags transcripts that should not be trusted as what the user said: empty, only filler or
 * noise tags, a known silence hallucination, far more words than the audio could hold, a
 * repeated-phrase loop, or far too few words for a long recording. A plausible verdict is not
 * proof of accuracy; chat services should still mark transcripts as machine-generated.
 */
export function assessTranscript(options: AssessTranscriptOptions): TranscriptAssessment {
  const text = options.text.trim();
  if (text.length === 0) return { plausible: false, reason: 'nothing was recognised' };
  const tokens = tokenize(text);
  const spoken = tokenize(text.replace(NOISE_TAGS, ' ')).filter((token) => !FILLERS.has(token));
  if (spoken.length === 0) return { plausible: false, reason: 'only filler sounds or noise were recognised' };
  if (HALLUCINATIONS.some((pattern) => pattern.test(text))) return { plausible: false, reason: 'the transcript looks like a recogniser artefact, not speech' };

  const repeat = longestRepeat(tokens);
  if (repeat.count >= (options.maxRepeats ?? 6)) return { plausible: false, reason: `the phrase "${repeat.phrase}" repeats ${repeat.count} times in a row` };

  const duration = options.durationSeconds;
  if (duration !== undefined && duration > 0) {
    const maxTokensPerSecond = options.maxTokensPerSecond ?? 8;
    if (tokens.length > maxTokensPerSecond * duration + 4) {
      return { plausible: false, reason: `${tokens.length} words is too many for ${duration.toFixed(1)} s of audio` };
    }
    if (duration >= 20 && spoken.length < duration / 10) {
      return { plausible: false, reason: `${spoken.length} words is too few for ${Math.round(duration)} s of audio` };
    }
  }
  return { plausible: true };
}
