import { packageConfig } from '../../tsup.base.js';

export default packageConfig({ entry: ['src/index.ts', 'src/lint.ts', 'src/bin.ts'], dts: { entry: ['src/index.ts', 'src/lint.ts'] } });
