import { describe, expect, it } from 'vitest';
import { secretEquals } from './secret-equals.js';

describe('secretEquals', () => {
  it('matches only the exact secret; missing and empty values never match', () => {
    expect(secretEquals('webhook_Secret-1', 'webhook_Secret-1')).toBe(true);
    for (const received of ['webhook_Secret-2', 'webhook_Secret-1x', 'webhook_secret-1', '', undefined, null]) expect(secretEquals(received, 'webhook_Secret-1')).toBe(false);
  });
});
