import { describe, expect, it } from 'vitest';
import { describeConnectionFailure, redactUri } from '../../src/graph/driver.js';

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

describe('credentials in the URI', () => {
  it('redacts userinfo from every message', () => {
    const unreachable = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ServiceUnavailable' });
    const refused = Object.assign(new Error('unauthorized'), { code: 'Neo.ClientError.Security.Unauthorized' });
    const other = Object.assign(new Error('database not found'), { code: 'Neo.ClientError.Database.DatabaseNotFound' });
    for (const error of [unreachable, refused, other]) {
      const message = describeConnectionFailure('bolt://admin:s3cret@db.example.com:7687', error);
      expect(message).toContain('bolt://***@db.example.com:7687');
      expect(message).not.toContain('s3cret');
      expect(message).not.toContain('admin');
    }
  });

  it('leaves URIs without credentials alone and handles odd ones', () => {
    expect(redactUri('neo4j+s://xxxx.databases.neo4j.io')).toBe('neo4j+s://xxxx.databases.neo4j.io');
    expect(redactUri('bolt://127.0.0.1:7687')).toBe('bolt://127.0.0.1:7687');
    expect(redactUri('neo4j://user@host:7687')).toBe('neo4j://***@host:7687');
    expect(redactUri('bolt://u:p@ss@host:7687/db?x=a@b')).toBe('bolt://***@host:7687/db?x=a@b');
  });
});
