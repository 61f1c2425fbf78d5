import { describe, expect, it } from 'vitest';
import { startAttackAgent } from './attack-agent.js';

describe.skipIf(process.platform !== 'linux')('the attack harness', () => {
  it('runs an allowed command for the owner and denies a guest, through a real chat turn', async () => {
    await using target = await startAttackAgent();
    const owner = await target.turn({ calls: [{ name: 'shell_exec', arguments: { argv: ['echo', 'hello'] } }] });
    expect(owner.status).toBe(200);
    expect(owner.results[0]).toMatchObject({ status: 'ran', exitCode: 0, stdout: 'hello\n' });
    const guest = await target.turn({ user: 'mallory', calls: [{ name: 'shell_exec', arguments: { argv: ['echo', 'hello'] } }] });
    expect(guest.results[0]).not.toMatchObject({ status: 'ran' });
    expect((await target.audit())[0]).toMatchObject({ principal: 'http:mallory', outcome: 'denied' });
  });
});
