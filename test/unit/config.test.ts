import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      PORT: 4000,
      NEO4J_LOCAL_PORT: 7687,
      NEO4J_LOCAL_DATA: '.data/neo4j',
      NEO4J_DATABASE: 'neo4j',
      QUERY_STATS: true,
    });
    expect(config.NEO4J_URI).toBeUndefined();
  });

  it('turns query stats off in production unless asked for', () => {
    expect(loadConfig({ NODE_ENV: 'production' }).QUERY_STATS).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', QUERY_STATS: 'true' }).QUERY_STATS).toBe(true);
  });

  it('names every invalid variable at once', () => {
    expect(() => loadConfig({ PORT: '70000', NEO4J_LOCAL_PORT: 'x', NEO4J_URI: 'not a uri' })).toThrowError(ConfigError);
    try {
      loadConfig({ PORT: '70000', NEO4J_LOCAL_PORT: 'x', NEO4J_URI: 'not a uri' });
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toContain('PORT');
      expect(message).toContain('NEO4J_LOCAL_PORT');
      expect(message).toContain('NEO4J_URI');
    }
  });
});
