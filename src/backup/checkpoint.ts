import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { BackupError } from './errors.js';
import { isPlainObject } from './format.js';

/**
 * How far an import got: every entry up to `line` is committed, and the store then held exactly
 * `nodes` nodes and `links` links from the file (plus `inFlight`, when that batch's commit landed
 * before the checkpoint was rewritten). Kept beside the file (`<file>.checkpoint`) and rewritten
 * around each committed batch, so a rerun after a crash goes on from there.
 */
export interface Checkpoint {
  /** The file's header hash (see BackupSummary): a checkpoint only resumes the export it was made for. */
  fingerprint: string;
  line: number;
  nodes: number;
  links: number;
  /**
   * The batch being committed when this was saved, if any: a crash between its commit and the
   * next save leaves the store holding it too. The store must hold exactly the committed counts,
   * or those plus this batch, for the import to resume.
   */
  inFlight?: { nodes: number; links: number };
  /**
   * The store's graph version when the import began (null: none yet). Every other write (the
   * seed, curation) changes it and the import only at its end, so a changed version means
   * someone else wrote to the store, whatever the counts say.
   */
  graphVersion?: string | null;
}

export const checkpointPath = (file: string) => `${file}.checkpoint`;

export async function readCheckpoint(file: string): Promise<Checkpoint | undefined> {
  let text: string;
  try {
    text = await readFile(checkpointPath(file), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const parsed = parse(text);
  if (!isCheckpoint(parsed)) {
    throw new BackupError(
      'BAD_CHECKPOINT',
      `${checkpointPath(file)} is not a checkpoint this build wrote; delete it to import from the start.`,
    );
  }
  return parsed;
}

/** Written to a temporary file and renamed, so a crash mid-write leaves the previous checkpoint whole. */
export async function saveCheckpoint(file: string, checkpoint: Checkpoint): Promise<void> {
  const temporary = `${checkpointPath(file)}.tmp`;
  await writeFile(temporary, `${JSON.stringify(checkpoint)}\n`);
  await rename(temporary, checkpointPath(file));
}

export async function removeCheckpoint(file: string): Promise<void> {
  await rm(checkpointPath(file), { force: true });
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isCheckpoint(value: unknown): value is Checkpoint {
  const count = (n: unknown) => Number.isSafeInteger(n) && (n as number) >= 0;
  if (!isPlainObject(value) || typeof value.fingerprint !== 'string') return false;
  if (![value.line, value.nodes, value.links].every(count)) return false;
  const { inFlight, graphVersion } = value;
  if (!(graphVersion === undefined || graphVersion === null || typeof graphVersion === 'string')) return false;
  return inFlight === undefined || (isPlainObject(inFlight) && count(inFlight.nodes) && count(inFlight.links));
}
