import { type ChildProcess, spawn } from 'node:child_process';
import { Redis } from 'ioredis';
import { freePort } from '../../src/local-neo4j/process.js';

export interface RedisServer {
  port: number;
  url: string;
  /** Kills the server (SIGKILL, as a crash would; it persists nothing) and waits until it is gone. */
  stop(): Promise<void>;
  /** Starts it again on the same port, empty. */
  start(): Promise<void>;
  /** How many clients subscribe to `channel` right now (PUBSUB NUMSUB), through a one-off connection. */
  subscribers(channel: string): Promise<number>;
}

/**
 * A throwaway Redis: Debian's `redis-server` (installed by .ci/run) on a free port, without
 * persistence, as a child process the test can stop and start again mid-run.
 */
export async function startRedisServer(): Promise<RedisServer> {
  const port = await freePort();
  let child: ChildProcess | undefined;
  let exited: Promise<unknown> = Promise.resolve();
  const start = async () => {
    const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'];
    const started = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    child = started;
    exited = new Promise((done) => started.once('exit', done));
    await ready(started);
  };
  await start();
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    start,
    stop: async () => {
      child?.kill('SIGKILL');
      await exited;
    },
    subscribers: async (channel) => {
      const probe = new Redis(port, '127.0.0.1', { lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0 });
      try {
        await probe.connect();
        const [, count] = (await probe.pubsub('NUMSUB', channel)) as [string, number];
        return Number(count);
      } finally {
        probe.disconnect();
      }
    },
  };
}

/** Resolves once the server says it accepts connections; fails with its output if it exits first. */
function ready(child: ChildProcess, timeoutMs = 10_000): Promise<void> {
  return new Promise((done, fail) => {
    let output = '';
    const timer = setTimeout(() => fail(new Error(`redis-server not ready after ${timeoutMs} ms:\n${output}`)), timeoutMs);
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (/Ready to accept connections/.test(output)) {
        clearTimeout(timer);
        done();
      }
    });
    child.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      const hint = error.code === 'ENOENT' ? ' (install it: apt-get install redis-server, as .ci/run does)' : '';
      fail(new Error(`cannot start redis-server${hint}: ${error.message}`));
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`redis-server exited with ${code} before it was ready:\n${output}`));
    });
  });
}
