import { describe, expect, it } from 'vitest';
import { buildPocketsphinxArguments, parsePocketsphinxOutput, pocketsphinxCliFor } from './pocketsphinx-arguments.js';

const files = { directory: '/t', utteranceId: 'audio', audioPath: '/t/audio.wav', controlPath: '/t/control.txt', hypothesisPath: '/t/hypothesis.txt' };

describe('pocketsphinx command line', () => {
  it('infers the CLI from the binary name', () => {
    expect(pocketsphinxCliFor('pocketsphinx_batch')).toBe('batch');
    expect(pocketsphinxCliFor('/usr/bin/pocketsphinx_continuous')).toBe('continuous');
    expect(pocketsphinxCliFor('/usr/local/bin/pocketsphinx')).toBe('single');
  });

  it('builds argv for each CLI, widening beams only with a grammar', () => {
    const batch = buildPocketsphinxArguments({ cli: 'batch', files, grammarPath: '/t/g.gram', hmm: '/m', dict: '/d', languageModel: '/lm' });
    expect(batch).toEqual(expect.arrayContaining(['-hmm', '/m', '-dict', '/d', '-jsgf', '/t/g.gram', '-beam', '1e-80', '-adcin', 'yes', '-adchdr', '44', '-ctl', '/t/control.txt', '-hyp', '/t/hypothesis.txt']));
    expect(batch).not.toContain('-lm');
    expect(buildPocketsphinxArguments({ cli: 'continuous', files, languageModel: '/lm' })).toEqual(['-lm', '/lm', '-infile', '/t/audio.wav']);
    expect(buildPocketsphinxArguments({ cli: 'single', files })).toEqual(['single', '/t/audio.wav']);
  });

  it('parses each CLI’s output', () => {
    expect(parsePocketsphinxOutput({ cli: 'batch', output: 'turn on the lights (audio -4207)\n' })).toBe('turn on the lights');
    expect(parsePocketsphinxOutput({ cli: 'batch', output: ' (audio 0)\n' })).toBe('');
    expect(parsePocketsphinxOutput({ cli: 'continuous', output: 'hello world\nwhat is the weather\n' })).toBe('hello world what is the weather');
    expect(parsePocketsphinxOutput({ cli: 'single', output: '{"b":0.0,"d":1.5,"p":1,"t":"go forward ten meters","w":[]}\nnot json\n' })).toBe('go forward ten meters');
  });
});
