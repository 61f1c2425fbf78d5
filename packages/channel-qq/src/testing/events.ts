/** Documented event payloads (API v2 事件 examples), with ids made unique per call. */
let counter = 0;

const next = (): number => (counter += 1);

/** A `C2C_MESSAGE_CREATE` data object. */
export function c2cMessage(content: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { author: { user_openid: 'E4F4AEA33253A2797FB897C50B81D7ED' }, content, id: `ROBOT1.0_c2c.${next()}`, timestamp: '2023-11-06T13:37:18+08:00', ...extra };
}

/** A `GROUP_AT_MESSAGE_CREATE` data object (content starts with the space left by the @). */
export function groupMessage(content: string): Record<string, unknown> {
  return {
    author: { member_openid: 'E4F4AEA33253A2797FB897C50B81D7ED' },
    content: ` ${content}`,
    group_openid: 'C9F778FE6ADF9D1D1DBE395BF744A33A',
    id: `ROBOT1.0_group.${next()}`,
    timestamp: '2023-11-06T13:37:18+08:00',
  };
}

/** An `AT_MESSAGE_CREATE` data object (guild Message). */
export function guildAtMessage(content: string, botUserId = '9000000001'): Record<string, unknown> {
  return {
    author: { avatar: 'http://thirdqq.qlogo.cn/0', bot: false, id: '1234', username: 'abc' },
    channel_id: '100010',
    content: `<@!${botUserId}> ${content}`,
    guild_id: '18700000000001',
    id: `0812345677890abcdef${next()}`,
    member: { joined_at: '2021-04-12T16:34:42+08:00', roles: ['1'] },
    mentions: [{ id: botUserId, username: 'fake-bot', bot: true }],
    timestamp: '2021-05-20T15:14:58+08:00',
    seq: 101,
  };
}

/** A webhook dispatch envelope. */
export function dispatch(type: string, data: unknown): Record<string, unknown> {
  return { op: 0, id: `${type}:${next()}`, d: data, t: type };
}
