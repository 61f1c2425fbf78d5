import semver from 'semver';
import { CORE_PACKAGE, isCoreCompatible } from '../candidate/core-compatibility.js';
import { CHAT_PACKAGE, type DowncityPackageKind } from '../candidate/package-kind.js';
import { lintError, lintWarning, LintCodes, type LintProblem } from './lint-codes.js';
import type { LintedPackageJson } from './linted-package-json.js';

function checkCoreRange(packageJson: LintedPackageJson, coreVersion: string): LintProblem[] {
  const field = `peerDependencies.${CORE_PACKAGE}`;
  const problems: LintProblem[] = [];
  if (packageJson.dependencies?.[CORE_PACKAGE] !== undefined) {
    problems.push(lintError(LintCodes.CORE_IN_DEPENDENCIES, `Move ${CORE_PACKAGE} from dependencies to peerDependencies, so the agent and the plugin share one core.`, `dependencies.${CORE_PACKAGE}`));
  }
  const range = packageJson.peerDependencies?.[CORE_PACKAGE];
  if (typeof range !== 'string' || range.trim() === '') {
    problems.push(
      lintError(
        LintCodes.CORE_PEER_MISSING,
        `package.json has no peer dependency on ${CORE_PACKAGE}, so agents cannot tell which core it works with. Add "peerDependencies": { "${CORE_PACKAGE}": "^${coreVersion}" }.`,
        field,
      ),
    );
  } else if (/^(workspace|file|link):/.test(range)) {
    problems.push(lintWarning(LintCodes.CORE_RANGE_LOCAL, `"${range}" only works inside a workspace; publish with \`pnpm publish\` (which rewrites workspace: ranges) or write a real range such as "^${coreVersion}".`, field));
  } else if (semver.validRange(range) === null) {
    problems.push(lintError(LintCodes.CORE_RANGE_INVALID, `The ${CORE_PACKAGE} peer range "${range}" is not a valid semver range. Use e.g. "^${coreVersion}".`, field));
  } else if (!isCoreCompatible(range, coreVersion)) {
    problems.push(
      lintError(
        LintCodes.CORE_RANGE_INCOMPATIBLE,
        `The ${CORE_PACKAGE} peer range "${range}" does not accept the current core ${coreVersion}, so agents on it will refuse the package. Widen it (e.g. "^${coreVersion}") after testing against ${coreVersion}.`,
        field,
      ),
    );
  }
  return problems;
}

function checkRequires(packageJson: LintedPackageJson): LintProblem[] {
  const requires = (packageJson.downcity as { requires?: unknown } | undefined)?.requires;
  if (!requires || typeof requires !== 'object') return [];
  return Object.entries(requires as Record<string, unknown>).flatMap(([service, required]) =>
    typeof required === 'string' && semver.validRange(required) !== null
      ? []
      : [lintError(LintCodes.REQUIRES_RANGE_INVALID, `downcity.requires.${service} is ${JSON.stringify(required)}, not a valid semver range. Use e.g. "^0.1.0".`, `downcity.requires.${service}`)],
  );
}

/**
 * Checks the version ranges: `@downcity/core` is a peer (not a dependency) with a valid range that
 * accepts `coreVersion`; `requires` ranges are valid; a channel peers on `@downcity/chat`.
 */
export function checkRanges(packageJson: LintedPackageJson, kind: DowncityPackageKind | undefined, coreVersion: string): LintProblem[] {
  const problems = [...checkCoreRange(packageJson, coreVersion), ...checkRequires(packageJson)];
  if (kind === 'channel' && typeof packageJson.peerDependencies?.[CHAT_PACKAGE] !== 'string') {
    problems.push(lintError(LintCodes.CHAT_PEER_MISSING, `A channel runs inside the chat service: add "peerDependencies": { "${CHAT_PACKAGE}": "^<version>" }.`, `peerDependencies.${CHAT_PACKAGE}`));
  }
  return problems;
}
