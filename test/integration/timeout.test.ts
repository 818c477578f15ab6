import { describe, expect, it } from 'vitest';
import { QueryTimeoutError } from '../../src/graph/errors.js';
import { testGraph } from '../helpers/test-graph.js';

describe('per-query transaction timeout', () => {
  it('ends runaway Cypher with a QueryTimeoutError (TIMEOUT to clients)', async () => {
    const graph = testGraph(300);
    try {
      const started = performance.now();
      await expect(graph.read('UNWIND range(1, 400000000) AS x WITH x WHERE x % 7 = 3 RETURN count(x) AS n', {})).rejects.toBeInstanceOf(
        QueryTimeoutError,
      );
      expect(performance.now() - started).toBeLessThan(10_000);
    } finally {
      await graph.driver.close();
    }
  });
});
