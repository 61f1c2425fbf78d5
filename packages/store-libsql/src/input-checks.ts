/** Argument checks shared by every store (core), used by this package's tables. */
export { checkCount, checkName } from '@downcity/core';
