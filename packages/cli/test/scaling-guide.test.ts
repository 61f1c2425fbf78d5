import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';

const guides = new URL('../../../docs/guides/', import.meta.url);
const read = (name: string) => readFile(new URL(name, guides), 'utf8');

describe('the scaling guide', () => {
  it('shows the compose file and the Dockerfile exactly as they are in docs/guides/scaling/', async () => {
    const guide = await read('scaling.md');
    expect(guide).toContain(await read('scaling/compose.yml'));
    expect(guide).toContain(await read('scaling/Dockerfile'));
  });

  it('runs the workers the way the CLI starts them, behind the proxy on their HTTP port', async () => {
    const compose = await read('scaling/compose.yml');
    expect(compose).toContain('command: ["node_modules/.bin/downcity", "start", "--worker"]');
    expect(compose).toMatch(/DOWNCITY_DATABASE_URL: postgres:\/\/downcity:\$\{POSTGRES_PASSWORD\}@postgres:5432\/downcity/);
    expect(compose).toContain('condition: service_healthy');
    expect(await read('scaling/nginx.conf')).toContain('server agent:8787');
  });
});
