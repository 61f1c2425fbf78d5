import { OutputCollector, type CapturedOutput } from './output-collector.js';

/**
 * Reads one command's output from a long-lived stream up to a sentinel marker line
 * (`\n<marker>…\n`). Output before the marker is kept up to a byte limit; the text between
 * the marker and the end of its line is returned as the trailer (exit status, cwd). Turning the
 * kept bytes into text is `renderOutput`'s job.
 */
export class MarkerStream {
  private readonly output: OutputCollector;
  private readonly marker: Buffer;
  private pending = Buffer.alloc(0);
  private found = false;
  private trailerText: string | undefined;

  /**
   * @param options - the marker (a `\n` is expected before it) and the byte limit
   */
  constructor(options: { marker: string; limit: number }) {
    this.marker = Buffer.from(`\n${options.marker}`);
    this.output = new OutputCollector(options.limit);
  }

  /**
   * Feeds a chunk of the stream.
   *
   * @returns `true` once the whole marker line has arrived
   */
  push(chunk: Buffer): boolean {
    if (this.done) return true;
    this.pending = Buffer.concat([this.pending, chunk]);
    if (!this.found) {
      const index = this.pending.indexOf(this.marker);
      if (index === -1) {
        const safe = Math.max(0, this.pending.length - (this.marker.length - 1));
        this.output.push(this.pending.subarray(0, safe));
        this.pending = this.pending.subarray(safe);
        return false;
      }
      this.output.push(this.pending.subarray(0, index));
      this.pending = this.pending.subarray(index + this.marker.length);
      this.found = true;
    }
    const newline = this.pending.indexOf(0x0a);
    if (newline === -1) return false;
    this.trailerText = this.pending.subarray(0, newline).toString('utf8');
    return true;
  }

  /** Whether the marker line has arrived. */
  get done(): boolean {
    return this.trailerText !== undefined;
  }

  /** The text after the marker on its line, once {@link done}. */
  get trailer(): string | undefined {
    return this.trailerText;
  }

  /** Whether output was cut at the limit. */
  get truncated(): boolean {
    return this.output.truncated;
  }

  /** The output before the marker; when the marker never came, everything received. */
  captured(): CapturedOutput {
    if (!this.found && this.pending.length > 0) {
      this.output.push(this.pending);
      this.pending = Buffer.alloc(0);
    }
    return this.output.captured();
  }
}
