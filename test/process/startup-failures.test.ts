import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { assertPortFree, freePort } from '../../src/local-neo4j/process.js';
import { spawnServer } from '../helpers/spawn-server.js';

/** `npm start` must explain, in one paragraph and with a non-zero exit, why it cannot run. */

const STACK_LINE = /^\s+at /m;

async function failingStart(env: Record<string, string | undefined>) {
  const server = spawnServer(env);
  const code = await server.exited;
  return { code, output: server.output() };
}

describe('start-up failures', () => {
  let blocker: Server;
  let busyPort: number;
  const tempDirs: string[] = [];

  beforeAll(async () => {
    busyPort = await freePort();
    blocker = createServer();
    await new Promise<void>((done) => blocker.listen(busyPort, '127.0.0.1', done));
  });
  afterAll(async () => {
    await new Promise((done) => blocker.close(done));
    for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
  });

  it('names the URI and the fix when NEO4J_URI cannot be reached', async () => {
    const uri = `bolt://127.0.0.1:${await freePort()}`;
    const { code, output } = await failingStart({ NEO4J_URI: uri, PORT: String(await freePort()), NEO4J_STARTUP_WAIT_MS: '1500' });
    expect(code).not.toBe(0);
    expect(output).toContain(`Could not reach Neo4j at ${uri}`);
    expect(output).toContain('NEO4J_URI');
    expect(output).not.toMatch(STACK_LINE);
  });

  it('rejects an invalid configuration value with the variable name', async () => {
    const { code, output } = await failingStart({ NEO4J_URI: inject('neo4jUri'), PORT: 'not-a-port' });
    expect(code).not.toBe(0);
    expect(output).toMatch(/Invalid configuration:\n\s+PORT:/);
  });

  it('says so when PORT is already in use', async () => {
    const { code, output } = await failingStart({ NEO4J_URI: inject('neo4jUri'), PORT: String(busyPort), SEED_ON_EMPTY: 'false' });
    expect(code).not.toBe(0);
    expect(output).toContain(`PORT ${busyPort} is already in use`);
    expect(output).not.toMatch(STACK_LINE);
  });

  it('says so when NEO4J_LOCAL_PORT is already in use', async () => {
    const store = mkdtempSync(join(tmpdir(), 'kg-busy-'));
    tempDirs.push(store);
    const { code, output } = await failingStart({ NEO4J_LOCAL_PORT: String(busyPort), NEO4J_LOCAL_DATA: store });
    expect(code).not.toBe(0);
    expect(output).toContain(`NEO4J_LOCAL_PORT ${busyPort} is already in use`);
  });

  it.skipIf(!inject('neo4jStore'))('says the store is locked when another Neo4j holds it', async () => {
    const { code, output } = await failingStart({
      NEO4J_LOCAL_PORT: String(await freePort()),
      NEO4J_LOCAL_DATA: inject('neo4jStore'),
    });
    expect(code).not.toBe(0);
    expect(output).toMatch(/store .* is locked by another process/);
    expect(output).not.toMatch(STACK_LINE);
  });

  // Checked before the bundled Neo4j starts, so a bad file costs no JVM boot; that a failure after
  // the JVM started still stops it is covered by the signal tests below.
  it('rejects an invalid TRUSTED_DOCUMENTS_FILE before starting the bundled Neo4j', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kg-trusted-'));
    tempDirs.push(dir);
    const file = join(dir, 'trusted.json');
    writeFileSync(file, '["not", "an", "object"]');
    const boltPort = await freePort();
    const { code, output } = await failingStart({
      NEO4J_LOCAL_PORT: String(boltPort),
      NEO4J_LOCAL_DATA: join(dir, 'store'),
      PORT: String(await freePort()),
      TRUSTED_DOCUMENTS_FILE: file,
    });
    expect(code).toBe(1);
    expect(output).toContain(`TRUSTED_DOCUMENTS_FILE ${file} must hold a JSON object`);
    expect(output).not.toMatch(STACK_LINE);
    expect(output).not.toContain('Starting bundled Neo4j');
    await expect(assertPortFree(boltPort)).resolves.toBeUndefined();
  }, 120_000);

  // A signal while the seed loads is part of bundled-lifecycle.test.ts, which boots that JVM anyway.
  it.skipIf(!inject('neo4jStore'))(
    'a signal while the bundled Neo4j is still booting stops the JVM too',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'kg-boot-signal-'));
      tempDirs.push(dir);
      const boltPort = await freePort();
      const server = spawnServer({
        NEO4J_LOCAL_PORT: String(boltPort),
        NEO4J_LOCAL_DATA: join(dir, 'store'),
        PORT: String(await freePort()),
      });
      await server.waitFor(/Starting bundled Neo4j/).catch((error: unknown) => {
        server.child.kill('SIGKILL');
        throw error;
      });
      // Only the Node process gets the signal, as from a process manager.
      server.child.kill('SIGTERM');
      const code = await server.exited;
      expect(code).not.toBe(0);
      expect(server.output()).toContain('Start-up interrupted; the bundled Neo4j was stopped.');
      // No JVM is left holding this store (an orphan would bind the port only later).
      const jvmsOnStore = () =>
        spawnSync('pgrep', ['-f', join(dir, 'store')])
          .stdout.toString()
          .trim();
      await expect.poll(jvmsOnStore, { timeout: 30_000, interval: 500 }).toBe('');
      await expect(assertPortFree(boltPort)).resolves.toBeUndefined();
    },
    120_000,
  );

  it('explains the three ways to run when Java is missing', async () => {
    const bin = mkdtempSync(join(tmpdir(), 'kg-nojava-'));
    tempDirs.push(bin);
    mkdirSync(join(bin, 'bin'));
    symlinkSync(process.execPath, join(bin, 'bin', 'node'));
    const { code, output } = await failingStart({
      PATH: join(bin, 'bin'),
      NEO4J_LOCAL_PORT: String(await freePort()),
      NEO4J_LOCAL_DATA: join(bin, 'store'),
    });
    expect(code).not.toBe(0);
    expect(output).toMatch(/Java/);
    expect(output).toContain('Three ways to run the service');
    expect(output).toContain('docker compose up');
  });
});
