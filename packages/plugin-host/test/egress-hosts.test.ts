import { describe, expect, it } from 'vitest';
import { decideEgress, isPrivateAddress, matchEgress, nodeHonoursEnvProxy, parseEgressEntry, parseEgressHosts } from '../src/index.js';

describe('permissions.network host grammar', () => {
  it('a host without a port means 80 and 443; with a port, only that port', () => {
    expect(parseEgressEntry('API.Example.com.')).toEqual({ entry: 'API.Example.com.', host: 'api.example.com', wildcard: false, ip: false, ports: [80, 443] });
    expect(parseEgressEntry('api.example.com:8443')).toMatchObject({ host: 'api.example.com', ports: [8443] });
    expect(parseEgressEntry('127.0.0.1:4001')).toMatchObject({ host: '127.0.0.1', ip: true, ports: [4001] });
    expect(parseEgressEntry('[::1]:4001')).toMatchObject({ host: '::1', ip: true, ports: [4001] });
    expect(parseEgressEntry('2001:db8::1')).toMatchObject({ host: '2001:db8::1', ip: true, ports: [80, 443] });
    expect(parseEgressEntry('*.example.com')).toMatchObject({ host: 'example.com', wildcard: true, ports: [80, 443] });
    expect(parseEgressEntry('localhost:3000')).toMatchObject({ host: 'localhost', ports: [3000] });
  });

  it('matches names case-insensitively, wildcards below the domain only, never a name against an address', () => {
    const rules = parseEgressHosts(['api.example.com', '*.cdn.example.com:8443', '127.0.0.1:4001']);
    expect(matchEgress(rules, 'API.example.com', 443)?.entry).toBe('api.example.com');
    expect(matchEgress(rules, 'api.example.com', 80)?.entry).toBe('api.example.com');
    expect(matchEgress(rules, 'api.example.com', 8080)).toBeUndefined();
    expect(matchEgress(rules, 'other.example.com', 443)).toBeUndefined();
    expect(matchEgress(rules, 'a.cdn.example.com', 8443)?.entry).toBe('*.cdn.example.com:8443');
    expect(matchEgress(rules, 'a.b.cdn.example.com', 8443)?.entry).toBe('*.cdn.example.com:8443');
    expect(matchEgress(rules, 'cdn.example.com', 8443)).toBeUndefined();
    expect(matchEgress(rules, 'evilcdn.example.com', 8443)).toBeUndefined();
    expect(matchEgress(rules, '127.0.0.1', 4001)?.entry).toBe('127.0.0.1:4001');
    expect(matchEgress(rules, '127.0.0.1', 4002)).toBeUndefined();
    expect(matchEgress(rules, 'localhost', 4001)).toBeUndefined();
  });

  it('refuses entries that are not hosts, saying what to write', () => {
    for (const [entry, why] of [
      ['https://api.example.com', 'no scheme, path or user'],
      ['api.example.com/v1', 'no scheme, path or user'],
      ['api.example.com:0', 'port outside 1-65535'],
      ['api.example.com:70000', 'port outside 1-65535'],
      ['api.*.example.com', 'wildcard that is not a leading "*."'],
      ['*.com', 'top-level domain'],
      ['*.10.0.0.1', 'wildcard over an address'],
      ['exa mple.com', 'not a valid host name'],
      ['', 'not a host'],
    ] as const) {
      expect(() => parseEgressEntry(entry), entry).toThrow(why);
      expect(() => parseEgressEntry(entry), entry).toThrow('e.g. "api.example.com"');
    }
  });
});

describe('a host name never leads to a private address (DNS rebinding)', () => {
  it('knows loopback, link-local, private, CGNAT, unspecified and mapped addresses', () => {
    for (const address of ['127.0.0.1', '127.1.2.3', '10.0.0.5', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '224.0.0.1', '::1', '::', 'fe80::1', 'fd00::1', '::ffff:127.0.0.1', '::ffff:10.0.0.1']) {
      expect(isPrivateAddress(address), address).toBe(true);
    }
    for (const address of ['93.184.216.34', '172.32.0.1', '8.8.8.8', '2606:4700::1111', '::ffff:8.8.8.8']) {
      expect(isPrivateAddress(address), address).toBe(false);
    }
  });

  it('a declared name resolving to a private address is refused; a declared IP or localhost is allowed; the checked address is the one used', () => {
    const rules = parseEgressHosts(['api.example.com', '10.0.0.7:5432', 'localhost:3000']);
    expect(decideEgress(rules, 'api.example.com', 443, ['93.184.216.34'])).toEqual({ allow: true, address: '93.184.216.34' });
    expect(decideEgress(rules, 'api.example.com', 443, ['93.184.216.34', '127.0.0.1'])).toEqual({
      allow: false,
      reason: 'private-address',
      message: 'api.example.com:443 resolves to 127.0.0.1, a loopback, link-local or private address; only a declared IP address (or localhost) may reach those.',
    });
    expect(decideEgress(rules, 'api.example.com', 443, ['169.254.169.254'])).toMatchObject({ allow: false, reason: 'private-address' });
    expect(decideEgress(rules, '10.0.0.7', 5432, [])).toEqual({ allow: true, address: '10.0.0.7' });
    expect(decideEgress(rules, 'localhost', 3000, ['127.0.0.1'])).toEqual({ allow: true, address: '127.0.0.1' });
    expect(decideEgress(rules, 'evil.test', 443, ['93.184.216.34'])).toEqual({
      allow: false,
      reason: 'undeclared',
      message: "evil.test:443 is not declared in the package's permissions.network (declared: api.example.com, 10.0.0.7:5432, localhost:3000).",
    });
  });
});

describe('which Node versions send a plugin\'s HTTP to the egress bridge', () => {
  it('22.21+, 24.5+ and 25+ honour NODE_USE_ENV_PROXY; older ones do not', () => {
    expect(['22.21.0', '22.23.3', '24.5.0', '24.21.0', '25.0.0'].map((version) => nodeHonoursEnvProxy(version))).toEqual([true, true, true, true, true]);
    expect(['22.13.0', '22.20.9', '23.11.0', '24.4.1'].map((version) => nodeHonoursEnvProxy(version))).toEqual([false, false, false, false]);
  });
});
