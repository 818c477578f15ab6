/**
 * Every fixed bound of the API, named once. Schema arguments take their defaults and maxima
 * from here, and so do the prebuilt Cypher variants (hop counts cannot be parameters).
 * Per-deployment limits (query cost, query depth, aliases, tokens, rate) live in config.ts.
 */
export const LIMITS = {
  /** Keys, search text and concerns, in characters. */
  textLength: 200,
  /** `entities` and `relations` pages. */
  page: { default: 20, max: 100 },
  /** `search` hits. */
  searchHits: { default: 10, max: 100 },
  /** `toolsFor` matches. */
  toolMatches: { default: 20, max: 100 },
  /**
   * `toolsFor`'s two-hop paths go through at most this many bridges (ideas and work around the
   * concern): the best-evidenced, least-connected first. Keeps a hub concern bounded (at 1000×
   * `security` has ~2,000 bridges and 27,000 two-hop paths); the seed's largest has 25.
   */
  toolBridges: 200,
  /** Global ids per `nodes` call. */
  nodeIds: 100,
  /** Entities a typed relationship field (Language.frameworks ...) returns; `relations` pages beyond. */
  typedFieldEntries: 100,
  /** `path(maxHops:)`. */
  pathHops: { default: 4, max: 6 },
  /** `neighborhood(depth:)`, in relationship hops from the centre. */
  neighborhoodDepth: { default: 1, max: 3 },
  /** `neighborhood(limit:)`, in nodes including the centre. */
  neighborhoodNodes: { default: 100, max: 500 },
  /** `history` and `changes` pages. */
  changes: { default: 20, max: 100 },
  /** Curated writes: an entity's name and each alias or section heading, in characters. */
  curatedName: 200,
  /** Curated writes: an entity summary, in characters. */
  curatedSummary: 2000,
  /** Curated writes: a relationship's evidence sentence, in characters. */
  curatedEvidence: 1000,
  /** Curated writes: aliases and sections per entity. */
  curatedListItems: 30,
  /** Curated sources: a title, in characters (authors are names: `curatedName`). */
  curatedTitle: 300,
  /** Curated sources: a URL, in characters. */
  curatedUrl: 2000,
} as const;
