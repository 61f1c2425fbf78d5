import { describe, expect, it } from 'vitest';
import { captureIo } from '../../test/capture-io.js';
import { table } from './format.js';
import { Output } from './output.js';

const FORGED = 'Mallory\nQ7QD9MZP  telegram:1          Boss\r2030-01-01 00:00:00\u202Eowner';

describe('human output shows outside text escaped, one line per line', () => {
  it('a newline, carriage return or right-to-left override in a table cell cannot forge a row', () => {
    const io = captureIo({ cwd: process.cwd() });
    const output = new Output(io, { json: false });
    output.result({ pending: [{ code: 'K7QD9MZP', principalId: 'telegram:66', displayName: FORGED }] }, ({ pending }) =>
      table([['CODE', 'PRINCIPAL', 'NAME'], ...pending.map((request) => [request.code, request.principalId, request.displayName])]),
    );
    const lines = io.out().split(/\r\n|\r|\n/).slice(0, -1);
    expect(lines).toEqual([
      'CODE      PRINCIPAL    NAME',
      'K7QD9MZP  telegram:66  Mallory\\nQ7QD9MZP  telegram:1          Boss\\r2030-01-01 00:00:00\\u{202e}owner',
    ]);
    expect(io.out()).not.toMatch(/[\r\u202E]/u);
  });

  it('escapes plain lines and notes the same way, keeps an error\'s own line breaks, and leaves --json alone', () => {
    const io = captureIo({ cwd: process.cwd() });
    const output = new Output(io, { json: false });
    output.lines(`[1] user: ${FORGED}`);
    output.note(`from ${FORGED}`);
    output.error(new Error('Invalid config:\n  - user: Bob\r\u202Eowner'));
    expect(io.out().split('\n')).toHaveLength(2);
    expect(io.err().split('\n')).toEqual([
      'from Mallory\\nQ7QD9MZP  telegram:1          Boss\\r2030-01-01 00:00:00\\u{202e}owner',
      'error: Invalid config:',
      '  - user: Bob\\r\\u{202e}owner',
      '',
    ]);

    const json = captureIo({ cwd: process.cwd() });
    new Output(json, { json: true }).result({ name: FORGED }, () => []);
    expect(JSON.parse(json.out())).toEqual({ name: FORGED });
  });
});
