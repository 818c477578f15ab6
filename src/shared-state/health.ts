/**
 * Whether Redis is usable, from the readiness of each connection to it. Pure state, so the
 * transitions are unit-tested without a Redis: the instance counts as up only while every
 * connection is ready (one broken connection already breaks some sharing), and `onTransition`
 * hears each change of that verdict once, however many connection events caused it.
 */
export type RedisState = 'starting' | 'up' | 'down';

export interface Transition {
  from: RedisState;
  to: Exclude<RedisState, 'starting'>;
  /** The last connection error seen, for the log line when going down. */
  reason: string | null;
}

export class RedisHealth {
  private current: RedisState = 'starting';
  private readonly ready = new Map<string, boolean>();
  private lastError: string | null = null;
  private closed = false;
  private readonly listeners = new Set<(transition: Transition) => void>();

  constructor(connections: readonly string[]) {
    for (const name of connections) this.ready.set(name, false);
  }

  get state(): RedisState {
    return this.current;
  }

  /** True only while every connection is ready. */
  get up(): boolean {
    return this.current === 'up';
  }

  onTransition(listener: (transition: Transition) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  connectionReady(name: string): void {
    this.set(name, true);
  }

  connectionLost(name: string): void {
    this.set(name, false);
  }

  /** Remembers why connecting failed; the state changes on the loss itself. */
  connectionError(message: string): void {
    this.lastError = message;
  }

  /** Stops reporting: closing the connections on purpose is not an outage. */
  close(): void {
    this.closed = true;
  }

  private set(name: string, ready: boolean): void {
    if (this.closed || !this.ready.has(name)) return;
    this.ready.set(name, ready);
    const next: RedisState = [...this.ready.values()].every(Boolean) ? 'up' : ready ? this.current : 'down';
    // A connection getting ready while another is still missing changes nothing yet.
    if (next === this.current || next === 'starting') return;
    const transition: Transition = { from: this.current, to: next, reason: next === 'down' ? this.lastError : null };
    this.current = next;
    if (next === 'up') this.lastError = null;
    for (const listener of this.listeners) listener(transition);
  }
}
