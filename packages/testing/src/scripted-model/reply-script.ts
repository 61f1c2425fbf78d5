/**
 * A reply, or a function choosing the reply from the request being answered.
 */
export type ReplySource<TReply, TRequest> = TReply | ((request: TRequest) => TReply);

/**
 * A FIFO queue of scripted replies with a fallback used when the queue is empty.
 */
export class ReplyScript<TReply, TRequest> {
  readonly #queue: TReply[] = [];
  #fallback: ReplySource<TReply, TRequest>;

  /**
   * @param fallback - Answers requests while the queue is empty.
   */
  constructor(fallback: ReplySource<TReply, TRequest>) {
    this.#fallback = fallback;
  }

  /** Number of queued replies not yet used. */
  get pending(): number {
    return this.#queue.length;
  }

  /**
   * Queues replies; each request takes the oldest one.
   *
   * @param replies - Replies in the order requests should receive them.
   */
  enqueue(...replies: TReply[]): void {
    this.#queue.push(...replies);
  }

  /**
   * Replaces the fallback used when the queue is empty.
   *
   * @param fallback - A fixed reply or a function of the request.
   */
  setDefault(fallback: ReplySource<TReply, TRequest>): void {
    this.#fallback = fallback;
  }

  /**
   * Takes the next reply for a request.
   *
   * @param request - The request being answered (passed to a function fallback).
   * @returns The oldest queued reply, or the fallback's reply.
   */
  next(request: TRequest): TReply {
    const queued = this.#queue.shift();
    if (queued !== undefined) return queued;
    const fallback = this.#fallback;
    return typeof fallback === 'function' ? (fallback as (request: TRequest) => TReply)(request) : fallback;
  }
}
