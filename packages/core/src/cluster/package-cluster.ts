import type { Cluster, ClusterJob, PackageCluster } from './cluster.js';

/**
 * The package's view of the agent's cluster: every name it passes is its own, so two packages never share a
 * task, lease, topic or collection by accident.
 *
 * @param cluster - the agent's cluster
 * @param packageId - the package's id (`chat`, `task`...)
 */
export function packageCluster(cluster: Cluster, packageId: string): PackageCluster {
  const own = (name: string): string => `${packageId}/${name}`;
  const ownJob = (job: ClusterJob): ClusterJob => ({ ...job, task: own(job.task) });
  return {
    workerId: cluster.workerId,
    handle: (name, handler) => cluster.handle(own(name), handler),
    enqueue: (job) => cluster.enqueue(ownJob(job)),
    insertAndEnqueue: (entry, job) => cluster.insertAndEnqueue({ ...entry, collection: `${packageId}:${entry.collection}` }, ownJob(job)),
    hold: (name, holder) => cluster.hold(own(name), holder),
    publish: (topic, message) => cluster.publish(own(topic), message),
    subscribe: (topic, listener) => cluster.subscribe(own(topic), listener),
    members: () => cluster.members(),
  };
}
