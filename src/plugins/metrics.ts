import type { Plugin } from 'graphql-yoga';
import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import type { RequestState } from './request-state.js';

/** Distinct operation label values kept before further names are counted as `other`. */
export const MAX_OPERATION_LABELS = 100;

/** Prometheus metrics for one server: requests, latency, errors, Neo4j cost, process. */
export class Metrics {
  readonly registry = new Registry();
  private readonly operations = new Set<string>();
  private readonly requests = new Counter({
    name: 'graphql_requests_total',
    help: 'HTTP requests to the GraphQL endpoint, by operation name and status.',
    labelNames: ['operation', 'status'],
    registers: [this.registry],
  });
  private readonly latency = new Histogram({
    name: 'graphql_request_duration_seconds',
    help: 'Time to serve a GraphQL request, by operation name.',
    labelNames: ['operation'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  private readonly errors = new Counter({
    name: 'graphql_errors_total',
    help: 'GraphQL errors returned, by extensions.code.',
    labelNames: ['code'],
    registers: [this.registry],
  });
  private readonly roundTrips = new Counter({
    name: 'neo4j_round_trips_total',
    help: 'Cypher round-trips to Neo4j made while serving requests.',
    registers: [this.registry],
  });
  private readonly dbTime = new Histogram({
    name: 'neo4j_request_query_seconds',
    help: 'Time spent waiting on Neo4j per GraphQL request.',
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5],
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  record(state: RequestState, status: number): void {
    const operation = this.operationLabel(state.operationName);
    this.requests.inc({ operation, status: String(status) });
    this.latency.observe({ operation }, (performance.now() - state.started) / 1000);
    for (const code of state.errorCodes) this.errors.inc({ code });
    if (state.stats.roundTrips > 0) {
      this.roundTrips.inc(state.stats.roundTrips);
      this.dbTime.observe(state.stats.dbMillis / 1000);
    }
  }

  /**
   * Operation names come from clients: cap their variety so a client cannot explode label sets.
   * The first MAX_OPERATION_LABELS distinct values keep their name; later ones become `other`.
   */
  private operationLabel(name: string | null): string {
    const label = name && /^\w{1,64}$/.test(name) ? name : 'anonymous';
    if (this.operations.has(label)) return label;
    if (this.operations.size >= MAX_OPERATION_LABELS) return 'other';
    this.operations.add(label);
    return label;
  }
}

/** Serves `GET /metrics` in Prometheus' text format. */
export function useMetricsEndpoint(metrics: Metrics): Plugin {
  return {
    async onRequest({ request, url, endResponse }) {
      if (url.pathname !== '/metrics' || request.method !== 'GET') return;
      endResponse(new Response(await metrics.registry.metrics(), { headers: { 'content-type': metrics.registry.contentType } }));
    },
  };
}
