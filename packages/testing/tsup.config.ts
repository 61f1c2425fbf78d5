import { packageConfig } from '../../tsup.base.js';

// Two entries: the main one, and `./postgres` (loads `pg`, so it stays out of the main entry).
export default packageConfig({ entry: { index: 'src/index.ts', postgres: 'src/postgres.ts' } });
