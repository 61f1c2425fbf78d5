/**
 * The host's side of the egress proxy (decision 0028). Inside bubblewrap's network namespace nothing is
 * reachable over TCP; the agent's egress proxy listens on a Unix socket bound into the namespace. Node's
 * built-in proxy support (`NODE_USE_ENV_PROXY` with `HTTP_PROXY`/`HTTPS_PROXY`) speaks only TCP, so this listens
 * on `127.0.0.1:<port>` inside the namespace and pipes each connection to that socket, unchanged.
 *
 * Like host-child.ts it imports only Node built-ins, so it runs as is (also from source under type stripping).
 */
import net from 'node:net';

/** Where the bridge listens and what it connects to. */
export interface EgressBridgeOptions {
  /** The agent's egress proxy socket. */
  socketPath: string;
  /** The loopback port inside the namespace that `HTTP_PROXY` names. */
  port: number;
}

/**
 * Starts the bridge; resolves once it listens (before the plugin is imported, so its first request finds it).
 * It does not keep the host alive on its own (the IPC channel does).
 *
 * @throws when the port cannot be listened on (the namespace is new, so only if something else took it)
 */
export function startEgressBridge(options: EgressBridgeOptions): Promise<net.Server> {
  const server = net.createServer((client) => {
    const upstream = net.connect(options.socketPath);
    client.pipe(upstream);
    upstream.pipe(client);
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
    client.on('close', () => upstream.destroy());
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => {
      server.off('error', reject);
      server.unref();
      resolve(server);
    });
  });
}
