import { DowncityError, ErrorCodes } from '@downcity/core';
import { describe, expect, it } from 'vitest';
import { isShellError, shellError } from './shell-error.js';

describe('shell errors', () => {
  it('are DowncityErrors with the closest core code and the shell reason in details', () => {
    const error = shellError('CWD_OUTSIDE_WORKSPACE', 'Use a directory inside the workspace.', { cause: new Error('root') });
    expect(DowncityError.is(error, ErrorCodes.INPUT_INVALID)).toBe(true);
    expect(error).toMatchObject({ name: 'DowncityError', message: 'Use a directory inside the workspace.', details: { reason: 'CWD_OUTSIDE_WORKSPACE' } });
    expect((error.cause as Error).message).toBe('root');
    expect(shellError('SANDBOX_UNAVAILABLE', 'install bwrap').code).toBe(ErrorCodes.CONFIG_INVALID);
  });

  it('are recognized by shape, optionally by reason', () => {
    const error = shellError('SESSION_CLOSED', 'closed');
    expect(isShellError(error)).toBe(true);
    expect(isShellError(error, 'SESSION_CLOSED')).toBe(true);
    expect(isShellError(error, 'SPAWN_FAILED')).toBe(false);
    expect(isShellError(new DowncityError(ErrorCodes.INTERNAL, 'other'))).toBe(false);
    expect(isShellError(new Error('plain'))).toBe(false);
  });
});
