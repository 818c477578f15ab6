import { existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Class-data sharing for the bundled Neo4j: the JVM maps the classes an earlier run loaded from
 * an archive instead of reading, verifying and linking them from some 200 jars again, which makes
 * each boot about a third shorter. A JVM started without a current archive records one (JDK 13+
 * dynamic AppCDS): it writes the archive when it exits by itself (a stop, not a SIGKILL) under a
 * name of its own, and the archive is adopted then, for every later start. A missing, stale
 * (older than the jar) or foreign (another JDK) archive is simply not used: the JVM starts as
 * without one.
 */
export interface ClassArchive {
  /** The JVM flag: use the archive, or record one at exit. */
  flag: string;
  /** Call when the JVM has exited (`code` null: killed by a signal, so nothing was written). */
  exited(code: number | null): void;
}

/** Abandoned recordings (their JVM was killed while writing) older than this are removed. */
const ABANDONED_MS = 60 * 60 * 1000;

export function classArchive(targetDir: string, jar: string): ClassArchive {
  const archive = join(targetDir, 'neo4j-local.jsa');
  const current = () => existsSync(archive) && statSync(archive).mtimeMs > statSync(jar).mtimeMs;
  if (current()) return { flag: `-XX:SharedArchiveFile=${archive}`, exited: () => {} };
  removeAbandoned(targetDir);
  const recording = `${archive}.${process.pid}.${Date.now()}.tmp`;
  return {
    flag: `-XX:ArchiveClassesAtExit=${recording}`,
    exited(code) {
      try {
        // Another JVM may have recorded one meanwhile: the first to finish is kept.
        if (code !== null && existsSync(recording) && !current()) renameSync(recording, archive);
        rmSync(recording, { force: true });
      } catch {
        // Best effort: without an archive the next JVM records one again.
      }
    },
  };
}

function removeAbandoned(targetDir: string): void {
  for (const name of readdirSync(targetDir)) {
    const path = join(targetDir, name);
    if (/^neo4j-local\.jsa\..*\.tmp$/.test(name) && Date.now() - statSync(path).mtimeMs > ABANDONED_MS) rmSync(path, { force: true });
  }
}
