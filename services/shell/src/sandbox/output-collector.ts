/** What was captured of one output stream. */
export interface CapturedOutput {
  /** The first bytes of the stream, up to the capture limit. */
  bytes: Buffer;
  /** How many bytes the stream had in all; more than `bytes.length` when some were dropped. */
  totalBytes: number;
}

/**
 * Collects one output stream up to a byte limit, so a command writing gigabytes costs no memory.
 * Bytes past the limit are counted, not kept. Turning bytes into the text a caller sees is
 * `renderOutput`'s job.
 */
export class OutputCollector {
  private readonly chunks: Buffer[] = [];
  private kept = 0;
  private dropped = 0;

  /** @param limit - the most bytes to keep */
  constructor(private readonly limit: number) {}

  /** Adds a chunk of output. */
  push(chunk: Buffer): void {
    const room = Math.max(0, this.limit - this.kept);
    const taken = chunk.subarray(0, room);
    if (taken.length > 0) {
      this.chunks.push(taken);
      this.kept += taken.length;
    }
    this.dropped += chunk.length - taken.length;
  }

  /** Whether any output was dropped. */
  get truncated(): boolean {
    return this.dropped > 0;
  }

  /** The kept bytes and the total count. */
  captured(): CapturedOutput {
    return { bytes: Buffer.concat(this.chunks), totalBytes: this.kept + this.dropped };
  }
}

/**
 * How many bytes to keep per stream so that `maxChars` characters can always be filled: a UTF-8
 * sequence of n bytes never decodes to more than n/2 UTF-16 code units, and never to fewer than one
 * per 4 bytes.
 *
 * @param maxChars - the character cap of the rendered output
 */
export const captureLimitFor = (maxChars: number): number => maxChars * 4 + 4;
