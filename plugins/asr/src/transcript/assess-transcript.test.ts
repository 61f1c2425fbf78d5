import { describe, expect, it } from 'vitest';
import { assessTranscript } from './assess-transcript.js';

describe('assessTranscript', () => {
  it('accepts ordinary speech', () => {
    expect(assessTranscript({ text: 'turn on the lights', durationSeconds: 1.8 })).toEqual({ plausible: true });
    expect(assessTranscript({ text: '明天早上提醒我买牛奶', durationSeconds: 2.5 })).toEqual({ plausible: true });
    expect(assessTranscript({ text: 'no no no', durationSeconds: 1 })).toEqual({ plausible: true });
  });

  it('flags empty and whitespace-only transcripts', () => {
    expect(assessTranscript({ text: '' })).toEqual({ plausible: false, reason: 'nothing was recognised' });
    expect(assessTranscript({ text: ' \n\t ' }).plausible).toBe(false);
  });

  it('flags filler and noise tags only', () => {
    expect(assessTranscript({ text: 'um, uh... hmm' }).reason).toMatch(/filler/);
    expect(assessTranscript({ text: '[noise] (music) <unk>' }).reason).toMatch(/filler|noise/);
  });

  it('flags silence hallucinations', () => {
    expect(assessTranscript({ text: 'Thanks for watching!', durationSeconds: 3 }).plausible).toBe(false);
  });

  it('flags far too many words for the audio length', () => {
    const text = Array.from({ length: 40 }, (_, index) => `word${index}`).join(' ');
    expect(assessTranscript({ text, durationSeconds: 2 })).toMatchObject({ plausible: false, reason: '40 words is too many for 2.0 s of audio' });
    expect(assessTranscript({ text, durationSeconds: 15 }).plausible).toBe(true);
  });

  it('flags repeated-token loops', () => {
    expect(assessTranscript({ text: 'thank you thank you thank you thank you thank you thank you thank you', durationSeconds: 30 })).toMatchObject({ plausible: false, reason: expect.stringContaining('"thank you" repeats 7 times') });
    expect(assessTranscript({ text: 'the the the the the the the the', durationSeconds: 30 }).reason).toContain('"the" repeats 8 times');
  });

  it('flags a transcript far too short for a long recording', () => {
    expect(assessTranscript({ text: 'hello', durationSeconds: 120 })).toMatchObject({ plausible: false, reason: '1 words is too few for 120 s of audio' });
    expect(assessTranscript({ text: 'hello', durationSeconds: 5 }).plausible).toBe(true);
  });
});
