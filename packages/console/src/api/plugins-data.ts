import path from 'node:path';
import { DowncityError, ErrorCodes, IN_PROCESS_ENFORCEMENT, type ExecutionContext, type PackageSummary, type Permissions, type PointKind } from '@downcity/core';
import {
  addPlugin,
  failureReasonOf,
  FailureReasons,
  installedUsePackages,
  permissionLines,
  previewAdd,
  readProject,
  samePermissions,
  search,
  summarizePermissions,
  type AddPreview,
  type ConfirmRequest,
  type DowncityPackageKind,
  type ExtensionPointUse,
  type InstalledPackage,
  type PackageListing,
  type PackageManagerName,
} from '@downcity/marketplace';

/** Why the Plugins page refused, besides the marketplace's own `FailureReasons` (in `details.reason`). */
export const PluginsReasons = {
  /** The agent was not started from a project folder, so there is nowhere to add a package. */
  projectUnknown: 'project-unknown',
  /** Another add is still running; one change at a time. */
  changeRunning: 'change-running',
  /** The permissions accepted in the dialog are not what the package asks for now. */
  permissionsChanged: 'permissions-changed',
} as const;

/** A package on the Plugins page's installed list. */
export interface InstalledPackageView {
  /** The npm name. */
  name: string;
  /** The version the running agent loaded. */
  version: string;
  /** `service`, `plugin` or `channel` (a chat channel package in the project's `use`). */
  kind: DowncityPackageKind;
  /** The manifest id (services and plugins). */
  id?: string;
  /** True for the agent's own built-in service (`agent`, from `@downcity/core`). */
  builtIn: boolean;
  /** Extension points a service declares. */
  declares: { name: string; kind: PointKind; description: string }[];
  /** Points it attaches to; `skipped` when an optional point's service is not loaded. */
  attaches: { name: string; kind: PointKind; skipped: boolean }[];
  /** Actions it provides; `tool` when the model may call it. */
  actions: { name: string; description: string; tool: boolean }[];
  /** The permissions its manifest asks for; `null` for a channel, which declares none. */
  permissions: Permissions | null;
  /** The same permissions as lines a person reads (`network: api.example.com`). */
  permissionLines: string[];
  /**
   * What of those permissions is enforced, and how, one line each: an isolated plugin names each mechanism (own
   * process, files, programs, network, environment, memory); a package in the agent's process says nothing is.
   */
  enforced: string[];
}

/** A change in the project folder the running agent has not loaded: it takes effect after a restart. */
export interface PendingChange {
  /** The npm name. */
  name: string;
  /** `added` to `use`, `updated` to another version, or `removed` from `use`. */
  change: 'added' | 'updated' | 'removed';
  /** The package kind, when known. */
  kind?: DowncityPackageKind;
  /** The version in the project now (absent when removed). */
  version?: string;
  /** The version the running agent has (absent when added). */
  runningVersion?: string;
}

/** The body of `GET <console>/api/plugins`. */
export interface InstalledView {
  /** What the running agent loaded: its services and plugins (manifests), and the chat channel packages of `use`. */
  packages: InstalledPackageView[];
  /** The project folder adds go into; `null` when the agent was not started from one (`downcity start`). */
  projectDir: string | null;
  /** Changes in the project the running agent has not loaded; restart it to load them. */
  restartNeeded: PendingChange[];
  /** Why the project folder could not be read, if it could not. */
  projectProblem?: string;
}

/** One market search result. */
export interface MarketListingView {
  /** The npm name. */
  name: string;
  /** The latest version. */
  version: string;
  /** Its description. */
  description?: string;
  /** `plugin`, `service` or `channel`. */
  kind?: DowncityPackageKind;
  /** The manifest id. */
  id?: string;
  /** The manifest's display name. */
  displayName?: string;
  /** Points it declares or attaches to. */
  extensionPoints: ExtensionPointUse[];
  /** What it asks for, as lines. */
  permissionLines: string[];
  /** Whether the manifest is valid. */
  manifestValid: boolean;
  /** Whether the latest version works with the project's core. */
  compatible: boolean;
  /** The version an add would install (the newest compatible one), if any. */
  compatibleVersion?: string;
  /** Its `@downcity/core` range. */
  coreRange?: string;
  /** The version in the project now, if installed. */
  installedVersion?: string;
}

/** The body of `GET <console>/api/plugins/market/:name`: what an add would install and its checks. */
export type ListingDetailsView = Omit<AddPreview, 'listing' | 'configFile'> & {
  /** The version described, without its raw manifest. */
  listing: Omit<PackageListing, 'manifest' | 'keywords'>;
  /** The config file an add edits, relative to the project folder. */
  configFile: string;
};

/** The body of `POST <console>/api/plugins/add`. */
export interface AddRequest {
  /** The npm name. */
  name: string;
  /** The exact version shown in the dialog. */
  version: string;
  /** The permissions the person accepted in the dialog; `null` for a channel, which declares none. */
  acceptedPermissions: Permissions | null;
}

/** The answer to an add: what changed on disk, and that the running agent needs a restart to load it. */
export interface AddedView {
  /** The npm name. */
  name: string;
  /** The exact version installed (pinned in package.json). */
  version: string;
  /** Its kind. */
  kind?: DowncityPackageKind;
  /** False when that version was already installed and in `use`: nothing was written. */
  changed: boolean;
  /** The files written, relative to the project folder (package.json, the lockfile, the config). */
  files: string[];
  /** Whether the config's `use` gained the package. */
  configChanged: boolean;
  /** The package manager that installed it. */
  packageManager: PackageManagerName;
  /** Warnings (a required service missing from `use`, how to configure a channel). */
  warnings: string[];
  /** Whether the running agent must restart to load what is now in the project. */
  restartNeeded: boolean;
}

/** What the Plugins page reads and does. */
export interface PluginsData {
  /** The installed list and what needs a restart. */
  installed(): Promise<InstalledView>;
  /** Searches the registry for Downcity packages. */
  search(words: string[]): Promise<MarketListingView[]>;
  /** What adding `name` (at `version`, else the version an add would pick) would install, with its checks. */
  details(name: string, version?: string): Promise<ListingDetailsView>;
  /** Adds a package like `downcity plugins add`, only when the accepted permissions equal what it asks for. */
  add(request: AddRequest): Promise<AddedView>;
}

const CORE_PACKAGE = '@downcity/core';

function pluginsError(code: (typeof ErrorCodes)[keyof typeof ErrorCodes], reason: string, message: string, details: Record<string, unknown> = {}): DowncityError {
  return new DowncityError(code, message, { details: { reason, ...details } });
}

function packageView(summary: PackageSummary): InstalledPackageView {
  return {
    name: summary.name,
    version: summary.version,
    kind: summary.kind,
    id: summary.id,
    builtIn: summary.id === 'agent' && summary.name === CORE_PACKAGE,
    declares: summary.declares,
    attaches: summary.attaches,
    actions: summary.actions,
    permissions: summary.permissions,
    permissionLines: permissionLines({ kind: summary.kind }, summarizePermissions(summary.permissions)),
    enforced: summary.enforced,
  };
}

function channelView(entry: InstalledPackage): InstalledPackageView {
  return { name: entry.name, version: entry.version, kind: 'channel', builtIn: false, declares: [], attaches: [], actions: [], permissions: null, permissionLines: permissionLines({ kind: 'channel' }, undefined), enforced: [IN_PROCESS_ENFORCEMENT] };
}

/** The restart-needed list: what the project holds now against what the agent runs (loaded versions, else the start-up view). */
function pendingChanges(now: InstalledPackage[], atStart: InstalledPackage[], loaded: PackageSummary[]): PendingChange[] {
  const changes: PendingChange[] = [];
  const running = (name: string, kind: InstalledPackage['kind']): string | undefined =>
    (kind === 'channel' ? undefined : loaded.find((summary) => summary.name === name)?.version) ?? atStart.find((entry) => entry.name === name)?.version;
  for (const entry of now) {
    const runningVersion = running(entry.name, entry.kind);
    if (runningVersion === entry.version) continue;
    changes.push({
      name: entry.name,
      change: runningVersion === undefined ? 'added' : 'updated',
      ...(entry.kind ? { kind: entry.kind } : {}),
      version: entry.version,
      ...(runningVersion === undefined ? {} : { runningVersion }),
    });
  }
  for (const entry of atStart) {
    if (!now.some((current) => current.name === entry.name)) changes.push({ name: entry.name, change: 'removed', ...(entry.kind ? { kind: entry.kind } : {}), runningVersion: entry.version });
  }
  return changes;
}

/**
 * The Plugins page over an execution context: the installed list from `context.agent.packages()` (what the running
 * agent loaded, with manifests); the market and adds through `@downcity/marketplace` in `context.agent.projectDir`
 * (the project's `.npmrc` and the agent's environment choose the registry, as for `downcity plugins`). The project's
 * `use` packages are read once now, as the agent starts, so later changes show as needing a restart.
 */
export function pluginsData(context: ExecutionContext): PluginsData {
  const projectDir = context.agent.projectDir;
  const env = { ...context.env };
  const usePackages = async (): Promise<InstalledPackage[]> => (projectDir ? installedUsePackages(await readProject({ projectDir })) : []);
  // The project as the agent loaded it; a failure to read it is reported on the page rather than at start.
  const atStart = usePackages().then(
    (packages) => ({ packages, problem: undefined as string | undefined }),
    (error: unknown) => ({ packages: [] as InstalledPackage[], problem: error instanceof Error ? error.message : String(error) }),
  );
  let running: Promise<unknown> | undefined;

  const requireProject = (doing: string): string => {
    if (projectDir) return projectDir;
    throw pluginsError(
      ErrorCodes.AGENT_STATE,
      PluginsReasons.projectUnknown,
      `This agent was not started from a project folder, so the console cannot ${doing}. Start it with \`downcity start\` in the project, or use \`downcity plugins\` there.`,
    );
  };

  const installed = async (): Promise<InstalledView> => {
    const start = await atStart;
    const loaded = context.agent.packages();
    let now: InstalledPackage[] = [];
    let problem = start.problem;
    try {
      now = await usePackages();
    } catch (error) {
      problem ??= error instanceof Error ? error.message : String(error);
    }
    const channels = start.packages.filter((entry) => entry.kind === 'channel').map(channelView);
    return {
      packages: [...loaded.map(packageView), ...channels],
      projectDir: projectDir ?? null,
      restartNeeded: problem === undefined ? pendingChanges(now, start.packages, loaded) : [],
      ...(problem === undefined ? {} : { projectProblem: problem }),
    };
  };

  return {
    installed,

    async search(words) {
      const [results, current] = await Promise.all([search({ ...(projectDir ? { projectDir } : {}), env, words }), usePackages().catch(() => [])]);
      return results.map((result) => {
        const installedVersion = current.find((entry) => entry.name === result.name)?.version;
        return {
          name: result.name,
          version: result.version,
          ...(result.description ? { description: result.description } : {}),
          ...(result.kind ? { kind: result.kind } : {}),
          ...(result.id ? { id: result.id } : {}),
          ...(result.displayName ? { displayName: result.displayName } : {}),
          extensionPoints: result.extensionPoints,
          permissionLines: permissionLines(result, result.permissions),
          manifestValid: result.manifestValid,
          compatible: result.compatible,
          ...(result.compatibleVersion ? { compatibleVersion: result.compatibleVersion } : {}),
          ...(result.coreRange ? { coreRange: result.coreRange } : {}),
          ...(installedVersion ? { installedVersion } : {}),
        };
      });
    },

    async details(name, version) {
      const dir = requireProject('describe what an add would install');
      const preview = await previewAdd({ projectDir: dir, spec: version ? `${name}@${version}` : name, env });
      const { manifest: _manifest, keywords: _keywords, ...listing } = preview.listing;
      return { ...preview, listing, configFile: path.relative(dir, preview.configFile) };
    },

    async add(request) {
      const dir = requireProject('add packages');
      if (running) throw pluginsError(ErrorCodes.AGENT_STATE, PluginsReasons.changeRunning, 'Another add is still running; wait for it to finish, then try again.');
      let asked: ConfirmRequest | undefined;
      const work = addPlugin({
        projectDir: dir,
        spec: `${request.name}@${request.version}`,
        env,
        // The web permission prompt: go ahead only for exactly the package, version and permissions the person accepted.
        confirm: (question) => {
          asked = question;
          return question.name === request.name && question.version === request.version && samePermissions(question.permissions?.permissions, request.acceptedPermissions ?? undefined);
        },
      });
      running = work;
      try {
        const result = await work;
        const files = result.changedFiles.map((file) => path.relative(dir, file));
        if (result.changed) context.logger.info({ name: result.name, version: result.version, files }, 'package added from the console; restart the agent to load it');
        const { restartNeeded } = await installed();
        return {
          name: result.name,
          version: result.version,
          ...(result.listing.kind ? { kind: result.listing.kind } : {}),
          changed: result.changed,
          files,
          configChanged: result.configChanged,
          packageManager: result.packageManager,
          warnings: result.warnings,
          restartNeeded: restartNeeded.some((change) => change.name === result.name),
        };
      } catch (error) {
        if (asked && failureReasonOf(error) === FailureReasons.refused) {
          const wants = permissionLines(asked.listing, asked.permissions).join('; ');
          throw pluginsError(
            ErrorCodes.DENIED,
            PluginsReasons.permissionsChanged,
            `${asked.name}@${asked.version} asks for ${wants}, which is not what was accepted. Nothing was changed. Review its permissions and confirm again.`,
            { name: asked.name, version: asked.version },
          );
        }
        throw error;
      } finally {
        running = undefined;
      }
    },
  };
}
