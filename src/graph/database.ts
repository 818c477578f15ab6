import neo4j, { type Driver, isRetryableError, Neo4jError } from 'neo4j-driver';
import { DatabaseUnavailableError, QueryTimeoutError, UNAVAILABLE_CODES } from './errors.js';

/** Per-request cost figures, reported in `extensions.queryStats` and in logs. */
export interface QueryStats {
  roundTrips: number;
  rowsRead: number;
  dbMillis: number;
}

export function newQueryStats(): QueryStats {
  return { roundTrips: 0, rowsRead: 0, dbMillis: 0 };
}

export type Params = Record<string, unknown>;

/**
 * "No filter" as Cypher receives it: an empty list or string, never null. Neo4j caches a plan
 * per query text and parameter types, so a filter sent as null one time and as a list the next
 * is planned twice (0.1-3 s each on a cold server); with one type per parameter every query has
 * one plan, the one start-up warms (warm.ts).
 */
export const ANY = { list: [] as never[], text: '' } as const;

export interface GraphOptions {
  /** Known-down probe (e.g. the bundled Neo4j is restarting): queries then fail fast with SERVICE_UNAVAILABLE. */
  isAvailable?: () => boolean;
}

/**
 * The service's access to Neo4j: reads, the seed's write transaction and schema commands, each
 * on the configured database with parameters only. Reads are counted in `stats` per request.
 */
export class Graph {
  constructor(
    readonly driver: Driver,
    readonly database: string,
    private readonly timeoutMs: number,
    private readonly options: GraphOptions = {},
  ) {}

  /** Fails at once, without touching the driver, while the availability probe says Neo4j is down. */
  private assertAvailable(): void {
    if (this.options.isAvailable?.() === false) {
      throw new DatabaseUnavailableError('The graph database is unavailable; try again shortly.');
    }
  }

  async read<Row>(cypher: string, params: Params, stats?: QueryStats): Promise<Row[]> {
    return this.run<Row>(cypher, params, neo4j.routing.READ, stats, this.timeoutMs);
  }

  /**
   * Schema commands (constraints, indexes, waiting for index builds) get their own, longer
   * timeout: an index build on a large store may outlast the per-query timeout.
   */
  async writeSchema(cypher: string, timeoutMs: number): Promise<void> {
    await this.run(cypher, {}, neo4j.routing.WRITE, undefined, timeoutMs);
  }

  /** Runs `work` in one write transaction: everything commits, or nothing does. */
  async writeTransaction<T>(work: (run: (cypher: string, params: Params) => Promise<unknown[]>) => Promise<T>): Promise<T> {
    this.assertAvailable();
    const session = this.session('WRITE');
    try {
      return await session.executeWrite((tx) =>
        work(async (cypher, params) => (await tx.run(cypher, toNeo4jParams(params))).records.map((record) => record.toObject())),
      );
    } catch (error) {
      throw translate(error);
    } finally {
      await session.close();
    }
  }

  async ping(): Promise<boolean> {
    if (this.options.isAvailable?.() === false) return false;
    // An auto-commit query, not executeQuery: that retries for maxTransactionRetryTime (3 s),
    // and a readiness probe must answer at once, down or up.
    const session = this.driver.session({ database: this.database, defaultAccessMode: neo4j.session.READ });
    try {
      await session.run('RETURN 1');
      return true;
    } catch {
      return false;
    } finally {
      await session.close().catch(() => {});
    }
  }

  /**
   * One auto-commit query: RUN and PULL in one network round-trip, where a managed transaction
   * (executeQuery) adds BEGIN and a COMMIT round-trip, which doubled the latency of every read and
   * Neo4j's CPU per query. Every query here is a single statement, so nothing needs the explicit
   * transaction. What runs here is idempotent (reads, and `IF NOT EXISTS` schema commands), so a
   * retryable failure (e.g. a pooled connection to a server that restarted) is tried once more;
   * anything else fails at once.
   */
  private async run<Row>(
    cypher: string,
    params: Params,
    routing: 'READ' | 'WRITE',
    stats: QueryStats | undefined,
    timeoutMs: number,
  ): Promise<Row[]> {
    this.assertAvailable();
    const started = performance.now();
    const attempt = () => this.autoCommit(cypher, toNeo4jParams(params), routing, timeoutMs);
    try {
      const records = await attempt().catch((error: unknown) => {
        if (isRetryableError(error)) return attempt();
        throw error;
      });
      const rows = records.map((record) => record.toObject() as Row);
      if (stats) {
        stats.roundTrips += 1;
        stats.rowsRead += rows.length;
        stats.dbMillis += performance.now() - started;
      }
      return rows;
    } catch (error) {
      throw translate(error);
    }
  }

  private async autoCommit(cypher: string, params: Params, routing: 'READ' | 'WRITE', timeoutMs: number) {
    const session = this.session(routing);
    try {
      return (await withoutCallerStack(() => session.run(cypher, params, { timeout: timeoutMs }))).records;
    } finally {
      await session.close();
    }
  }

  /**
   * A session on the configured database sharing the driver's bookmark manager, so in a cluster
   * a read follows the writes this process made, as executeQuery would.
   */
  private session(mode: 'READ' | 'WRITE') {
    return this.driver.session({
      database: this.database,
      defaultAccessMode: mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE,
      bookmarkManager: this.driver.executeQueryBookmarkManager,
    });
  }
}

/**
 * The driver formats a stack trace for every query it starts (new Error().stack, about 7% of a
 * lookup's CPU), only to graft it onto a server error's stack later. Ours are translated to
 * coded errors and logged with the request, so that stack is not captured: `run` builds its
 * Result synchronously, within this call.
 */
function withoutCallerStack<T>(run: () => T): T {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return run();
  } finally {
    Error.stackTraceLimit = limit;
  }
}

/**
 * JavaScript numbers reach Neo4j as floats, which LIMIT and SKIP reject and which would store
 * whole figures (salaries, years) as 60000.0. Whole numbers become Neo4j integers here, once.
 */
function toNeo4jParams(value: Params): Params {
  return convert(value) as Params;
}

function convert(value: unknown): unknown {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return neo4j.int(value);
  if (Array.isArray(value)) return value.map(convert);
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, convert(inner)]));
  }
  return value;
}

/** Maps driver failures the caller can act on to our own error classes; anything else stays as is. */
function translate(error: unknown): unknown {
  if (!(error instanceof Neo4jError)) return error;
  if (UNAVAILABLE_CODES.has(error.code)) {
    return new DatabaseUnavailableError('The graph database is unavailable; try again shortly.', { cause: error });
  }
  // Neo.ClientError.Transaction.TransactionTimedOut, and its ...TimedOutClientConfiguration variant.
  if (error.code.includes('TransactionTimedOut')) {
    return new QueryTimeoutError('The query took too long and was stopped.', { cause: error });
  }
  return error;
}
