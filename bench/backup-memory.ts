import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { throwawayNeo4j } from './peers/neo4j.js';
import { grower } from './scale/synthetic.js';

/**
 * `npx tsx bench/backup-memory.ts [--size 100] [--heap-mb 64] [--skip-import]`: is the export's
 * memory bounded? On a throwaway bundled Neo4j grown synthetically to `size` × the seed
 * (bench/scale/synthetic.ts), it runs `src/backup/cli.ts export` in its own Node process with
 * the V8 old space capped at `--heap-mb` (an export that held the graph would die of it), then
 * `import --force` of that file (uncapped: its validation pass keeps every node key and link, so
 * it grows with their number). For each it prints the duration and the process's peak RSS (VmHWM).
 */

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => (args.includes(name) ? (args[args.indexOf(name) + 1] ?? fallback) : fallback);
const SIZE = Number(option('--size', '100'));
const HEAP_MB = Number(option('--heap-mb', '64'));
if (!Number.isInteger(SIZE) || SIZE < 1) throw new Error('--size takes a whole multiple of the seed, e.g. 100');

const started = performance.now();
const elapsed = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;
const log = (line: string) => console.error(`[backup-memory ${elapsed()}] ${line}`);

/** Runs the backup CLI in a fresh Node process; resolves with its duration and peak RSS in MB. */
function cli(uri: string, nodeFlags: string[], cliArgs: string[]): Promise<{ seconds: number; peakMb: number; output: string }> {
  return new Promise((resolve, reject) => {
    const begun = performance.now();
    const child = spawn(process.execPath, [...nodeFlags, '--import', 'tsx', 'src/backup/cli.ts', ...cliArgs], {
      env: { ...process.env, NEO4J_URI: uri },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    // VmHWM is the process's peak resident set so far; the last reading before exit is the peak.
    let peakKb = 0;
    const timer = setInterval(() => {
      const match = /VmHWM:\s+(\d+) kB/.exec(readStatus(child.pid));
      if (match) peakKb = Math.max(peakKb, Number(match[1]));
    }, 100);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearInterval(timer);
      const result = { seconds: (performance.now() - begun) / 1000, peakMb: peakKb / 1024, output: output.trim() };
      if (code === 0) resolve(result);
      else reject(new Error(`backup CLI exited ${code}: ${result.output}`));
    });
  });
}

function readStatus(pid: number | undefined): string {
  try {
    return readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return '';
  }
}

async function main(): Promise<void> {
  const neo4j = await throwawayNeo4j(log, 'kg-backup-bench-');
  const dir = mkdtempSync(join(tmpdir(), 'kg-backup-bench-'));
  try {
    const counts = await (await grower(neo4j.opened.graph)).growTo(SIZE, log);
    log(`${SIZE}×: about ${counts.entities} entities, ${counts.relationships} relationships; exporting...`);
    const file = join(dir, 'graph.jsonl');
    const exported = await cli(neo4j.uri, [`--max-old-space-size=${HEAP_MB}`], ['export', '--out', file]);
    const mb = (statSync(file).size / 1024 / 1024).toFixed(0);
    console.log(
      `export (heap capped at ${HEAP_MB} MB): ${exported.seconds.toFixed(1)} s, peak RSS ${exported.peakMb.toFixed(0)} MB, ${mb} MB file`,
    );
    console.log(`  ${exported.output.split('\n').at(-1)}`);
    if (args.includes('--skip-import')) return;
    log('importing it back (--force)...');
    const imported = await cli(neo4j.uri, [], ['import', file, '--force']);
    console.log(`import: ${imported.seconds.toFixed(1)} s, peak RSS ${imported.peakMb.toFixed(0)} MB`);
    console.log(`  ${imported.output.split('\n').find((line) => line.startsWith('Imported'))}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await neo4j.close();
  }
}

await main();
