import { type ChildProcess, spawn } from 'node:child_process';
import { inject } from 'vitest';
import { projectRoot } from '../../src/project-root.js';

export interface ServerProcess {
  child: ChildProcess;
  output: () => string;
  /** Resolves with the exit code once the process ends. */
  exited: Promise<number | null>;
  /** Resolves once `pattern` appears in the output (stdout or stderr). */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<void>;
}

/**
 * Runs `src/server.ts` as `npm start` would, with the given environment on top of ours: the
 * bundle `npm start` runs (dist/server.mjs, built by the tier's global setup,
 * test/helpers/build-server.ts), or the TypeScript through tsx where there is none. Query-plan
 * warm-up is off unless a test turns it on (WARM_QUERY_PLANS=true): no spawned-server test times
 * queries, and it costs seconds per start.
 */
export function spawnServer(env: Record<string, string | undefined>): ServerProcess {
  const bundle = inject('bundles').server;
  const args = bundle ? [bundle] : ['--import', 'tsx', 'src/server.ts'];
  const child = spawn(process.execPath, args, {
    cwd: projectRoot(),
    env: { ...process.env, NEO4J_URI: undefined, LOG_LEVEL: 'info', WARM_QUERY_PLANS: 'false', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const listeners = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    output += chunk.toString();
    for (const listener of listeners) listener();
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  return {
    child,
    output: () => output,
    exited,
    waitFor: (pattern, timeoutMs = 120_000) =>
      new Promise((done, fail) => {
        const timer = setTimeout(() => fail(new Error(`timed out waiting for ${pattern}; output:\n${output}`)), timeoutMs);
        const check = () => {
          if (!pattern.test(output)) return;
          clearTimeout(timer);
          listeners.delete(check);
          done();
        };
        listeners.add(check);
        void exited.then(() => {
          if (!pattern.test(output)) fail(new Error(`process exited before ${pattern}; output:\n${output}`));
        });
        check();
      }),
  };
}
