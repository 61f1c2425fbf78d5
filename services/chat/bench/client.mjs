// The load generator for bench/run.mjs: posts messages over keep-alive connections and reports
// throughput and latency percentiles back over IPC.
import http from 'node:http';

const [url, token] = process.argv.slice(2);
const target = new URL(url);
let counter = 0;

function post(agent, sessionKey, accept) {
  const body = JSON.stringify({ text: `message ${counter}`, sessionKey, user: 'bench', messageId: `bench-${process.pid}-${counter++}` });
  const started = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: target.hostname,
        port: target.port,
        path: '/v1/messages',
        method: 'POST',
        agent,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), accept },
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk) => (text += chunk));
        response.on('end', () => {
          if (response.statusCode !== 200 || !text.includes('echo: message')) return reject(new Error(`bad reply ${response.statusCode}: ${text.slice(0, 200)}`));
          resolve(Number(process.hrtime.bigint() - started) / 1e6);
        });
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

process.on('message', async ({ id, accept, clients, perClient }) => {
  const agent = new http.Agent({ keepAlive: true, maxSockets: clients });
  const latencies = [];
  try {
    const started = performance.now();
    await Promise.all(
      Array.from({ length: clients }, async (_, client) => {
        for (let index = 0; index < perClient; index++) latencies.push(await post(agent, clients === 1 ? `seq-${index % 100}` : `client-${client}`, accept));
      }),
    );
    const elapsed = performance.now() - started;
    latencies.sort((a, b) => a - b);
    const at = (p) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))];
    process.send({ id, messages: latencies.length, perSecond: (latencies.length / elapsed) * 1000, p50: at(50), p99: at(99) });
  } catch (error) {
    process.send({ id, error: String(error) });
  } finally {
    agent.destroy();
  }
});
