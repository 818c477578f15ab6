import { type ChildProcess, fork, spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../src/local-neo4j/process.js';
import { projectRoot } from '../../src/project-root.js';

/** Starting the systems under test as child processes, and reading their memory. */

export interface Running {
  name: string;
  base: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** The production bundle `npm start` runs (dist/server.mjs), rebuilt first when src/ changed. */
export function ensureBuilt(log: (line: string) => void): void {
  const build = spawnSync(process.execPath, ['scripts/build-server.mjs'], { cwd: projectRoot(), stdio: ['ignore', 'inherit', 'inherit'] });
  if (build.status !== 0) throw new Error(`scripts/build-server.mjs failed (exit ${build.status}).`);
  log('measuring the production bundle dist/server.mjs');
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

/** The node flags `npm start` gives the service (package.json), so it is measured as users run it. */
function startFlags(): string[] {
  const manifest = JSON.parse(readFileSync(`${projectRoot()}/package.json`, 'utf8')) as { scripts: { start: string } };
  return manifest.scripts.start.split(/\s+/).filter((token) => token.startsWith('--'));
}

/** The service's production build against `neo4jUri`, run as `npm start` runs it; resolves once /ready answers 200. */
export async function startService(neo4jUri: string, extraEnv: Record<string, string> = {}, name = 'ours'): Promise<Running> {
  const port = await freePort();
  const child = spawn(process.execPath, [...startFlags(), 'dist/server.mjs'], {
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
