import { inject } from 'vitest';
import { Graph } from '../../src/graph/database.js';
import { createDriver } from '../../src/graph/driver.js';

/** A Graph on the test Neo4j; the caller closes it with `graph.driver.close()`. */
export function testGraph(timeoutMs = 5_000): Graph {
  const driver = createDriver({
    uri: inject('neo4jUri'),
    user: process.env.NEO4J_USER ?? 'neo4j',
    password: process.env.NEO4J_PASSWORD ?? '',
  });
  return new Graph(driver, process.env.NEO4J_DATABASE ?? 'neo4j', timeoutMs);
}
