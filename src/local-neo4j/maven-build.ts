import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Runs the Maven build of neo4j-local with its output in a log file, and reports progress
 * (elapsed time, artifacts and megabytes downloaded) instead of Maven's own lines: a single
 * updating line on a terminal, otherwise one log line every few seconds. The parsing and
 * formatting below are pure so they can be tested without Maven.
 */

/** Batch mode (no interactive prompts, no transfer bars), no colours, tests skipped. */
export const MAVEN_ARGS = ['-B', '-Dstyle.color=never', '-DskipTests', 'package'];

/**
 * What a first build costs with an empty ~/.m2 (measured: 961 files, 155 MB, 4 min; Neo4j's own
 * jars are 123 MB of it, the rest is Maven's plugins).
 */
export const FIRST_BUILD = { download: 'about 155 MB', duration: '2–5 minutes' };

export interface DownloadProgress {
  artifacts: number;
  bytes: number;
}

// Maven 3.8 prints `ESC[0m` even with -Dstyle.color=never; strip any CSI sequence.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching the escape character is the point.
const ANSI = /\u001b\[[0-9;?]*[A-Za-z]/g;

export function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
}

const UNITS: Record<string, number> = { B: 1, kB: 1e3, KB: 1e3, MB: 1e6, GB: 1e9 };

/**
 * Bytes of one finished download, from Maven's batch-mode line
 * `[INFO] Downloaded from central: https://.../x.jar (1.2 MB at 3.4 MB/s)`; undefined for any
 * other line (including `Downloading from`, which announces a download that has not finished).
 */
export function parseDownloaded(line: string): number | undefined {
  const match = /Downloaded from [^:\s]+: \S+ \((\d+(?:\.\d+)?) (B|kB|KB|MB|GB)\b/.exec(stripAnsi(line));
  if (!match) return undefined;
  return Math.round(Number(match[1]) * (UNITS[match[2] as string] as number));
}

/** `0:07`, `1:32`, `12:05`. */
export function formatElapsed(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/** Decimal megabytes, as Maven counts them: `0.4 MB`, `58.3 MB`, `121 MB`. */
export function formatMegabytes(bytes: number): string {
  const mb = bytes / 1e6;
  return `${mb >= 100 ? Math.round(mb) : mb.toFixed(1)} MB`;
}

export function formatProgress(elapsedMs: number, progress: DownloadProgress): string {
  const artifacts = `${progress.artifacts} ${progress.artifacts === 1 ? 'file' : 'files'}`;
  return `Building the bundled Neo4j: ${formatElapsed(elapsedMs)} elapsed, ${artifacts} (${formatMegabytes(progress.bytes)}) downloaded`;
}

/** Accumulates Maven output chunk by chunk: download totals and the `[ERROR]` lines. */
export class MavenOutput {
  readonly progress: DownloadProgress = { artifacts: 0, bytes: 0 };
  readonly errors: string[] = [];
  private partial = '';

  feed(chunk: string): void {
    const lines = (this.partial + chunk).split(/\r?\n/);
    this.partial = lines.pop() ?? '';
    for (const line of lines) this.line(line);
  }

  /** Call once the output has ended, for a last line without a newline. */
  end(): void {
    if (this.partial) this.line(this.partial);
    this.partial = '';
  }

  /** The first `[ERROR]` line, which names the failed goal or the unreachable repository. */
  firstError(): string | undefined {
    return this.errors[0];
  }

  private line(raw: string): void {
    const line = stripAnsi(raw).trimEnd();
    const bytes = parseDownloaded(line);
    if (bytes !== undefined) {
      this.progress.artifacts += 1;
      this.progress.bytes += bytes;
    } else if (line.startsWith('[ERROR]') && line.length > '[ERROR]'.length && this.errors.length < 20) {
      this.errors.push(line.slice('[ERROR]'.length).trim());
    }
  }
}

export interface MavenRunOptions {
  cwd: string;
  /** Maven's stdout and stderr, appended to this file (created with its directory). */
  logFile: string;
  log: (line: string) => void;
  /** A terminal gets one line redrawn in place; without one, `log` gets a line every `intervalMs`. */
  terminal?: NodeJS.WritableStream;
  intervalMs?: number;
  command?: string;
  args?: string[];
}

export interface MavenRunResult {
  /** Exit code, or null when Maven was killed by a signal. */
  code: number | null;
  signal: NodeJS.Signals | null;
  elapsedMs: number;
  output: MavenOutput;
}

/** Runs Maven to completion (whatever its exit code); rejects only when it cannot be started. */
export function runMaven(options: MavenRunOptions): Promise<MavenRunResult> {
  const { cwd, logFile, log, terminal, command = 'mvn', args = MAVEN_ARGS } = options;
  const intervalMs = options.intervalMs ?? (terminal ? 1000 : 5000);
  mkdirSync(dirname(logFile), { recursive: true });
  const file = createWriteStream(logFile, { flags: 'w' });
  const output = new MavenOutput();
  const started = performance.now();
  const report = () => {
    const line = formatProgress(performance.now() - started, output.progress);
    if (terminal) terminal.write(`\r\u001b[2K${line}`);
    else log(line);
  };
  return new Promise((done, fail) => {
    const build = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    const timer = setInterval(report, intervalMs);
    const onData = (chunk: Buffer) => {
      file.write(chunk);
      output.feed(chunk.toString());
    };
    build.stdout.on('data', onData);
    build.stderr.on('data', onData);
    let finished: Promise<void> | undefined;
    const finish = () => (finished ??= close());
    const close = () => {
      clearInterval(timer);
      if (terminal) terminal.write('\r\u001b[2K');
      output.end();
      return new Promise<void>((closed) => file.end(closed));
    };
    build.on('error', (error) => void finish().then(() => fail(error)));
    build.on('close', (code, signal) => void finish().then(() => done({ code, signal, elapsedMs: performance.now() - started, output })));
  });
}
