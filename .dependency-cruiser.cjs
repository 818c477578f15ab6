/**
 * The layering rules of src/ (checked by `npm run lint`): no import cycles, and each layer
 * reaches only the one below it: schema -> resolvers -> graph -> Neo4j.
 */
module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
    {
      name: 'graph-knows-no-graphql',
      comment: 'src/graph is data access only: it never imports the schema, resolvers, plugins or the server.',
      severity: 'error',
      from: { path: '^src/graph/' },
      to: { path: '^src/(schema|resolvers|plugins|yoga|server|context)' },
    },
    {
      name: 'schema-goes-through-resolvers',
      comment: 'Schema files wire fields to resolvers; only types and the vocabulary come from src/graph directly.',
      severity: 'error',
      from: { path: '^src/schema/' },
      to: { path: '^src/graph/(?!vocabulary)', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'resolvers-know-no-schema',
      severity: 'error',
      from: { path: '^src/resolvers/' },
      to: { path: '^src/schema/' },
    },
    {
      name: 'backup-is-an-operator-tool',
      comment:
        'src/backup (export/import) never imports the GraphQL layers (its Cypher is in src/graph/queries); nothing else in src imports it.',
      severity: 'error',
      from: { path: '^src/backup/' },
      to: { path: '^src/(schema|resolvers|plugins|yoga|server|context)' },
    },
    {
      name: 'nothing-depends-on-backup',
      severity: 'error',
      from: { path: '^src/(?!backup/)' },
      to: { path: '^src/backup/' },
    },
    {
      name: 'shared-state-is-infrastructure',
      comment:
        'src/shared-state holds the Redis connections and what instances share through them; it knows nothing of GraphQL, the graph or the server wiring.',
      severity: 'error',
      from: { path: '^src/shared-state/' },
      to: { path: '^src/(graph|schema|resolvers|plugins|yoga|server|context)' },
    },
    {
      name: 'only-the-wiring-uses-shared-state',
      comment: 'Fields, resolvers and data access stay unaware of Redis: yoga.ts and the plugins hand them what they need.',
      severity: 'error',
      from: { path: '^src/(graph|schema|resolvers)/' },
      to: { path: '^src/shared-state/' },
    },
    {
      name: 'src-stands-alone',
      comment: 'seed/ holds data and CLIs that use src/, never the other way round; tests and benchmarks likewise.',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^(seed|test|bench)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
