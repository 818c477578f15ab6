import { describe, expect, it } from 'vitest';
import type { LocalNeo4j, StartOptions } from '../../src/local-neo4j/process.js';
import {
  DEFAULT_RESTART_POLICY,
  giveUpMessage,
  nextRestart,
  RESTART_MAX_EXITS,
  RESTART_WINDOW_MS,
  type RestartPolicy,
  superviseNeo4j,
} from '../../src/local-neo4j/supervisor.js';

/** The bundled Neo4j's restart policy as pure logic, and the supervisor driven by fake JVMs (no Java). */

describe('nextRestart', () => {
  const policy: RestartPolicy = { firstDelayMs: 1_000, maxDelayMs: 5_000, maxExits: 5, windowMs: 120_000 };

  it('backs off exponentially with each exit in the window, up to the cap', () => {
    const delays = [1, 2, 3, 4].map((count) => {
      const exits = Array.from({ length: count }, (_, i) => i * 1_000);
      return nextRestart(exits, 5_000, policy);
    });
    expect(delays).toEqual([
      { restart: true, delayMs: 1_000, attempt: 1 },
      { restart: true, delayMs: 2_000, attempt: 2 },
      { restart: true, delayMs: 4_000, attempt: 3 },
      { restart: true, delayMs: 5_000, attempt: 4 },
    ]);
  });

  it('gives up at the maximum number of exits within the window', () => {
    const exits = [0, 10_000, 20_000, 30_000, 40_000];
    expect(nextRestart(exits, 41_000, policy)).toEqual({ restart: false, exits: 5 });
  });

  it('forgets exits older than the window, so a long-lived JVM starts again from the first delay', () => {
    const exits = [0, 10_000, 20_000, 30_000, 200_000];
    expect(nextRestart(exits, 200_500, policy)).toEqual({ restart: true, delayMs: 1_000, attempt: 1 });
    // Exactly one window old no longer counts.
    expect(nextRestart([0, 1, 2, 3, 120_000], 120_001, policy)).toEqual({ restart: true, delayMs: 4_000, attempt: 3 });
  });

  it('defaults to 5 exits within 2 minutes, starting at 1 s', () => {
    expect(RESTART_MAX_EXITS).toBe(5);
    expect(RESTART_WINDOW_MS).toBe(120_000);
    expect(nextRestart([0], 0)).toEqual({ restart: true, delayMs: DEFAULT_RESTART_POLICY.firstDelayMs, attempt: 1 });
    expect(nextRestart([0, 1, 2, 3, 4], 5)).toEqual({ restart: false, exits: 5 });
  });

  it('explains a give-up in one paragraph', () => {
    const message = giveUpMessage(5, 120_000, '/data/neo4j', 'killed by a signal');
    expect(message).toMatch(/^The bundled Neo4j stopped 5 times within 120 s \(last: killed by a signal\)/);
    expect(message).toContain('/data/neo4j');
    expect(message).toContain('NEO4J_URI');
    expect(message).not.toContain('\n');
  });
});

/** A JVM stand-in: `die()` makes it exit on its own; `stop()` exits it the normal way. */
function fakeJvm(pid: number) {
  let exit: (code: number | null) => void = () => {};
  const exited = new Promise<number | null>((done) => {
    exit = done;
  });
  let running = true;
  const jvm = {
    uri: 'bolt://127.0.0.1:7687',
    pid,
    exited,
    get running() {
      return running;
    },
    die(code: number | null = null) {
      running = false;
      exit(code);
    },
    async stop() {
      running = false;
      exit(0);
    },
  } satisfies LocalNeo4j & Record<string, unknown>;
  return jvm;
}

type FakeJvm = ReturnType<typeof fakeJvm>;

const fast: RestartPolicy = { firstDelayMs: 5, maxDelayMs: 20, maxExits: 3, windowMs: 60_000 };

function harness(startBehaviour?: (options: StartOptions, started: FakeJvm[]) => Promise<FakeJvm>) {
  const lines: string[] = [];
  const started: FakeJvm[] = [];
  const first = fakeJvm(100);
  const start = async (options: StartOptions) => {
    const jvm = startBehaviour ? await startBehaviour(options, started) : fakeJvm(101 + started.length);
    started.push(jvm);
    return jvm;
  };
  const supervisor = superviseNeo4j(first, { port: 7687, dataDir: '/tmp/store', log: (line) => lines.push(line), policy: fast, start });
  return { lines, started, first, supervisor };
}

const until = async (condition: () => boolean, ms = 2_000) => {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((done) => setTimeout(done, 2));
  }
};

describe('superviseNeo4j', () => {
  it('restarts a JVM that dies, reporting unavailable until the new one is ready', async () => {
    const { lines, started, first, supervisor } = harness();
    expect(supervisor.isAvailable()).toBe(true);
    first.die();
    await until(() => !supervisor.isAvailable());
    await until(() => supervisor.isAvailable());
    expect(started).toHaveLength(1);
    expect(supervisor.pid).toBe(101);
    expect(lines.join('\n')).toMatch(/pid 100\) exited unexpectedly \(killed by a signal\)/);
    expect(lines.join('\n')).toMatch(/Restarting the bundled Neo4j in 5 ms \(attempt 1\)/);
    expect(lines.join('\n')).toMatch(/Bundled Neo4j restarted \(pid 101\)/);
    await supervisor.stop();
    expect(started[0]?.running).toBe(false);
  });

  it('does not restart after stop()', async () => {
    const { started, first, supervisor } = harness();
    await supervisor.stop();
    expect(first.running).toBe(false);
    await new Promise((done) => setTimeout(done, 30));
    expect(started).toHaveLength(0);
    expect(supervisor.isAvailable()).toBe(false);
  });

  it('gives up after repeated failures within the window, counting failed restarts', async () => {
    const { lines, first, supervisor } = harness(async () => {
      throw new Error('The bundled Neo4j stopped during start-up (exit code 1): OutOfMemoryError');
    });
    first.die(137);
    const message = await supervisor.gaveUp;
    expect(message).toMatch(/stopped 3 times within 60 s \(last: The bundled Neo4j stopped during start-up/);
    expect(lines.filter((line) => line.startsWith('Restarting the bundled Neo4j in'))).toHaveLength(2);
    expect(lines.join('\n')).toContain('exit code 137');
    expect(supervisor.isAvailable()).toBe(false);
    await supervisor.stop();
  });

  it('stop() during a restart stops the JVM that was booting, leaving none behind', async () => {
    let booted: FakeJvm | undefined;
    let release: () => void = () => {};
    const { first, supervisor } = harness(async () => {
      booted = fakeJvm(200);
      // Becomes ready only after stop() was called (a JVM that ignores the abort signal).
      await new Promise<void>((done) => {
        release = done;
      });
      return booted;
    });
    first.die();
    await until(() => booted !== undefined);
    const stopping = supervisor.stop();
    release();
    await stopping;
    expect(booted?.running).toBe(false);
    expect(supervisor.pid).toBeUndefined();
  });

  it('stop() during the backoff delay starts nothing', async () => {
    const lines: string[] = [];
    const first = fakeJvm(100);
    let starts = 0;
    const supervisor = superviseNeo4j(first, {
      port: 7687,
      dataDir: '/tmp/store',
      log: (line) => lines.push(line),
      policy: { ...fast, firstDelayMs: 10_000 },
      start: async () => {
        starts += 1;
        return fakeJvm(300);
      },
    });
    first.die();
    await until(() => lines.some((line) => line.startsWith('Restarting')));
    const began = Date.now();
    await supervisor.stop();
    expect(Date.now() - began).toBeLessThan(1_000);
    expect(starts).toBe(0);
  });
});
