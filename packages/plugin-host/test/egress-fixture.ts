import { copyFile, mkdir, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const fixture = fileURLToPath(new URL('./fixtures/egress/', import.meta.url));

/** A loopback HTTP server answering `<name> says hello`, on a port chosen now. Close it with `server.close`. */
export async function helloServer(name: string): Promise<{ server: http.Server; port: number }> {
  const server = http.createServer((_request, response) => response.end(`${name} says hello`));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as { port: number }).port };
}

/**
 * Writes the egress fixture as an installed package in `folder` whose manifest declares `network` (the test's
 * server ports are known only at run time, so the manifest is written then).
 */
export async function egressPackage(folder: string, network: boolean | string[]): Promise<string> {
  await rm(folder, { recursive: true, force: true });
  await mkdir(folder, { recursive: true });
  await copyFile(path.join(fixture, 'index.js'), path.join(folder, 'index.js'));
  const manifest = {
    name: 'fixture-egress',
    version: '1.0.0',
    type: 'module',
    exports: { '.': './index.js' },
    keywords: ['downcity-plugin'],
    downcity: { id: 'egress', kind: 'plugin', attaches: { 'probe/shape': { kind: 'pipeline' } }, permissions: { network } },
  };
  await writeFile(path.join(folder, 'package.json'), JSON.stringify(manifest, null, 2));
  return folder;
}
