import { coreVersion as runningCoreVersion } from '@downcity/core';
import { installedCoreVersion } from '../project/read-project.js';
import { createRegistryClient, type RegistryClient } from '../registry/registry-client.js';
import { resolveRegistrySettings, type RegistryOptions } from '../registry/registry-settings.js';

/** Options every registry-reading operation takes. */
export interface MarketplaceOptions extends RegistryOptions {
  /** Check compatibility against this `@downcity/core` version (default: the project's installed core, else the running one). */
  coreVersion?: string;
}

/** A registry client plus the core version to check against. */
export interface MarketplaceSession {
  /** The registry client. */
  client: RegistryClient;
  /** The core version compatibility is checked against. */
  coreVersion: string;
}

/** Resolves registry settings and the core version for one operation. */
export async function openMarketplace(options: MarketplaceOptions): Promise<MarketplaceSession> {
  const settings = await resolveRegistrySettings(options);
  const installed = options.coreVersion === undefined && options.projectDir ? await installedCoreVersion(options.projectDir) : undefined;
  return { client: createRegistryClient(settings), coreVersion: options.coreVersion ?? installed ?? runningCoreVersion };
}
