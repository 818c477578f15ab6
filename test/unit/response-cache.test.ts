import { createSchema, createYoga } from 'graphql-yoga';
import { describe, expect, it } from 'vitest';
import { createResponseCache } from '../../src/plugins/response-cache.js';

/**
 * The response cache on a yoga with a one-field schema: expiry (used while Redis is away), writes
 * during a read, and READ_REQUIRES_AUTH. `x-actor` stands for a verified token.
 */
describe('response cache', () => {
  const setup = ({ readRequiresAuth = false } = {}) => {
    let calls = 0;
    let during: (() => void) | undefined;
    const cache = createResponseCache({ maxBytes: 1024 * 1024, readRequiresAuth });
    const yoga = createYoga({
      schema: createSchema({
        typeDefs: 'type Query { calls: Int! }',
        resolvers: {
          Query: {
            calls: async () => {
              const answer = ++calls;
              await new Promise((done) => setTimeout(done, 5));
              during?.();
              return answer;
            },
          },
        },
      }),
      context: ({ request }: { request: Request }) => ({ actor: request.headers.get('x-actor') }),
      plugins: [cache.plugin],
      logging: false,
    });
    const ask = async (actor?: string) => {
      const response = await yoga.fetch('http://test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(actor ? { 'x-actor': actor } : {}) },
        body: JSON.stringify({ query: '{ calls }' }),
      });
      return ((await response.json()) as { data: { calls: number } }).data.calls;
    };
    return { cache, ask, whileResolving: (act: (() => void) | undefined) => (during = act) };
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

  it('does not keep an answer read while a write cleared the cache', async () => {
    const { cache, ask, whileResolving } = setup();
    whileResolving(() => cache.clear());
    expect(await ask()).toBe(1);
    whileResolving(undefined);
    expect([await ask(), await ask()]).toEqual([2, 2]);
  });

  it('with READ_REQUIRES_AUTH, serves and keeps answers for authenticated callers only', async () => {
    const { ask } = setup({ readRequiresAuth: true });
    expect([await ask('alice'), await ask('bob')]).toEqual([1, 1]);
    // Anonymous: executed every time (where the schema's scope check refuses it), never from memory.
    expect([await ask(), await ask()]).toEqual([2, 3]);
    expect(await ask('alice')).toBe(1);
  });
});
