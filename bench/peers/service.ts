import { type ChildProcess, fork, spawn, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { projectRoot } from '../../src/project-root.js';
import { freePort } from '../../test/helpers/free-port.js';

/** Starting the systems under test as child processes, and reading their memory. */

export interface Running {
  name: string;
  base: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** `npm run build` when dist/src/server.js is missing or older than anything under src/ or seed/. */
export function ensureBuilt(log: (line: string) => void): void {
  const root = projectRoot();
  const server = join(root, 'dist/src/server.js');
  let builtAt = 0;
  try {
    builtAt = statSync(server).mtimeMs;
  } catch {}
  const sources = Math.max(newestMtime(join(root, 'src')), newestMtime(join(root, 'seed')));
  if (builtAt >= sources) return;
  log('dist is stale: npm run build ...');
  const build = spawnSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  // tsc emits even when it reports type errors; carry on only if it did emit.
  if (build.status !== 0) {
    const emitted = statSync(server, { throwIfNoEntry: false })?.mtimeMs ?? 0;
    if (emitted <= builtAt) throw new Error(`npm run build failed (exit ${build.status}) and emitted nothing.`);
    log(`npm run build reported errors (exit ${build.status}) but emitted dist; measuring that build.`);
  }
}

const stopChild = (child: ChildProcess) =>
  new Promise<void>((done) => {
    if (child.exitCode !== null || child.signalCode !== null) return done();
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('exit', () => {
      clearTimeout(timer);
      done();
    });
    child.kill('SIGTERM');
  });

/** The service's production build against `neo4jUri`; resolves once /ready answers 200. */
export async function startService(neo4jUri: string, extraEnv: Record<string, string> = {}, name = 'ours'): Promise<Running> {
  const port = await freePort();
  const child = spawn(process.execPath, ['dist/src/server.js'], {
    cwd: projectRoot(),
    env: {
      ...process.env,
      NODE_ENV: 'production',
      NEO4J_URI: neo4jUri,
      NEO4J_USER: 'neo4j',
      NEO4J_PASSWORD: '',
      RATE_LIMIT_PER_MINUTE: '0',
      QUERY_STATS: 'false',
      SEED_ON_EMPTY: 'false',
      LOG_LEVEL: 'warn',
      PORT: String(port),
      HOST: '127.0.0.1',
      ...extraEnv,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The service exited with code ${child.exitCode}:\n${stderr}`);
    try {
      if ((await fetch(`${base}/ready`)).status === 200) break;
    } catch {}
    if (Date.now() > deadline) {
      await stopChild(child);
      throw new Error(`The service did not become ready within 120 s:\n${stderr}`);
    }
    await new Promise((done) => setTimeout(done, 250));
  }
  return { name, base, child, stop: () => stopChild(child) };
}

/** A peer from bench/peers/servers.ts in its own process; resolves once it listens. */
export async function startPeer(peer: 'neo4j-graphql' | 'raw' | 'bare-yoga', neo4jUri: string): Promise<Running> {
  const script = fileURLToPath(new URL('./servers.ts', import.meta.url));
  const child = fork(script, [peer, neo4jUri], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const port = await new Promise<number>((done, fail) => {
    child.once('message', (message) => done((message as { port: number }).port));
    child.once('exit', (code) => fail(new Error(`peer ${peer} exited with code ${code}`)));
  });
  return { name: peer, base: `http://127.0.0.1:${port}`, child, stop: () => stopChild(child) };
}

/** Resident set size of a process, from /proc (Linux), in MB. */
export function rssMb(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : null;
  } catch {
    return null;
  }
}
