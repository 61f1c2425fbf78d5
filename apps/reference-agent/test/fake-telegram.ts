import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A loopback stand-in for the Telegram Bot API's `getMe`: the token `token` is accepted, anything else gets 401. */
export async function startFakeTelegram(token: string): Promise<{ apiRoot: string; calls: string[] } & AsyncDisposable> {
  const calls: string[] = [];
  const server = createServer((request, response) => {
    calls.push(request.url ?? '');
    const ok = request.url === `/bot${token}/getMe`;
    response.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' });
    response.end(JSON.stringify(ok ? { ok: true, result: { id: 42, is_bot: true, first_name: 'Reference', username: 'reference_bot' } } : { ok: false, error_code: 401, description: 'Unauthorized' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { apiRoot: `http://127.0.0.1:${port}`, calls, [Symbol.asyncDispose]: () => new Promise((resolve) => server.close(() => resolve())) };
}
