import { describe, expect, it } from 'vitest';
import { approvalCommandText } from './ask-approval.js';

describe('approvalCommandText', () => {
  it('shows a shell line as written and an argv with arguments quoted', () => {
    expect(approvalCommandText({ command: "x='a[$(id)]'; echo $((x))", argv: ['bash', '-c', 'ignored'] })).toBe("x='a[$(id)]'; echo $((x))");
    expect(approvalCommandText({ argv: ['sh', '-c', "echo 'hi' && ls"] })).toBe(`sh -c 'echo '\\''hi'\\'' && ls'`);
  });

  it('makes control, bidirectional and zero-width characters visible', () => {
    const shown = approvalCommandText({ argv: ['bash', '-c', 'echo safe\u202e; rm -rf x\n# \u200b\u2066'] });
    expect(shown).toBe("bash -c 'echo safe\\u{202e}; rm -rf x\\n# \\u{200b}\\u{2066}'");
    expect(approvalCommandText({ command: 'ls\r\u001b[2K', argv: [] })).toBe('ls\\r\\u{1b}[2K');
  });
});
