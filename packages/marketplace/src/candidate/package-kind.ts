/** What a Downcity package is: a plugin or service (by its manifest) or a chat channel (by its keyword). */
export type DowncityPackageKind = 'plugin' | 'service' | 'channel';

/** The keyword of a chat channel package; channels have no `downcity` manifest (decision 0004). */
export const CHANNEL_KEYWORD = 'downcity-channel';

/** The chat service package every channel runs inside. */
export const CHAT_PACKAGE = '@downcity/chat';

/** Whether a package.json describes a chat channel: the `downcity-channel` keyword and no `downcity` manifest. */
export function isChannelPackage(packageJson: object & { keywords?: unknown; downcity?: unknown }): boolean {
  return packageJson.downcity === undefined && Array.isArray(packageJson.keywords) && packageJson.keywords.includes(CHANNEL_KEYWORD);
}
