/**
 * Collects one output stream up to a byte limit. Bytes past the limit are counted, not
 * kept, and the text ends with a marker saying how many were dropped.
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

  /** The kept output as UTF-8 text, with a truncation marker when bytes were dropped. */
  text(): string {
    const body = new TextDecoder('utf-8').decode(Buffer.concat(this.chunks), { stream: this.truncated });
    return this.truncated ? `${body}\n[output truncated: ${this.dropped} more bytes]` : body;
  }
}
