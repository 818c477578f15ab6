/** Whole-graph counts, used by `graphStats` and by start-up to decide whether to seed. */
export const GRAPH_STATS = `
MATCH (n:Entity)
WITH count(n) AS entityCount
OPTIONAL MATCH (:Entity)-[r]->(:Entity)
RETURN entityCount, count(r) AS relationshipCount
`;

export interface GraphStatsRow {
  entityCount: number;
  relationshipCount: number;
}
