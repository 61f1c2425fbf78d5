import { coreVersion, type Agent, type Cluster } from '@downcity/core';
import type {} from '@downcity/chat';
import { cliVersion } from '../cli/version.js';
import type { AgentStatus } from '../control/control-protocol.js';
import type { Project } from '../project/load-project.js';

/** The body of `GET /status` for a running project. */
export async function agentStatus(project: Project, startedAt: number): Promise<AgentStatus> {
  const { agent, config } = project;
  return {
    name: config.agent.name,
    state: agent.state,
    pid: process.pid,
    startedAt: new Date(startedAt).toISOString(),
    uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
    versions: { cli: cliVersion, core: coreVersion, node: process.versions.node },
    project: project.dir,
    dataDir: project.dataDir,
    controlSocket: project.controlSocket,
    model: { ...project.model, available: agent.state === 'running' && agent.session.modelAvailable },
    store: config.store.kind === 'libsql' ? { kind: 'libsql', path: config.store.path } : { kind: config.store.kind },
    packages: agent.packages().map(({ id, kind, name, version }) => ({ id, kind, name, version })),
    channels: await runningChannels(agent, project),
    ...(project.cluster ? { cluster: await clusterStatus(project.cluster) } : {}),
  };
}

async function clusterStatus(cluster: Cluster): Promise<NonNullable<AgentStatus['cluster']>> {
  const members = await cluster.members();
  return {
    name: cluster.name,
    workerId: cluster.workerId,
    members: members.map((member) => ({ workerId: member.workerId, host: member.host, pid: member.pid, startedAt: new Date(member.startedAt).toISOString() })),
  };
}

/** The running chat channels (from `chat/channels`), or an empty list without chat. */
export async function runningChannels(agent: Agent, project: Project): Promise<AgentStatus['channels']> {
  if (!project.packages.some((entry) => entry.kind === 'service' && entry.id === 'chat') || agent.state !== 'running') return [];
  try {
    return (await agent.invoke('chat/channels', {})).channels;
  } catch {
    return [];
  }
}
