import { json } from '../render.js';

/** The project's tsconfig.json: strict, NodeNext, type-check only (`downcity` loads the TypeScript files directly). */
export function projectTsconfig(): string {
  return json({
    compilerOptions: {
      target: 'ES2022',
      lib: ['ES2023'],
      module: 'NodeNext',
      moduleResolution: 'NodeNext',
      strict: true,
      noUncheckedIndexedAccess: true,
      resolveJsonModule: true,
      isolatedModules: true,
      verbatimModuleSyntax: true,
      allowImportingTsExtensions: true,
      noEmit: true,
      skipLibCheck: true,
      types: ['node'],
    },
    include: ['downcity.config.ts', 'src', 'test'],
  });
}
