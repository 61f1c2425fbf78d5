import { packageConfig } from '../../tsup.base.js';

// Three entries: the main one, `./postgres` (loads `pg`) and `./tracing` (loads the OpenTelemetry SDK), so the
// main entry loads neither.
export default packageConfig({ entry: { index: 'src/index.ts', postgres: 'src/postgres.ts', tracing: 'src/tracing.ts' } });
