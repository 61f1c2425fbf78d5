import { registerSecret } from '@downcity/core';
import { describe, expect, it } from 'vitest';
import { MAX_SHOWN_INPUT_LENGTH, shownInput } from './tool-approvals.js';

describe('shownInput (the tool input in an approval request)', () => {
  it('redacts secrets, makes hidden characters visible and cuts long inputs', () => {
    registerSecret('approval-secret-7c1d9e');
    expect(shownInput({ token: 'approval-secret-7c1d9e', name: 'invoice\u202Egpj.exe' })).toBe('{"token":"[redacted]","name":"invoice\\u{202e}gpj.exe"}');
    const long = shownInput({ text: 'x'.repeat(2_000) });
    expect(long).toHaveLength(MAX_SHOWN_INPUT_LENGTH + 1);
    expect(long.endsWith('…')).toBe(true);
  });
});
