import { existsSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { classArchive } from '../../src/local-neo4j/class-archive.js';

/** The bundled Neo4j's class-data archive: recorded by a JVM that exits by itself, used by the next. */
describe('classArchive', () => {
  let dir: string;
  let jar: string;
  const archive = () => join(dir, 'neo4j-local.jsa');
  /** What the JVM does at exit with -XX:ArchiveClassesAtExit=<file>. */
  const jvmWrites = (flag: string) => writeFileSync(flag.replace('-XX:ArchiveClassesAtExit=', ''), 'archive');

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kg-class-archive-'));
    jar = join(dir, 'neo4j-local-1.0.0.jar');
    writeFileSync(jar, 'jar');
    utimesSync(jar, new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('records one when there is none, and adopts it when the JVM exits by itself', () => {
    const first = classArchive(dir, jar);
    expect(first.flag).toMatch(/^-XX:ArchiveClassesAtExit=.*neo4j-local\.jsa\.\d+\.\d+\.tmp$/);
    jvmWrites(first.flag);
    first.exited(143);
    expect(existsSync(archive())).toBe(true);
    expect(classArchive(dir, jar).flag).toBe(`-XX:SharedArchiveFile=${archive()}`);
  });

  it('drops the recording of a JVM killed by a signal: it may be half written', () => {
    const killed = classArchive(dir, jar);
    jvmWrites(killed.flag);
    killed.exited(null);
    expect(existsSync(archive())).toBe(false);
    expect(existsSync(killed.flag.replace('-XX:ArchiveClassesAtExit=', ''))).toBe(false);
  });

  it('records again when the jar was rebuilt after the archive', () => {
    writeFileSync(archive(), 'old');
    utimesSync(archive(), new Date(Date.now() - 120_000), new Date(Date.now() - 120_000));
    expect(classArchive(dir, jar).flag).toMatch(/^-XX:ArchiveClassesAtExit=/);
  });
});
