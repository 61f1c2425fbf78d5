import { describeVersion, MARKETPLACE_KEYWORDS, type PackageListing } from '../candidate/describe-version.js';
import type { DowncityPackageKind } from '../candidate/package-kind.js';
import type { RegistryClient } from '../registry/registry-client.js';
import { failureReasonOf } from '../errors/marketplace-error.js';
import { FailureReasons } from '../errors/failure-reasons.js';
import type { Packument, SearchHit } from '../registry/packument.js';
import { pickVersion } from '../spec/pick-version.js';
import { openMarketplace, type MarketplaceOptions } from './marketplace-options.js';

/** Options for {@link search}. */
export interface SearchOptions extends MarketplaceOptions {
  /** Words to search for (all must match); none lists every Downcity package. */
  words?: string[];
  /** Plugins, services, chat channels (default all three). */
  kinds?: DowncityPackageKind[];
  /** At most this many results per kind (default 20, at most 250). */
  limit?: number;
}

/** One search result: the latest version described, plus the version `add` would install. */
export interface SearchResult extends PackageListing {
  /** The newest version compatible with the core checked against, when one exists (what `add` installs). */
  compatibleVersion?: string;
}

async function hitsFor(client: RegistryClient, keyword: string, text: string, limit: number): Promise<SearchHit[]> {
  const hasKeyword = (hit: SearchHit): boolean => (hit.package.keywords ?? []).includes(keyword);
  const qualified = await client.search(text ? `keywords:${keyword} ${text}` : `keywords:${keyword}`, limit);
  if (qualified.length > 0) return qualified.filter(hasKeyword);
  // Registries without search qualifiers (verdaccio) find nothing for `keywords:`; search the
  // words alone and keep the hits that carry the keyword.
  try {
    return (await client.search(text, limit)).filter(hasKeyword);
  } catch {
    return [];
  }
}

async function mapLimited<Item, Result>(items: Item[], limit: number, run: (item: Item) => Promise<Result>): Promise<Result[]> {
  const results: Result[] = [];
  for (let start = 0; start < items.length; start += limit) results.push(...(await Promise.all(items.slice(start, start + limit).map(run))));
  return results;
}

/**
 * Searches the registry for Downcity plugins, services and chat channels (`keywords:downcity-plugin
 * <words>`, also `downcity-service` and `downcity-channel`) and describes each: version, description, extension points,
 * permissions, and compatibility with the project's core. The search index lacks the manifest,
 * so each hit's package document is fetched.
 */
export async function search(options: SearchOptions = {}): Promise<SearchResult[]> {
  const { client, coreVersion } = await openMarketplace(options);
  const text = (options.words ?? []).join(' ').trim();
  const limit = Math.min(Math.max(options.limit ?? 20, 1), 250);
  const kinds = options.kinds ?? ['plugin', 'service', 'channel'];
  const names = new Set<string>();
  for (const keyword of MARKETPLACE_KEYWORDS.filter((item) => kinds.includes(item.slice('downcity-'.length) as DowncityPackageKind))) {
    for (const hit of await hitsFor(client, keyword, text, limit)) names.add(hit.package.name);
  }
  const described = await mapLimited([...names], 8, async (name): Promise<SearchResult | undefined> => {
    let packument: Packument;
    try {
      packument = await client.packument(name);
    } catch (error) {
      // The index can list a package that is gone (unpublished); skip it rather than fail the search.
      if (failureReasonOf(error) === FailureReasons.notFound) return undefined;
      throw error;
    }
    const latestVersion = packument['dist-tags']?.latest;
    const latest = (latestVersion ? packument.versions[latestVersion] : undefined) ?? pickVersion({ packument, coreVersion });
    const listing = describeVersion(latest, coreVersion);
    let compatibleVersion: string | undefined;
    try {
      const picked = pickVersion({ packument, coreVersion });
      if (describeVersion(picked, coreVersion).compatible) compatibleVersion = picked.version;
    } catch {
      compatibleVersion = undefined;
    }
    return { ...listing, compatibleVersion };
  });
  return described.filter((result): result is SearchResult => result !== undefined);
}
