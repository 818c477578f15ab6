import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SeededServer, startSeededServer } from '../helpers/seeded-server.js';

/**
 * path, neighborhood and toolsFor read only key, name and kind of the entities they return when
 * that is all the client selects (resolvers/selection.ts). The same questions asked with whole
 * entities must agree on those fields, and whole fields asked for only through fragments must
 * still arrive.
 */

type Data = Record<string, unknown>;

const SUMMARY = 'fragment Told on Entity { summary }';

describe('entities read as far as the selection needs', () => {
  let api: SeededServer;
  beforeAll(async () => {
    api = await startSeededServer();
  });
  afterAll(() => api.stop());

  const ask = (query: string) => api.client.request<Data>(query);
  /** Drops `summary` everywhere, so a slim answer and a whole one can be compared. */
  const withoutSummary = (value: unknown): unknown =>
    JSON.parse(JSON.stringify(value, (key, inner) => (key === 'summary' ? undefined : inner)));
  const summaries = (value: unknown): unknown[] => {
    const found: unknown[] = [];
    JSON.stringify(value, (key, inner) => {
      if (key === 'summary') found.push(inner);
      return inner;
    });
    return found;
  };

  it.each([
    ['path', (end: string) => `{ path(from: "docker", to: "junior") { length steps { type from { ${end} } to { ${end} } } } }`],
    ['neighborhood', (end: string) => `{ neighborhood(key: "security", depth: 2, limit: 60) { nodes { ${end} } edges { from to type } } }`],
    [
      'toolsFor',
      (end: string) =>
        `{ toolsFor(concern: "security", first: 10) { score tool { ${end} } path { steps { type from { ${end} } to { ${end} } } } } }`,
    ],
  ])('%s: slim and whole answers agree, and a fragment gets whole fields', async (_field, query) => {
    const slim = await ask(query('id key name kind'));
    const whole = await ask(query('id key name kind summary'));
    const viaFragment = await ask(`${SUMMARY} ${query('id key name kind ...Told')}`);
    expect(summaries(slim)).toEqual([]);
    const told = summaries(whole);
    expect(told.length).toBeGreaterThan(1);
    expect(told.every((summary) => typeof summary === 'string' && summary.length > 0)).toBe(true);
    expect(withoutSummary(whole)).toEqual(slim);
    expect(viaFragment).toEqual(whole);
  });
});
