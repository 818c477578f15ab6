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
} as const;
