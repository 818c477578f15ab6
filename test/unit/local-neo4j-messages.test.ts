import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { explainFailure, LocalNeo4jError, waitUntilReady } from '../../src/local-neo4j/process.js';

/** How the bundled Neo4j supervisor explains a failed start, and what it does with the JVM. */

const STORE = '/tmp/store';

describe('explainFailure', () => {
  it('reports the store lock Neo4j raises', () => {
    const output =
      'NEO4J_FAILED FileLockException: Lock file has been locked by another process: /tmp/store/databases/store_lock. ' +
      'Please ensure no other process is using this database';
    expect(explainFailure(output, STORE, 1)).toMatch(/store \/tmp\/store is locked by another process/);
    expect(explainFailure('Unable to obtain lock on file: /tmp/store/databases/store_lock', STORE, 1)).toMatch(/is locked/);
  });

  it('does not mistake words containing "lock" for a store lock', () => {
    for (const output of [
      'WARN clock skew detected\nNEO4J_FAILED IllegalStateException: boom',
      'NEO4J_FAILED IOException: could not allocate block',
      'NEO4J_FAILED deadlock detector disabled; bad config',
    ]) {
      const message = explainFailure(output, STORE, 1);
      expect(message).not.toMatch(/locked/);
      expect(message).toMatch(/^The bundled Neo4j stopped during start-up \(exit code 1\): /);
    }
  });

  it('falls back to the last lines when the JVM printed no NEO4J_FAILED', () => {
    expect(explainFailure('one\ntwo\nthree\nfour\n', STORE, 137)).toBe(
      'The bundled Neo4j stopped during start-up (exit code 137): two three four',
    );
  });
});

/** A stand-in for the JVM: a Node process running `script`. */
function fakeJvm(script: string) {
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  return { child, exited };
}

describe('waitUntilReady', () => {
  it('kills a JVM that does not become ready in time, then fails', async () => {
    const { child, exited } = fakeJvm('setInterval(() => {}, 1000)');
    const error = await waitUntilReady(child, STORE, exited, 300).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LocalNeo4jError);
    expect((error as Error).message).toMatch(/did not become ready within/);
    await exited;
    expect(child.signalCode).toBe('SIGKILL');
  });

  it('stops collecting output once ready, but keeps draining it', async () => {
    const { child, exited } = fakeJvm(
      "console.log('NEO4J_READY bolt://127.0.0.1:1'); setTimeout(() => { for (let i = 0; i < 2000; i++) console.log('x'.repeat(100)); }, 50);",
    );
    await expect(waitUntilReady(child, STORE, exited)).resolves.toBe('bolt://127.0.0.1:1');
    expect(child.stdout.listenerCount('data')).toBe(0);
    expect(child.stderr.listenerCount('data')).toBe(0);
    // 200 kB after ready: the pipe keeps flowing, so the child is not blocked on a full pipe.
    await expect(exited).resolves.toBe(0);
  });

  it('explains an exit before ready', async () => {
    const { child, exited } = fakeJvm("console.error('NEO4J_FAILED IllegalStateException: boom'); process.exit(3)");
    await expect(waitUntilReady(child, STORE, exited)).rejects.toThrow(
      'The bundled Neo4j stopped during start-up (exit code 3): IllegalStateException: boom',
    );
  });
});
