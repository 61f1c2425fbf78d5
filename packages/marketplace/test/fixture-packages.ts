/** The greeter plugin's manifest; `extra` permissions are merged in (for a later version asking for more). */
export function greeterManifest(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'greeter',
    kind: 'plugin',
    displayName: 'Greeter',
    requires: { chat: '^0.1.0' },
    attaches: { 'chat/inbound': { kind: 'pipeline' }, 'chat/after-reply': { kind: 'effect', optional: true } },
    permissions: { network: ['api.greeting.example'], secrets: ['GREETER_TOKEN'], ...extra },
  };
}
