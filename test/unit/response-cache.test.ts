import { createSchema, createYoga } from 'graphql-yoga';
import { describe, expect, it } from 'vitest';
import { createResponseCache } from '../../src/plugins/response-cache.js';

/** The response cache's expiry mode (used while Redis is away), on a yoga with a one-field schema. */
describe('response cache TTL', () => {
  const setup = () => {
    let calls = 0;
    const cache = createResponseCache(1024 * 1024);
    const yoga = createYoga({
      schema: createSchema({ typeDefs: 'type Query { calls: Int! }', resolvers: { Query: { calls: () => ++calls } } }),
      plugins: [cache.plugin],
      logging: false,
    });
    const ask = async () => {
      const response = await yoga.fetch('http://test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ calls }' }),
      });
      return ((await response.json()) as { data: { calls: number } }).data.calls;
    };
    return { cache, ask };
  };

  it('keeps answers until cleared by default', async () => {
    const { cache, ask } = setup();
    expect([await ask(), await ask()]).toEqual([1, 1]);
    cache.clear();
    expect(await ask()).toBe(2);
  });

  it('with a TTL, answers expire on their own; without it again, they stay', async () => {
    const { cache, ask } = setup();
    // Long enough that two answers on a loaded machine land within it (30 ms did not always).
    cache.setTtl(500);
    expect([await ask(), await ask()]).toEqual([1, 1]);
    await new Promise((done) => setTimeout(done, 600));
    expect(await ask()).toBe(2);
    cache.setTtl(undefined);
    cache.clear();
    expect(await ask()).toBe(3);
    await new Promise((done) => setTimeout(done, 600));
    expect(await ask()).toBe(3);
  });
});
