import { ErrorCodes } from '@downcity/core';
import type { PackageListing } from '../candidate/describe-version.js';
import type { PermissionSummary } from '../candidate/summarize-permissions.js';
import { marketplaceError } from '../errors/marketplace-error.js';
import { FailureReasons } from '../errors/failure-reasons.js';

/** What the user is asked to confirm before an install or update. */
export interface ConfirmRequest {
  /** `add` or `update`. */
  action: 'add' | 'update';
  /** The package name. */
  name: string;
  /** The version that would be installed. */
  version: string;
  /** The installed version, for an update. */
  fromVersion?: string;
  /** The version described: kind, extension points, requires. */
  listing: PackageListing;
  /** The permissions it asks for. */
  permissions?: PermissionSummary;
  /** Warnings that do not block the install. */
  warnings: string[];
}

/** Asks the user; resolves true to go ahead. */
export type Confirm = (request: ConfirmRequest) => boolean | Promise<boolean>;

/** Options for {@link requireConfirmation}. */
export interface RequireConfirmationOptions {
  /** Go ahead without asking (`--yes`). */
  yes?: boolean;
  /** How to ask. */
  confirm?: Confirm;
  /** What to ask about. */
  request: ConfirmRequest;
}

/** Gets the user's go-ahead or throws a refused error: no `yes` and no `confirm` callback also refuses. */
export async function requireConfirmation(options: RequireConfirmationOptions): Promise<void> {
  if (options.yes) return;
  const label = `${options.request.name}@${options.request.version}`;
  if (!options.confirm) {
    const doing = options.request.action === 'update' ? `Updating to ${label}` : `Installing ${label}`;
    throw marketplaceError(ErrorCodes.DENIED, `${doing} needs confirmation of the permissions it asks for, and there is nobody to ask. Pass --yes to go ahead (from code: yes: true or a confirm callback). Nothing was changed.`, {
      reason: FailureReasons.refused,
      details: { name: options.request.name, version: options.request.version },
    });
  }
  if (!(await options.confirm(options.request))) {
    throw marketplaceError(ErrorCodes.DENIED, `You declined ${label}. Nothing was changed.`, {
      reason: FailureReasons.refused,
      details: { name: options.request.name, version: options.request.version },
    });
  }
}
