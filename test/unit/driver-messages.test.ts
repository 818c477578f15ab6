import { describe, expect, it } from 'vitest';
import { describeConnectionFailure } from '../../src/graph/driver.js';

describe('describeConnectionFailure', () => {
  it('points at the credentials when Neo4j refuses them', () => {
    const error = Object.assign(new Error('The client is unauthorized due to authentication failure.'), {
      code: 'Neo.ClientError.Security.Unauthorized',
    });
    const message = describeConnectionFailure('neo4j+s://example.databases.neo4j.io', error);
    expect(message).toContain('neo4j+s://example.databases.neo4j.io');
    expect(message).toContain('NEO4J_USER and NEO4J_PASSWORD');
  });

  it('points at the address when the server cannot be reached', () => {
    const error = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ServiceUnavailable' });
    const message = describeConnectionFailure('bolt://db:7687', error);
    expect(message).toContain('Could not reach Neo4j at bolt://db:7687');
    expect(message).toContain('unset NEO4J_URI');
  });
});
