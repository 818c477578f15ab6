import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  formatElapsed,
  formatMegabytes,
  formatProgress,
  MavenOutput,
  parseDownloaded,
  runMaven,
  stripAnsi,
} from '../../src/local-neo4j/maven-build.js';

/** The first-start build of the bundled Neo4j: Maven's output parsed into progress, and the log file. */

const ESC = '\u001b';
// Lines as Maven 3.8 prints them with -B (the leading ESC[0m survives -Dstyle.color=never).
const POM =
  '[INFO] Downloaded from central: https://repo.maven.apache.org/maven2/org/neo4j/neo4j/5.26.0/neo4j-5.26.0.pom (8.1 kB at 1.6 kB/s)';
const JAR =
  '[INFO] Downloaded from central: https://repo.maven.apache.org/maven2/com/github/luben/zstd-jni/1.5.6-3/zstd-jni-1.5.6-3.jar (6.7 MB at 3.0 MB/s)';

describe('parsing Maven output', () => {
  it('reads the size of each finished download, in Maven decimal units', () => {
    expect(parseDownloaded(POM)).toBe(8100);
    expect(parseDownloaded(JAR)).toBe(6_700_000);
    expect(parseDownloaded('[INFO] Downloaded from central: https://x/y.sha1 (40 B at 2 kB/s)')).toBe(40);
    expect(parseDownloaded(`${ESC}[0m${ESC}[0m${POM}`)).toBe(8100);
    expect(parseDownloaded('Downloaded from my-mirror: https://nexus.local/a.jar (1.5 GB at 9 MB/s)')).toBe(1_500_000_000);
  });

  it('ignores announcements and everything else', () => {
    expect(parseDownloaded('[INFO] Downloading from central: https://repo.maven.apache.org/maven2/a/b.jar')).toBeUndefined();
    expect(parseDownloaded('[INFO] BUILD SUCCESS')).toBeUndefined();
    expect(parseDownloaded('')).toBeUndefined();
  });

  it('strips ANSI colour and reset sequences', () => {
    expect(stripAnsi(`${ESC}[0m${ESC}[1;31m[ERROR]${ESC}[m boom`)).toBe('[ERROR] boom');
  });

  it('adds up downloads across chunks that split lines anywhere, and keeps the [ERROR] lines', () => {
    const text = [
      `${ESC}[0m${ESC}[0m[INFO] Scanning for projects...`,
      '[INFO] Downloading from central: https://repo.maven.apache.org/maven2/a.pom',
      POM,
      JAR,
      '[ERROR] Failed to execute goal on project neo4j-local: Could not resolve dependencies',
      '[ERROR] ',
      '[ERROR] -> [Help 1]',
    ].join('\r\n');
    const output = new MavenOutput();
    for (let at = 0; at < text.length; at += 7) output.feed(text.slice(at, at + 7));
    // The last line has no newline yet: it only counts once the output ends.
    expect(output.errors).toHaveLength(1);
    output.end();
    expect(output.progress).toEqual({ artifacts: 2, bytes: 6_708_100 });
    expect(output.firstError()).toBe('Failed to execute goal on project neo4j-local: Could not resolve dependencies');
    expect(output.errors).toEqual([output.firstError(), '-> [Help 1]']);
  });
});

describe('formatting progress', () => {
  it('shows elapsed time as m:ss', () => {
    expect(formatElapsed(0)).toBe('0:00');
    expect(formatElapsed(7_900)).toBe('0:07');
    expect(formatElapsed(92_000)).toBe('1:32');
    expect(formatElapsed(725_000)).toBe('12:05');
  });

  it('shows megabytes with one decimal below 100 MB', () => {
    expect(formatMegabytes(0)).toBe('0.0 MB');
    expect(formatMegabytes(420_000)).toBe('0.4 MB');
    expect(formatMegabytes(58_340_000)).toBe('58.3 MB');
    expect(formatMegabytes(155_365_593)).toBe('155 MB');
  });

  it('puts time, files and megabytes on one short line', () => {
    const line = formatProgress(42_000, { artifacts: 312, bytes: 58_340_000 });
    expect(line).toBe('Building the bundled Neo4j: 0:42 elapsed, 312 files (58.3 MB) downloaded');
    expect(formatProgress(1_000, { artifacts: 1, bytes: 8100 })).toContain('1 file (0.0 MB)');
    expect(line.length).toBeLessThan(80);
  });
});

describe('runMaven', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kg-maven-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  // Stands in for mvn: coloured output on both streams, a pause, then the given exit code.
  const fake = join(dir, 'fake-mvn.mjs');
  writeFileSync(
    fake,
    `const [code] = process.argv.slice(2);
process.stdout.write('\\u001b[0m\\u001b[0m[INFO] Scanning for projects...\\n${POM}\\n');
setTimeout(() => {
  process.stdout.write('${JAR}\\n');
  if (code !== '0') process.stderr.write('[ERROR] Failed to execute goal: no network\\n');
  process.exit(Number(code));
}, 150);
`,
  );

  it('writes Maven output to the log file and reports progress lines to the log without a terminal', async () => {
    const logFile = join(dir, 'target', 'build.log');
    const lines: string[] = [];
    const result = await runMaven({
      cwd: dir,
      logFile,
      log: (line) => lines.push(line),
      intervalMs: 40,
      command: process.execPath,
      args: [fake, '0'],
    });
    expect(result).toMatchObject({ code: 0, signal: null, output: { progress: { artifacts: 2, bytes: 6_708_100 } } });
    expect(readFileSync(logFile, 'utf8')).toContain('Scanning for projects');
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      expect(line).toMatch(/^Building the bundled Neo4j: \d+:\d\d elapsed, \d+ files? \(\d+\.\d MB\) downloaded$/);
      expect(line).not.toContain(ESC);
    }
  });

  it('redraws one line on a terminal, clears it at the end, and hands back the first error', async () => {
    const written: string[] = [];
    const terminal = { write: (text: string) => written.push(text) } as unknown as NodeJS.WritableStream;
    const lines: string[] = [];
    const result = await runMaven({
      cwd: dir,
      logFile: join(dir, 'failed.log'),
      log: (line) => lines.push(line),
      terminal,
      intervalMs: 40,
      command: process.execPath,
      args: [fake, '3'],
    });
    expect(result.code).toBe(3);
    expect(result.output.firstError()).toBe('Failed to execute goal: no network');
    expect(lines).toEqual([]);
    expect(written.length).toBeGreaterThan(1);
    for (const text of written) expect(text.startsWith(`\r${ESC}[2K`)).toBe(true);
    expect(written.at(-1)).toBe(`\r${ESC}[2K`);
    expect(readFileSync(join(dir, 'failed.log'), 'utf8')).toContain('no network');
  });

  it('rejects when the command cannot be started', async () => {
    await expect(
      runMaven({ cwd: dir, logFile: join(dir, 'missing.log'), log: () => {}, command: join(dir, 'no-such-mvn') }),
    ).rejects.toThrow(/ENOENT/);
  });
});
