import type { ActionSignature } from '@downcity/core';
import type { SignInLinkInput, SignInLinkOutput } from './actions/sign-in-link-action.js';

declare module '@downcity/core' {
  interface Actions {
    /** Creates a one-time sign-in link to the web console. Operator only. */
    'console/sign-in-link': ActionSignature<SignInLinkInput, SignInLinkOutput>;
  }
}
