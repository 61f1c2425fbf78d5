import type { IsolationSettings } from '@downcity/core';
import { defineCommand } from '../cli/command.js';
import { isolates } from '../project/isolate-plugins.js';
import type { PackageListing } from '../project/inspect-packages.js';
import { inspectPackages } from '../project/inspect-packages.js';
import { readProjectConfig } from '../project/read-project-config.js';
import { resolvePackages } from '../project/resolve-packages.js';

function describePermissions(listing: PackageListing): string {
  const permissions = listing.permissions;
  if (!permissions) return 'not declared (a channel runs inside the chat service)';
  const network = permissions.network === true ? 'any host' : permissions.network === false ? 'none' : permissions.network.join(', ');
  const secrets = permissions.secrets.length > 0 ? `; secrets: ${permissions.secrets.join(', ')}` : '';
  return `network: ${network}; exec: ${permissions.exec ? 'yes' : 'no'}; files: ${permissions.filesystem}${secrets}${permissions.logs ? '; reads logs' : ''}`;
}

/** Where a package runs: an isolated host with its permissions enforced, or the agent's process (decision 0028). */
function runsIsolated(listing: PackageListing, isolation: IsolationSettings): boolean {
  return listing.kind === 'plugin' && !listing.local && listing.id !== undefined && isolates(isolation, { id: listing.id, name: listing.name });
}

function render(listings: (PackageListing & { isolated: boolean })[]): string[] {
  if (listings.length === 0) return ['No packages in use. Add them to `use` in downcity.config.ts.'];
  return listings.flatMap((listing) => [
    `${listing.local ? `${listing.specifier} (${listing.name}@${listing.version})` : `${listing.name}@${listing.version}`}  ${listing.kind}${listing.id ? ` "${listing.id}"` : ''}`,
    ...listing.declares.map((point) => `  declares ${point.name} (${point.kind})`),
    ...listing.attaches.map((point) => `  attaches ${point.name} (${point.kind}${point.optional ? ', optional' : ''})`),
    ...(listing.actions.length > 0 ? [`  actions  ${listing.actions.map((action) => `${action.name}${action.tool ? '*' : ''}`).join(', ')}`] : []),
    `  permissions  ${describePermissions(listing)}`,
    `  runs         ${listing.isolated ? 'isolated: own process, its permissions enforced (downcity plugins info shows how)' : "in the agent's process: nothing of its permissions is enforced"}`,
  ]).concat(['', '* = offered to the model as a tool']);
}

/** `downcity plugins list`: the packages in `use`, from their manifests. */
export const pluginsListCommand = defineCommand({
  name: 'plugins list',
  summary: 'List the services, plugins and channels in use, with extension points and permissions',
  details: ['Reads each package\'s package.json manifest; needs no running agent and runs no package code.'],
  async run(context) {
    const project = await readProjectConfig(context.cwd, { env: context.io.env });
    const listings = (await inspectPackages(await resolvePackages(project.config.use, project.dir))).map((listing) => ({
      ...listing,
      isolated: runsIsolated(listing, project.config.isolation),
    }));
    context.output.result({ packages: listings }, ({ packages }) => render(packages));
  },
});
