import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { projectRoot } from '../project-root.js';
import { classArchive } from './class-archive.js';
import { FIRST_BUILD, formatElapsed, formatMegabytes, runMaven } from './maven-build.js';

/**
 * Builds and supervises the bundled Neo4j Community (neo4j-local/): a Maven module that runs
 * Neo4j in-process with only Bolt on loopback. Used by `npm start` without NEO4J_URI, by
 * `npm run neo4j`, and by the test suite.
 */

export class LocalNeo4jError extends Error {}

export const WAYS_TO_RUN =
  'Three ways to run the service:\n' +
  '  1. Install JDK 17+ and Maven, then `npm start` builds and runs a bundled Neo4j.\n' +
  '  2. With Docker: `docker compose up`.\n' +
  '  3. Point at an existing Neo4j: NEO4J_URI=bolt://host:7687 NEO4J_USER=... NEO4J_PASSWORD=... npm start';

const moduleDir = () => join(projectRoot(), 'neo4j-local');
const targetDir = () => join(moduleDir(), 'target');

const JVM_FLAGS = [
  '-Xms256m',
  '-Xmx1g',
  '--add-opens=java.base/java.nio=ALL-UNNAMED',
  '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
  '--add-opens=java.base/java.io=ALL-UNNAMED',
  '-Dio.netty.tryReflectionSetAccessible=true',
  '-Dlog4j2.disable.jmx=true',
];

export interface LocalNeo4j {
  uri: string;
  /** The JVM's process id, logged at start so operators (and tests) can find it. */
  pid: number | undefined;
  stop(): Promise<void>;
  /** Resolves when the JVM exits, for whatever reason. */
  exited: Promise<number | null>;
}

export interface StartOptions {
  port: number;
  dataDir: string;
  log?: (line: string) => void;
  /** Aborting it while the JVM boots stops the JVM. */
  signal?: AbortSignal;
}

const jarPath = () => join(targetDir(), 'neo4j-local-1.0.0.jar');

function isBuilt(): boolean {
  const jar = jarPath();
  const lib = join(targetDir(), 'lib');
  if (!existsSync(jar) || !existsSync(lib) || readdirSync(lib).length === 0) return false;
  const builtAt = statSync(jar).mtimeMs;
  const inputs = [join(moduleDir(), 'pom.xml'), join(moduleDir(), 'src/main/java/local/Neo4jLocal.java')];
  return inputs.every((input) => statSync(input).mtimeMs <= builtAt);
}

function requireTool(command: string, args: string[], label: string): void {
  const probe = spawnSync(command, args, { stdio: 'ignore' });
  if (probe.error || probe.status !== 0) {
    throw new LocalNeo4jError(`${label} was not found, and the bundled Neo4j needs it.\n${WAYS_TO_RUN}`);
  }
}

/** Where Maven's own output goes while it builds neo4j-local (git-ignored with target/). */
export const buildLogPath = () => join(targetDir(), 'build.log');

/**
 * Builds neo4j-local once (downloads Neo4j through Maven); later calls reuse the build. Maven's
 * output goes to `buildLogPath()`; the user sees progress instead (see maven-build.ts).
 */
export async function ensureBuilt(log: (line: string) => void = console.error): Promise<void> {
  if (isBuilt()) return;
  requireTool('java', ['-version'], 'Java (JDK 17 or newer)');
  requireTool('mvn', ['-v'], 'Maven');
  const logFile = buildLogPath();
  log(
    `Building the bundled Neo4j (first run only): Maven downloads ${FIRST_BUILD.download}, which usually takes ${FIRST_BUILD.duration}. ` +
      `Progress is shown below; Maven's own output goes to ${logFile}.`,
  );
  const terminal = process.stderr.isTTY ? process.stderr : undefined;
  const { code, signal, elapsedMs, output } = await runMaven({ cwd: moduleDir(), logFile, log, terminal });
  if (code !== 0) {
    const how = signal ? `was stopped by ${signal}` : `exited with ${code}`;
    const reason = output.firstError();
    throw new LocalNeo4jError(
      `Building neo4j-local failed (mvn ${how})${reason ? `: ${reason}` : ''}\nMaven's full output is in ${logFile}.`,
    );
  }
  log(`Bundled Neo4j built in ${formatElapsed(elapsedMs)} (${formatMegabytes(output.progress.bytes)} downloaded; Maven log: ${logFile}).`);
}

/** A port nothing listens on right now, chosen by the OS. */
export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer().once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => done(port));
    });
  });
}

/** Fails fast with a clear message when something already listens on the port. */
export async function assertPortFree(port: number, host = '127.0.0.1', what = 'port'): Promise<void> {
  await new Promise<void>((done, fail) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) =>
      fail(
        error.code === 'EADDRINUSE'
          ? new LocalNeo4jError(`${what} ${port} is already in use by another process. Stop it or choose another port.`)
          : error,
      ),
    );
    probe.listen(port, host, () => probe.close(() => done()));
  });
}

export async function startLocalNeo4j({ port, dataDir, log = console.error, signal }: StartOptions): Promise<LocalNeo4j> {
  await ensureBuilt(log);
  await assertPortFree(port, '127.0.0.1', 'NEO4J_LOCAL_PORT');
  const store = resolve(dataDir);
  mkdirSync(store, { recursive: true });
  log(`Starting bundled Neo4j on bolt://127.0.0.1:${port} (store: ${store})...`);
  const classpath = `${jarPath()}:${join(targetDir(), 'lib', '*')}`;
  const classes = classArchive(targetDir(), jarPath());
  const child = spawn('java', [...JVM_FLAGS, classes.flag, '-cp', classpath, 'local.Neo4jLocal', store, String(port)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((done) =>
    child.on('exit', (code) => {
      classes.exited(code);
      done(code);
    }),
  );
  // A signal while the JVM boots stops it too, instead of leaving it behind.
  const interrupt = () => child.kill('SIGTERM');
  signal?.addEventListener('abort', interrupt, { once: true });
  const uri = await waitUntilReady(child, store, exited)
    .catch((error: unknown) => {
      throw signal?.aborted ? new LocalNeo4jError('Start-up interrupted; the bundled Neo4j was stopped.') : error;
    })
    .finally(() => signal?.removeEventListener('abort', interrupt));
  log(`Bundled Neo4j ready at ${uri} (pid ${child.pid}).`);
  return { uri, pid: child.pid, exited, stop: () => stopChild(child, exited) };
}

/**
 * Resolves with the Bolt URI once the JVM prints NEO4J_READY. Output is kept only until then (to
 * explain a failed start); afterwards it is drained and dropped. A JVM that is not ready within
 * `timeoutMs` is killed before the start fails, so it cannot linger.
 */
export function waitUntilReady(child: ChildProcess, store: string, exited: Promise<number | null>, timeoutMs = 180_000): Promise<string> {
  return new Promise((done, fail) => {
    let output = '';
    let settled = false;
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.stdout?.off('data', onData).resume();
      child.stderr?.off('data', onData).resume();
      outcome();
    };
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      const seconds = Math.round(timeoutMs / 1000);
      finish(() => fail(new LocalNeo4jError(`The bundled Neo4j did not become ready within ${seconds} s; it was stopped.`)));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const ready = /NEO4J_READY (\S+)/.exec(output);
      if (ready) finish(() => done(ready[1] as string));
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('error', (error) =>
      finish(() => fail(new LocalNeo4jError(`Could not start Java for the bundled Neo4j: ${error.message}\n${WAYS_TO_RUN}`))),
    );
    void exited.then((code) => finish(() => fail(new LocalNeo4jError(explainFailure(output, store, code)))));
  });
}

/** Neo4j's own store-lock failures (FileLockException from org.neo4j.io.locker.Locker). */
const STORE_LOCKED = /FileLockException|Lock file has been locked by another process|Unable to obtain lock on file|store is locked/i;

/** A one-paragraph reason for a JVM that exited before it was ready. */
export function explainFailure(output: string, store: string, code: number | null): string {
  if (STORE_LOCKED.test(output)) {
    return `The Neo4j store ${store} is locked by another process (another Neo4j is using it). Stop that process or set NEO4J_LOCAL_DATA to another directory.`;
  }
  const reason = /NEO4J_FAILED (.*)/.exec(output)?.[1] ?? output.trim().split('\n').slice(-3).join(' ');
  return `The bundled Neo4j stopped during start-up (exit code ${code}): ${reason}`;
}

async function stopChild(child: ChildProcess, exited: Promise<number | null>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  await exited;
  clearTimeout(killer);
}
