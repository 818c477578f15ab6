import { graphStats } from '../resolvers/stats.js';
import { builder } from './builder.js';

const GraphStats = builder.objectRef<{ entityCount: number; relationshipCount: number }>('GraphStats').implement({
  description: 'How much knowledge the graph holds.',
  fields: (t) => ({
    entityCount: t.exposeInt('entityCount', { description: 'Entities of every kind.' }),
    relationshipCount: t.exposeInt('relationshipCount', { description: 'Relationships between entities.' }),
  }),
});

builder.queryField('graphStats', (t) =>
  t.field({
    type: GraphStats,
    description: 'Counts of entities and relationships stored in Neo4j.',
    resolve: (_root, _args, ctx) => graphStats(ctx),
  }),
);
