import type { Graph } from './database.js';
import { DEGREE_BOUNDS, KIND_COUNTS, MAX_DEGREE } from './queries/meta.js';
import type { EntityKind, RelationType } from './vocabulary.js';

type Direction = 'OUT' | 'IN' | 'BOTH';

/**
 * The most a list field can really return: for relationships of one parent, the graph's current
 * maximum degree for the asked types and direction; for entities, how many of that kind exist.
 * Query cost is priced with `min(first, bound)`, so exploring two levels deep passes while a
 * query that could truly fan out is still refused. Until the first refresh, no bound applies.
 */
export class GraphBounds {
  private byType = new Map<string, number>();
  private overall: Record<Direction, number> | undefined;
  private kinds = new Map<string, number>();
  private entityCount = 0;
  private stale = true;
  private unreachable = false;
  private refreshing: Promise<void> | undefined;

  constructor(private readonly graph: Graph) {}

  /** The graph changed: read the bounds again before long. */
  markStale(): void {
    this.stale = true;
  }

  /**
   * Before a request is priced. The first time, waits for the bounds, so pricing does not depend
   * on timing; later, while stale, starts a refresh and prices with the previous bounds meanwhile.
   * Never throws: if Neo4j cannot be read, no bound applies and later requests retry without
   * waiting (a database outage must not slow every request down).
   */
  async prepare(): Promise<void> {
    if (this.stale && !this.refreshing) {
      this.stale = false;
      this.refreshing = this.refresh()
        .catch(() => {
          this.stale = true;
          this.unreachable = true;
        })
        .finally(() => {
          this.refreshing = undefined;
        });
    }
    if (!this.overall && !this.unreachable) await this.refreshing;
  }

  /** Reads the bounds now (start-up and tests wait for it). */
  async refresh(): Promise<void> {
    const graph = this.graph;
    const [rows, [all], kinds] = await Promise.all([
      graph.read<{ type: string; direction: 'OUT' | 'IN'; maxDegree: number }>(DEGREE_BOUNDS, {}),
      graph.read<{ maxOut: number | null; maxIn: number | null; maxBoth: number | null }>(MAX_DEGREE, {}),
      graph.read<{ kind: string; count: number }>(KIND_COUNTS, {}),
    ]);
    this.byType = new Map(rows.map((row) => [`${row.direction}:${row.type}`, row.maxDegree]));
    this.kinds = new Map(kinds.map((row) => [row.kind, row.count]));
    this.entityCount = kinds.reduce((sum, row) => sum + row.count, 0);
    this.overall = { OUT: all?.maxOut ?? 0, IN: all?.maxIn ?? 0, BOTH: all?.maxBoth ?? 0 };
  }

  /** At most `first`, and no more entities than there are (of `kind`). */
  entities(first: number, kind: EntityKind | null | undefined): number {
    if (!this.overall) return first;
    return Math.min(first, kind ? (this.kinds.get(kind) ?? 0) : this.entityCount);
  }

  /** At most `first`, and no more than any entity has of `types` in `direction`. */
  relations(first: number, direction: Direction, types: readonly RelationType[] | null | undefined): number {
    if (!this.overall) return first;
    const overall = this.overall[direction];
    if (!types?.length) return Math.min(first, overall);
    const sides: ('OUT' | 'IN')[] = direction === 'BOTH' ? ['OUT', 'IN'] : [direction];
    let sum = 0;
    for (const type of new Set(types)) for (const side of sides) sum += this.byType.get(`${side}:${type}`) ?? 0;
    return Math.min(first, overall, sum);
  }
}
