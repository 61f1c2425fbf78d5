import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { checkFeishu, checkQq, checkTelegram } from './channel-checks.js';

async function fakePlatform(handler: (request: IncomingMessage, body: string) => { status: number; json: unknown }): Promise<{ url: string } & AsyncDisposable> {
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      const answer = handler(request, body);
      response.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.json));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, [Symbol.asyncDispose]: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe('channel credential checks', () => {
  it('Telegram: getMe at apiRoot; a refused token fails without printing it', async () => {
    await using telegram = await fakePlatform((request) =>
      request.url === '/bot123:good/getMe'
        ? { status: 200, json: { ok: true, result: { id: 123, is_bot: true, username: 'fixture_bot' } } }
        : { status: 401, json: { ok: false, error_code: 401, description: 'Unauthorized' } },
    );
    expect(await checkTelegram({ token: '123:good', apiRoot: telegram.url })).toEqual({ status: 'pass', detail: 'Telegram accepts the token of @fixture_bot' });
    const refused = await checkTelegram({ token: '123:bad-secret', apiRoot: telegram.url });
    expect(refused).toMatchObject({ status: 'fail', detail: 'Telegram refused the bot token (HTTP 401: Unauthorized)' });
    expect(JSON.stringify(refused)).not.toContain('bad-secret');
  });

  it('Feishu: tenant token at the domain URL', async () => {
    await using feishu = await fakePlatform((_request, body) => {
      const { app_secret: secret } = JSON.parse(body) as { app_secret: string };
      return secret === 'right' ? { status: 200, json: { code: 0, msg: 'ok', tenant_access_token: 't-1', expire: 7200 } } : { status: 200, json: { code: 10014, msg: 'app secret invalid' } };
    });
    expect(await checkFeishu({ appId: 'cli_1', appSecret: 'right', domain: feishu.url })).toMatchObject({ status: 'pass' });
    expect(await checkFeishu({ appId: 'cli_1', appSecret: 'wrong', domain: feishu.url })).toMatchObject({ status: 'fail', detail: expect.stringContaining('code 10014: app secret invalid') });
  });

  it('QQ: app access token at tokenUrl; an unreachable host says which', async () => {
    await using qq = await fakePlatform((_request, body) => {
      const { clientSecret } = JSON.parse(body) as { clientSecret: string };
      return clientSecret === 'right' ? { status: 200, json: { access_token: 'a-1', expires_in: '7200' } } : { status: 200, json: { code: 100016, message: 'invalid appsecret' } };
    });
    expect(await checkQq({ appId: '1020', appSecret: 'right', tokenUrl: `${qq.url}/app/getAppAccessToken` })).toMatchObject({ status: 'pass' });
    expect(await checkQq({ appId: '1020', appSecret: 'wrong', tokenUrl: `${qq.url}/app/getAppAccessToken` })).toMatchObject({ status: 'fail', detail: expect.stringContaining('invalid appsecret') });
    expect(await checkQq({ appId: '1020', appSecret: 'x', tokenUrl: 'http://127.0.0.1:9/app/getAppAccessToken' })).toMatchObject({ status: 'fail', detail: expect.stringContaining('cannot reach http://127.0.0.1:9') });
  });
});
