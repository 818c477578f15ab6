import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_OPERATION_LABELS } from '../../src/plugins/metrics.js';
import { testGraph } from '../helpers/test-graph.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

/** Structured request logs and Prometheus metrics. */

describe('observability', () => {
  const graph = testGraph();
  const logLines: string[] = [];
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(graph, { NODE_ENV: 'production' }, logLines);
  });
  afterAll(async () => {
    await server.close();
    await graph.driver.close();
  });

  const post = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });

  it('logs one JSON line per request with id, operation, duration, round-trips and error codes', async () => {
    await post(
      { query: 'query PythonFrameworks { entity(key: "python") { ... on Language { frameworks { key } } } }' },
      { 'x-request-id': 'req-123' },
    );
    await post({ query: 'query Bad { entities(first: 0) { nodes { key } } }' });
    const entries = logLines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((entry) => entry.msg === 'graphql request');
    const ok = entries.find((entry) => entry.reqId === 'req-123');
    expect(ok).toMatchObject({ operation: 'PythonFrameworks', status: 200, level: 30 });
    expect(ok?.neo4jRoundTrips).toBe(1);
    expect(typeof ok?.durationMs).toBe('number');
    const bad = entries.find((entry) => entry.operation === 'Bad');
    expect(bad).toMatchObject({ errorCodes: ['BAD_USER_INPUT'], level: 40 });
    expect(typeof bad?.reqId).toBe('string');
  });

  it('exposes Prometheus metrics by operation, error code, Neo4j cost and process', async () => {
    await post({ query: 'query Stats { graphStats { entityCount } }' });
    const response = await fetch(`${server.url}/metrics`);
    expect(response.headers.get('content-type')).toContain('text/plain');
    const text = await response.text();
    expect(text).toMatch(/graphql_requests_total\{operation="Stats",status="200"\} [1-9]/);
    expect(text).toMatch(/graphql_request_duration_seconds_count\{operation="Stats"\} [1-9]/);
    expect(text).toMatch(/graphql_errors_total\{code="BAD_USER_INPUT"\} [1-9]/);
    expect(text).toMatch(/neo4j_round_trips_total [1-9]/);
    expect(text).toMatch(/neo4j_request_query_seconds_count [1-9]/);
    expect(text).toMatch(/process_resident_memory_bytes \d+/);
  });

  it('counts and logs requests refused before GraphQL (413) with their code at warn level', async () => {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'req-too-large' },
      body: JSON.stringify({ query: `{ __typename } # ${'x'.repeat(200_000)}` }),
    });
    expect(response.status).toBe(413);
    const entry = logLines
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .find((candidate) => candidate.msg === 'graphql request' && candidate.reqId === 'req-too-large');
    expect(entry).toMatchObject({ status: 413, level: 40, errorCodes: ['PAYLOAD_TOO_LARGE'] });
    const text = await (await fetch(`${server.url}/metrics`)).text();
    expect(text).toMatch(/graphql_errors_total\{code="PAYLOAD_TOO_LARGE"\} [1-9]/);
  });

  it('keeps at most 100 operation names as labels and counts the rest as "other"', async () => {
    const fresh = await startTestServer(graph, {});
    try {
      const names = Array.from({ length: MAX_OPERATION_LABELS + 5 }, (_, i) => `Op${i}`);
      await Promise.all(
        names.map((name) =>
          fetch(`${fresh.url}/graphql`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ query: `query ${name} { __typename }` }),
          }),
        ),
      );
      const text = await (await fetch(`${fresh.url}/metrics`)).text();
      const labels = new Set([...text.matchAll(/^graphql_requests_total\{operation="([^"]*)"/gm)].map((match) => match[1]));
      expect(labels.size).toBeLessThanOrEqual(MAX_OPERATION_LABELS + 1);
      expect(labels.size).toBeGreaterThan(MAX_OPERATION_LABELS - 5);
      expect(labels.has('other')).toBe(true);
      expect(text).toMatch(/graphql_requests_total\{operation="other",status="200"\} 5/);
    } finally {
      await fresh.close();
    }
  });
});
