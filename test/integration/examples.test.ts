import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleOperations } from '../../src/examples/index.js';
import { type SeededServer, startSeededServer } from '../helpers/seeded-server.js';

/** Every example GraphiQL opens with must run cleanly and return data. */

const document = exampleOperations();
const names = parse(document).definitions.flatMap((definition) =>
  definition.kind === 'OperationDefinition' && definition.name ? [definition.name.value] : [],
);

describe('GraphiQL example operations', () => {
  let server: SeededServer;
  beforeAll(async () => {
    server = await startSeededServer();
  });
  afterAll(() => server.stop());

  it('covers the questions users ask', () => {
    expect(names).toEqual(expect.arrayContaining(['ToolsForSecurity', 'PythonFrameworks', 'DockerToScalability', 'SeniorVersusJunior']));
  });

  it.each(names)('%s runs without errors and finds something', async (operationName) => {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: document, operationName }),
    });
    const body = (await response.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
    expect(body.errors).toBeUndefined();
    const [value] = Object.values(body.data ?? {});
    expect(value).toBeTruthy();
    if (Array.isArray(value)) expect(value.length).toBeGreaterThan(0);
  });

  it('opens GraphiQL with them', async () => {
    const page = await (await fetch(`${server.url}/graphql`, { headers: { accept: 'text/html' } })).text();
    expect(page).toContain('ToolsForSecurity');
    // Self-contained: nothing is fetched from a CDN, so GraphiQL works without internet access.
    expect(page).not.toMatch(/unpkg\.com|jsdelivr/);
  });
});
