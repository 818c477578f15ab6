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
