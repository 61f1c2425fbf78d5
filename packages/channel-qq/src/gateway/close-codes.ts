/** What to do after the gateway closed the connection with a code (websocket 错误码 table). */
export type CloseAction = 'resume' | 'identify' | 'fatal';

/** Codes after which reconnecting cannot help: bad opcode/payload, shard, version, intents, bot removed or banned. */
const FATAL = new Set([4001, 4002, 4010, 4011, 4012, 4013, 4014, 4914, 4915]);
/** Codes after which the session is gone and a new Identify is needed. */
const NEW_SESSION = new Set([4006, 4007]);

/** Classifies a close code: 4009 and 4008 (and network drops) resume; 4006, 4007 and 4900-4913 re-identify. */
export function closeActionOf(code: number): CloseAction {
  if (FATAL.has(code)) return 'fatal';
  if (NEW_SESSION.has(code) || (code >= 4900 && code <= 4913)) return 'identify';
  return 'resume';
}

/** A human hint for fatal codes. */
export function fatalCloseHint(code: number): string {
  if (code === 4013 || code === 4014) return 'the bot may not subscribe to some intents: check services.chat.channels.qq.gateway.intents against the permissions granted on q.qq.com';
  if (code === 4010 || code === 4011) return 'check services.chat.channels.qq.gateway.shard';
  if (code === 4914) return 'the bot is offline (下架) and may only connect to the sandbox: set services.chat.channels.qq.sandbox';
  if (code === 4915) return 'the bot is banned; ask QQ to lift the ban';
  return 'the gateway refused the protocol used';
}
