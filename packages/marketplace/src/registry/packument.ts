/** The `dist` of a published version. */
export interface VersionDist {
  /** The tarball URL. */
  tarball: string;
  /** The Subresource Integrity string, e.g. `sha512-...`. */
  integrity?: string;
  /** The legacy SHA-1 hex digest. */
  shasum?: string;
}

/** One version's package.json as the registry serves it. */
export interface PackumentVersion {
  /** The package name. */
  name: string;
  /** The version. */
  version: string;
  /** The description. */
  description?: string;
  /** Keywords. */
  keywords?: string[];
  /** The license. */
  license?: string;
  /** The homepage. */
  homepage?: string;
  /** The repository. */
  repository?: string | { type?: string; url?: string; directory?: string };
  /** Dependencies. */
  dependencies?: Record<string, string>;
  /** Peer dependencies; a Downcity package declares `@downcity/core` here. */
  peerDependencies?: Record<string, string>;
  /** The raw `downcity` manifest. */
  downcity?: unknown;
  /** A deprecation message, when deprecated. */
  deprecated?: string;
  /** Where and how to download it. */
  dist: VersionDist;
}

/** A package document (packument) from `GET /<name>`. */
export interface Packument {
  /** The package name. */
  name: string;
  /** The description of the latest version. */
  description?: string;
  /** Dist-tags, e.g. `{ latest: '1.2.0' }`. */
  'dist-tags': Record<string, string>;
  /** Every published version. */
  versions: Record<string, PackumentVersion>;
  /** Publish times by version. */
  time?: Record<string, string>;
}

/** One hit of the registry search API (`GET /-/v1/search`). */
export interface SearchHit {
  /** The package as the search index knows it (no `downcity` field). */
  package: {
    /** The name. */
    name: string;
    /** The latest version (npm); verdaccio gives `dist-tags` instead. */
    version?: string;
    /** The description. */
    description?: string;
    /** Keywords. */
    keywords?: string[];
    /** Dist-tags (verdaccio). */
    'dist-tags'?: Record<string, string>;
  };
}
