/**
 * `@downcity/cluster-postgres`: the Downcity cluster on PostgreSQL, for agents that run as several workers on
 * one database. Durable jobs with one-at-a-time queues on Graphile Worker, recovery of a dead worker's jobs
 * within seconds, single-owner leases and pub/sub, all in the database of `@downcity/store-postgres`.
 *
 * @packageDocumentation
 */
export { createPostgresCluster, DEFAULT_CLUSTER_SCHEMA, type PostgresClusterOptions } from './postgres-cluster.js';
export { inspectPostgresCluster, type InspectPostgresClusterOptions, type PostgresClusterReport } from './inspect-cluster.js';
export { clusterErrorCodes, type ClusterError, type ClusterErrorCode } from './cluster-error.js';
