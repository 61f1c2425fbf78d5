import { SELF, runsRest } from './option-wrapper.js';
import type { WrapperHandler } from './wrapper-outcome.js';

/** `busybox APPLET [ARG...]`, `toybox APPLET [ARG...]` */
export const multiCall: WrapperHandler = (words, program) => {
  const applet = words[1];
  if (!applet) return SELF;
  if (applet.dynamic) return { kind: 'unanalyzable', reason: `${program} runs the applet "${applet.text}" known only at run time` };
  if (applet.text.startsWith('-')) return SELF;
  return runsRest({ words, index: 1, label: program });
};
