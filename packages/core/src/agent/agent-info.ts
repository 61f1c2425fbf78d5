import type { PackageSummary } from './package-summary.js';

/**
 * What a package may read about the agent it runs in (`context.agent`): the packages the agent loaded, with what
 * their manifests say, and the project folder it was loaded from. Read-only: nothing here changes the agent.
 */
export interface AgentInfo {
  /**
   * The services and plugins this agent loaded, in load order (the built-in `agent` service first): ids, versions,
   * the points they declare and attach to, their actions and their permissions. Chat channels are part of the chat
   * service and are not listed.
   */
  packages(): PackageSummary[];
  /**
   * The project folder the agent was loaded from (`AgentOptions.projectDir`, absolute; `downcity start` sets it), or
   * undefined for an agent created in code without one.
   */
  readonly projectDir: string | undefined;
}
