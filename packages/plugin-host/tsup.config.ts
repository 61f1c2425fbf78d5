import { packageConfig } from '../../tsup.base.js';

// Two entries: the library the agent imports, and the child process's entry (`dist/host-child.js`).
export default packageConfig({ entry: ['src/index.ts', 'src/host-child.ts'] });
