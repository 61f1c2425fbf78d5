import { createServer } from 'node:net';

/**
 * A TCP port on 127.0.0.1 that nothing listens on (bound and released again): for tests of what a client says
 * when its server is unreachable.
 *
 * @example
 * ```ts
 * const port = await closedPort();
 * await expect(connect(`postgres://user@127.0.0.1:${port}/db`)).rejects.toThrow(/refused/);
 * ```
 */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
