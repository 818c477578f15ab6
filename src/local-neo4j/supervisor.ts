import { resolve } from 'node:path';
import { type LocalNeo4j, type StartOptions, startLocalNeo4j } from './process.js';

/**
 * Keeps the bundled Neo4j running while the service runs: a JVM that exits without stop()
 * (killed, out of memory) is started again on the same port and store, with exponential backoff.
 * Too many exits in a short window and it gives up, reporting why through `gaveUp`; the caller
 * (server.ts) owns the exit. The driver reconnects to the same Bolt URI by itself.
 */

/** Delay before the first restart; doubled for each further exit within the window. */
export const RESTART_FIRST_DELAY_MS = 1_000;
/** Longest wait between restarts. */
export const RESTART_MAX_DELAY_MS = 30_000;
/** This many exits (or failed restarts) within RESTART_WINDOW_MS and the supervisor gives up. */
export const RESTART_MAX_EXITS = 5;
export const RESTART_WINDOW_MS = 120_000;

export interface RestartPolicy {
  firstDelayMs: number;
  maxDelayMs: number;
  maxExits: number;
  windowMs: number;
}

export const DEFAULT_RESTART_POLICY: RestartPolicy = {
  firstDelayMs: RESTART_FIRST_DELAY_MS,
  maxDelayMs: RESTART_MAX_DELAY_MS,
  maxExits: RESTART_MAX_EXITS,
  windowMs: RESTART_WINDOW_MS,
};

export type RestartDecision = { restart: true; delayMs: number; attempt: number } | { restart: false; exits: number };

/**
 * Pure policy: given the times of the exits so far (the latest included) and now, restart after
 * a delay (1 s, 2 s, 4 s ... capped) or give up. Only exits within the window count, so a JVM
 * that ran fine for a while starts again from the first delay.
 */
export function nextRestart(exitTimes: readonly number[], now: number, policy: RestartPolicy = DEFAULT_RESTART_POLICY): RestartDecision {
  const recent = exitTimes.filter((time) => now - time < policy.windowMs).length;
  if (recent >= policy.maxExits) return { restart: false, exits: recent };
  const attempt = Math.max(recent, 1);
  const delayMs = Math.min(policy.firstDelayMs * 2 ** (attempt - 1), policy.maxDelayMs);
  return { restart: true, delayMs, attempt };
}

/** The one-paragraph reason given when the supervisor stops restarting. */
export function giveUpMessage(exits: number, windowMs: number, store: string, lastReason: string): string {
  return (
    `The bundled Neo4j stopped ${exits} times within ${Math.round(windowMs / 1000)} s (last: ${lastReason.replace(/\.$/, '')}), ` +
    'so it is not restarted again and the service exits. Check the log above and the machine for the cause ' +
    `(out of memory, a full disk, another process using the store ${store} or its port), then start the ` +
    'service again; or set NEO4J_URI to use a Neo4j you run yourself.'
  );
}

export interface SupervisedNeo4j {
  readonly uri: string;
  /** The running JVM's pid, or undefined while it is down. */
  readonly pid: number | undefined;
  /** False from an unexpected exit until the restarted JVM is ready (and after stop()). */
  isAvailable(): boolean;
  /** Resolves with a one-paragraph message when the supervisor gives up; never resolves otherwise. */
  readonly gaveUp: Promise<string>;
  /** Stops supervising and the JVM, including one being restarted right now. Idempotent. */
  stop(): Promise<void>;
}

export interface SuperviseOptions {
  port: number;
  dataDir: string;
  log: (line: string) => void;
  policy?: RestartPolicy;
  /** Starts one JVM; replaceable in tests. */
  start?: (options: StartOptions) => Promise<LocalNeo4j>;
  now?: () => number;
}

/** Watches `first` (already started and ready) and restarts it whenever it exits on its own. */
export function superviseNeo4j(first: LocalNeo4j, options: SuperviseOptions): SupervisedNeo4j {
  const { port, dataDir, log, policy = DEFAULT_RESTART_POLICY, start = startLocalNeo4j, now = Date.now } = options;
  const stopping = new AbortController();
  const exitTimes: number[] = [];
  let current: LocalNeo4j | undefined = first;
  let available = true;
  let restarting: Promise<void> | undefined;
  let stopped: Promise<void> | undefined;
  let reportGiveUp: (message: string) => void = () => {};
  const gaveUp = new Promise<string>((done) => {
    reportGiveUp = done;
  });

  /** Waits `ms`, or less if stop() comes first. */
  const sleep = (ms: number) =>
    new Promise<void>((done) => {
      const wake = () => {
        clearTimeout(timer);
        stopping.signal.removeEventListener('abort', wake);
        done();
      };
      const timer = setTimeout(wake, ms);
      stopping.signal.addEventListener('abort', wake, { once: true });
    });

  const watch = (local: LocalNeo4j) => {
    void local.exited.then((code) => {
      if (stopping.signal.aborted || current !== local) return;
      current = undefined;
      available = false;
      const reason = code === null ? 'killed by a signal' : `exit code ${code}`;
      log(`The bundled Neo4j (pid ${local.pid}) exited unexpectedly (${reason}); GraphQL answers SERVICE_UNAVAILABLE until it is back.`);
      restarting = restart(reason);
    });
  };

  /** Backs off, starts a new JVM, and repeats on failure until it is ready, stopped, or given up. */
  const restart = async (firstReason: string): Promise<void> => {
    let reason = firstReason;
    exitTimes.push(now());
    for (;;) {
      const decision = nextRestart(exitTimes, now(), policy);
      if (!decision.restart) {
        reportGiveUp(giveUpMessage(decision.exits, policy.windowMs, resolve(dataDir), reason));
        return;
      }
      log(`Restarting the bundled Neo4j in ${formatDelay(decision.delayMs)} (attempt ${decision.attempt})...`);
      await sleep(decision.delayMs);
      if (stopping.signal.aborted) return;
      let next: LocalNeo4j;
      try {
        next = await start({ port, dataDir, log, signal: stopping.signal });
      } catch (error) {
        if (stopping.signal.aborted) return;
        reason = error instanceof Error ? error.message : String(error);
        log(`Restarting the bundled Neo4j failed: ${reason}`);
        exitTimes.push(now());
        continue;
      }
      // stop() may have come just as the JVM became ready: do not leave it behind.
      if (stopping.signal.aborted) {
        await next.stop();
        return;
      }
      current = next;
      available = true;
      log(`Bundled Neo4j restarted (pid ${next.pid}); serving again.`);
      watch(next);
      return;
    }
  };

  const stop = async () => {
    stopping.abort();
    available = false;
    await restarting;
    await current?.stop();
    current = undefined;
  };

  watch(first);
  return {
    uri: first.uri,
    get pid() {
      return current?.pid;
    },
    isAvailable: () => available,
    gaveUp,
    stop: () => {
      stopped ??= stop();
      return stopped;
    },
  };
}

function formatDelay(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}
