import type { ChannelChoice, FeatureChoice, ModelProviderChoice, PackageManagerChoice } from '../choices/choices.js';

/** Everything needed to write and install an agent project. */
export interface ProjectOptions {
  /** The npm package name, also the agent name. */
  name: string;
  /** The folder to write, absolute. */
  directory: string;
  /** The model provider, or `none`. */
  model: ModelProviderChoice;
  /** The chat channels; at least one. */
  channels: readonly ChannelChoice[];
  /** The services and plugins; `chat` is always added. */
  features: readonly FeatureChoice[];
  /** The package manager that installs the project and runs its scripts. */
  packageManager: PackageManagerChoice;
  /** Whether to install dependencies after writing the files. */
  install: boolean;
  /** Whether a non-empty target folder is allowed (existing files are never replaced). */
  force: boolean;
  /**
   * A Downcity workspace root: `@downcity/*` dependencies become `link:` (pnpm) or `file:` (npm) specs to its
   * package folders instead of exact versions. For testing unreleased packages; also `DOWNCITY_LOCAL_PACKAGES`.
   */
  localPackages?: string;
}
