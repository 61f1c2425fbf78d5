import { DowncityError, ErrorCodes, toDowncityError } from '@downcity/core';
import type { RunError } from './run-record.js';

/** Codes a run error may carry besides core's `ErrorCodes`. */
export const RunErrorCodes = {
  /** The agent stopped (or crashed) while the attempt was running. */
  INTERRUPTED: 'INTERRUPTED',
  /** A run was due while the previous run of the task was still queued or running (overlap "skip"). */
  OVERLAP: 'OVERLAP',
  /** The task was deleted before the run started. */
  TASK_MISSING: 'TASK_MISSING',
  /** No script handler is registered under the task's `script.name`. */
  SCRIPT_UNKNOWN: 'SCRIPT_UNKNOWN',
  /** A script handler threw. */
  SCRIPT_FAILED: 'SCRIPT_FAILED',
  /** Delivery of the result failed (the run itself may have succeeded). */
  DELIVERY_FAILED: 'DELIVERY_FAILED',
} as const;

/** One of {@link RunErrorCodes}. */
export type RunErrorCode = (typeof RunErrorCodes)[keyof typeof RunErrorCodes];

const MAX_MESSAGE = 2_000;
const brand = Symbol.for('downcity.task.run-failure');

/** An error with a {@link RunErrorCode}, thrown inside a run. */
export type RunFailure = Error & { readonly code: RunErrorCode };

/** Creates an error that a run records with `code`. */
export function runFailure(code: RunErrorCode, message: string, cause?: unknown): RunFailure {
  const error = Object.assign(new Error(message, cause === undefined ? undefined : { cause }), { code });
  Object.defineProperty(error, brand, { value: true });
  return error;
}

const isRunFailure = (value: unknown): value is RunFailure => typeof value === 'object' && value !== null && brand in value;

/** Turns anything thrown into a stored run error; plain errors get `fallbackCode`. */
export function toRunError(error: unknown, fallbackCode: string = ErrorCodes.INTERNAL): RunError {
  const code = isRunFailure(error) ? error.code : DowncityError.is(error) ? error.code : fallbackCode;
  const message = isRunFailure(error) ? error.message : toDowncityError(error).message;
  return { code, message: message.length > MAX_MESSAGE ? `${message.slice(0, MAX_MESSAGE)}…` : message };
}
