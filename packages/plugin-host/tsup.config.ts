import { packageConfig } from '../../tsup.base.js';

// Three entries: the library the agent imports, the child process's entry (`dist/host-child.js`) and the egress
// bridge it imports by path when the plugin declares hosts (`dist/egress-bridge.js`).
export default packageConfig({ entry: ['src/index.ts', 'src/host-child.ts', 'src/egress-bridge.ts'] });
