/**
 * `@downcity/plugin-host`: runs an untrusted plugin in its own child process, with the permissions its manifest
 * declares enforced by Node's permission model, a filtered environment and a heap limit (decision 0028).
 *
 * @packageDocumentation
 */
export { isolatedPlugin, type IsolatedPluginOptions } from './isolated-plugin.js';
export { PluginHostProcess, type PluginHostProcessOptions } from './host-process.js';
export { permissionFlags, hasDataDir, type PermissionFlagsOptions } from './permission-flags.js';
export { hostEnv } from './host-env.js';
export {
  networkEnforcement,
  bwrapArgs,
  egressEnv,
  nodeHonoursEnvProxy,
  EGRESS_BRIDGE_PORT,
  type HostWrapper,
  type NetworkEnforcement,
  type NetworkIsolation,
} from './network-wrapper.js';
export {
  parseEgressEntry,
  parseEgressHosts,
  matchEgress,
  decideEgress,
  isPrivateAddress,
  normalizeHost,
  DEFAULT_EGRESS_PORTS,
  type EgressRule,
  type EgressVerdict,
} from './egress-hosts.js';
export { startEgressProxy, type EgressProxy, type EgressProxyOptions } from './egress-proxy.js';
export { codeFolders } from './code-folders.js';
export {
  PROTOCOL_VERSION,
  toWireError,
  type CallTarget,
  type ChildMessage,
  type ContextMethod,
  type HostBoot,
  type HostedAction,
  type HostedActionCall,
  type ParentMessage,
  type WireError,
} from './protocol.js';
export { enforcementLines, type EnforcementOptions } from './enforcement-lines.js';
export { sandboxLaunch, type SandboxLaunch, type SandboxLaunchOptions } from './sandbox-launch.js';
export { prefixSafeFolders } from './prefix-safe-folders.js';
