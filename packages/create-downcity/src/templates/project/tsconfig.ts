import { baseCompilerOptions } from '../compiler-options.js';
import { json } from '../render.js';

/** The project's tsconfig.json: strict, NodeNext, type-check only (`downcity` loads the TypeScript files directly). */
export function projectTsconfig(): string {
  return json({
    compilerOptions: { ...baseCompilerOptions, allowImportingTsExtensions: true },
    include: ['downcity.config.ts', 'src', 'test'],
  });
}
