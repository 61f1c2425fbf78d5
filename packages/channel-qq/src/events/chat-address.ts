import { DowncityError, ErrorCodes } from '@downcity/core';

/**
 * Where a QQ conversation lives. Chat ids carry it as a prefix so a reply finds its endpoint:
 * `c2c:<user_openid>`, `group:<group_openid>`, `channel:<channel_id>` (guild sub-channel) and
 * `dm:<guild_id>` (guild direct message session).
 */
export type QqScene = 'c2c' | 'group' | 'channel' | 'dm';

const SCENES: readonly QqScene[] = ['c2c', 'group', 'channel', 'dm'];

/** Builds a chat id. */
export function chatIdOf(scene: QqScene, id: string): string {
  return `${scene}:${id}`;
}

/** Splits a chat id into scene and platform id; throws on anything else. */
export function parseChatId(chatId: string): { scene: QqScene; id: string } {
  const colon = chatId.indexOf(':');
  const scene = chatId.slice(0, colon) as QqScene;
  const id = chatId.slice(colon + 1);
  if (colon <= 0 || !SCENES.includes(scene) || id === '') {
    throw new DowncityError(ErrorCodes.INPUT_INVALID, `"${chatId}" is not a QQ chat id; expected c2c:<openid>, group:<group_openid>, channel:<channel_id> or dm:<guild_id>.`);
  }
  return { scene, id };
}

/** The send endpoint of a scene. */
export function messagesPath(scene: QqScene, id: string): string {
  const segment = encodeURIComponent(id);
  switch (scene) {
    case 'c2c':
      return `/v2/users/${segment}/messages`;
    case 'group':
      return `/v2/groups/${segment}/messages`;
    case 'channel':
      return `/channels/${segment}/messages`;
    case 'dm':
      return `/dms/${segment}/messages`;
  }
}
