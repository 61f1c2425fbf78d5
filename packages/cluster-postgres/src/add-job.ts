import type { ClusterJob } from '@downcity/core';
import type { SqlValue } from '@downcity/store-postgres';
import { clusterError, clusterErrorCodes } from './cluster-error.js';
import { checkText, jsonText } from './input-checks.js';
import type { ClusterNames } from './names.js';

/** Graphile Worker's limit on task identifiers, queue names and job keys. */
const MAX_NAME_LENGTH = 128;
/** Graphile Worker keeps `max_attempts` in a `smallint`. */
const MAX_ATTEMPTS = 32767;

/** A job checked and turned into `add_job`'s parameters. */
export interface AddJobStatement {
  /** `SELECT ... add_job(...)` with the parameters `$1`..`$6`. */
  sql: string;
  /** The parameters. */
  parameters: SqlValue[];
}

function checkJob(job: ClusterJob): void {
  if (typeof job !== 'object' || job === null) {
    throw clusterError(clusterErrorCodes.invalidInput, 'A job must be an object: { task, payload, queue?, key?, runAt?, maxAttempts? }.');
  }
  checkText(job.task, 'A job task', MAX_NAME_LENGTH);
  if (typeof job.payload !== 'object' || job.payload === null || Array.isArray(job.payload)) {
    throw clusterError(clusterErrorCodes.invalidInput, `The payload of a ${job.task} job must be a JSON object (got ${Array.isArray(job.payload) ? 'an array' : typeof job.payload}).`);
  }
  if (job.queue !== undefined) checkText(job.queue, `The queue of a ${job.task} job`, MAX_NAME_LENGTH);
  if (job.key !== undefined) checkText(job.key, `The key of a ${job.task} job`, MAX_NAME_LENGTH);
  if (job.runAt !== undefined && !Number.isFinite(job.runAt)) {
    throw clusterError(clusterErrorCodes.invalidInput, `The runAt of a ${job.task} job must be epoch milliseconds (got ${String(job.runAt)}).`);
  }
  if (job.maxAttempts !== undefined && (!Number.isInteger(job.maxAttempts) || job.maxAttempts < 1 || job.maxAttempts > MAX_ATTEMPTS)) {
    throw clusterError(
      clusterErrorCodes.invalidInput,
      `The maxAttempts of a ${job.task} job must be an integer from 1 to ${MAX_ATTEMPTS} (got ${String(job.maxAttempts)}).`,
    );
  }
}

/**
 * Checks `job` and builds the `add_job` call that stores it in Graphile Worker's queue. A job with a `key`
 * uses `job_key_mode => 'unsafe_dedupe'`: while a job with that key exists, waiting, running or failed,
 * adding another adds nothing (Graphile's default, `replace`, would overwrite a waiting job's payload).
 * Without `runAt` the job is runnable at the database's `now()`; without `maxAttempts` Graphile's 25 apply.
 *
 * @param names - the cluster's names
 * @param job - the job
 */
export function addJobStatement(names: ClusterNames, job: ClusterJob): AddJobStatement {
  checkJob(job);
  return {
    sql: `SELECT 1 FROM ${names.quotedSchema}.add_job(
      identifier => $1::text, payload => $2::json, queue_name => $3::text, run_at => $4::timestamptz,
      max_attempts => $5::integer, job_key => $6::text, job_key_mode => 'unsafe_dedupe')`,
    parameters: [
      job.task,
      jsonText(job.payload, `The payload of a ${job.task} job`),
      job.queue ?? null,
      job.runAt === undefined ? null : new Date(job.runAt).toISOString(),
      job.maxAttempts ?? null,
      job.key ?? null,
    ],
  };
}
