import neo4j, { type Session } from 'neo4j-driver';
import { announceGraphChange, readGraphVersion } from '../graph/changes.js';
import type { Graph } from '../graph/database.js';
import { applyGraphSchema } from '../graph/migrate.js';
import { importLinks, importNodes } from '../graph/queries/backup.js';
import { BUMP_GRAPH_VERSION } from '../graph/queries/meta.js';
import { type Checkpoint, checkpointPath, readCheckpoint, removeCheckpoint, saveCheckpoint } from './checkpoint.js';
import { BackupError } from './errors.js';
import { type CheckedLink, type CheckedNode, checkLink, checkNode, isProblem } from './format.js';
import { readLines } from './lines.js';
import { storeCounts, wipeStore } from './store.js';
import { type BackupSummary, validateBackupFile } from './validate.js';

export interface ImportOptions {
  /** Wipe a non-empty store first (in slices) instead of refusing it. */
  force?: boolean;
  /** Entries per write transaction. */
  batchSize?: number;
  /** For tests: stop after this many committed batches, as a crash would, leaving the checkpoint. */
  stopAfterBatches?: number;
  /** The result of validateBackupFile on this very file, when the caller has just run it. */
  validated?: BackupSummary;
  log?: (line: string) => void;
}

export interface ImportResult {
  /** False only when stopAfterBatches stopped it. */
  completed: boolean;
  /** The line the import went on from (0: it started afresh). */
  resumedAfterLine: number;
  summary: BackupSummary;
}

/**
 * Loads a backup file. The whole file is validated first (nothing is touched if it is bad); a
 * non-empty store is refused unless `force`; then entries are written in batches, one
 * transaction each, with a checkpoint after every commit (`<file>.checkpoint`). When a checkpoint
 * for this file exists, the import resumes after its line instead of starting over. At the end
 * the graph version is bumped so every server drops its caches, and the checkpoint is removed.
 */
export async function importGraph(graph: Graph, path: string, options: ImportOptions = {}): Promise<ImportResult> {
  const summary = options.validated ?? (await validateBackupFile(path));
  const log = options.log ?? (() => {});
  let checkpoint = await readCheckpoint(path);
  if (checkpoint) {
    await assertResumable(graph, path, checkpoint, summary);
    log(`Resuming after line ${checkpoint.line} (${checkpoint.nodes} nodes and ${checkpoint.links} links already in).`);
  } else {
    await prepareEmptyStore(graph, options.force ?? false, log);
    checkpoint = { fingerprint: summary.fingerprint, line: 1, nodes: 0, links: 0, graphVersion: await readGraphVersion(graph) };
    // Saved before the first batch, so a crash during it resumes instead of meeting a "non-empty" store.
    await saveCheckpoint(path, checkpoint);
  }
  const resumedAfterLine = checkpoint.line > 1 ? checkpoint.line : 0;
  // Constraints first: every MERGE below then finds its key through an index.
  await applyGraphSchema(graph);
  log(`Schema applied; writing entries after line ${checkpoint.line}...`);
  const completed = await writeEntries(graph, path, checkpoint, options, log);
  if (!completed) return { completed, resumedAfterLine, summary };
  log('All entries written; checking the counts and bumping the graph version.');
  await assertLoaded(graph, summary);
  await graph.writeTransaction((run) => run(BUMP_GRAPH_VERSION, {}));
  announceGraphChange();
  await removeCheckpoint(path);
  return { completed, resumedAfterLine, summary };
}

async function assertResumable(graph: Graph, path: string, checkpoint: Checkpoint, summary: BackupSummary): Promise<void> {
  const remedy = `Delete ${checkpointPath(path)} and import again (with --force if the store is not empty).`;
  if (checkpoint.fingerprint !== summary.fingerprint) {
    throw new BackupError('BAD_CHECKPOINT', `${checkpointPath(path)} was written for another export than ${path}. ${remedy}`);
  }
  if (checkpoint.graphVersion !== undefined && (await readGraphVersion(graph)) !== checkpoint.graphVersion) {
    throw new BackupError(
      'BAD_CHECKPOINT',
      `The store was written to since ${checkpointPath(path)} was saved (its graph version changed); resuming could overwrite that, so nothing was changed. ${remedy}`,
    );
  }
  // Batches commit whole, so the store holds exactly what the checkpoint says, or that plus the
  // batch in flight; anything else was written by someone else, and resuming would overwrite it.
  const store = await storeCounts(graph);
  const committed = { nodes: checkpoint.nodes, links: checkpoint.links };
  const inFlight = checkpoint.inFlight ?? { nodes: 0, links: 0 };
  const withInFlight = { nodes: committed.nodes + inFlight.nodes, links: committed.links + inFlight.links };
  const matches = (counts: { nodes: number; links: number }) => store.nodes === counts.nodes && store.links === counts.links;
  if (!matches(committed) && !matches(withInFlight)) {
    throw new BackupError(
      'BAD_CHECKPOINT',
      `${checkpointPath(path)} says ${checkpoint.nodes} nodes and ${checkpoint.links} links were committed, but the store holds ${store.nodes} and ${store.links}: it changed since; nothing was changed. ${remedy}`,
    );
  }
}

async function prepareEmptyStore(graph: Graph, force: boolean, log: (line: string) => void): Promise<void> {
  const store = await storeCounts(graph);
  if (store.nodes === 0 && store.links === 0) return;
  if (!force) {
    throw new BackupError(
      'STORE_NOT_EMPTY',
      `The store is not empty (${store.nodes} nodes, ${store.links} relationships); nothing was changed. Use --force to wipe it and import.`,
    );
  }
  log(`Wiping the store (${store.nodes} nodes, ${store.links} relationships)...`);
  await wipeStore(graph);
}

/** A whole import lands exactly the file's nodes and links in a store that started empty. */
async function assertLoaded(graph: Graph, summary: BackupSummary): Promise<void> {
  const store = await storeCounts(graph);
  if (store.nodes !== summary.nodes || store.links !== summary.links) {
    throw new BackupError(
      'STORE_CHANGED',
      `The import finished but the store holds ${store.nodes} nodes and ${store.links} links where the file has ${summary.nodes} and ${summary.links}; it was changed during the import.`,
    );
  }
}

interface Batch {
  nodes: CheckedNode[];
  links: CheckedLink[];
  lastLine: number;
}

/** Streams the entries after the checkpoint into batches; false when stopAfterBatches cut it short. */
async function writeEntries(graph: Graph, path: string, start: Checkpoint, options: ImportOptions, log: (line: string) => void) {
  const batchSize = options.batchSize ?? 1000;
  const session = graph.driver.session({ database: graph.database, defaultAccessMode: neo4j.session.WRITE });
  let checkpoint = start;
  let batches = 0;
  let batch: Batch = { nodes: [], links: [], lastLine: start.line };
  const commit = async () => {
    await saveCheckpoint(path, { ...checkpoint, inFlight: { nodes: batch.nodes.length, links: batch.links.length } });
    await writeBatch(session, batch);
    checkpoint = {
      fingerprint: checkpoint.fingerprint,
      graphVersion: checkpoint.graphVersion,
      line: batch.lastLine,
      nodes: checkpoint.nodes + batch.nodes.length,
      links: checkpoint.links + batch.links.length,
    };
    await saveCheckpoint(path, checkpoint);
    batches += 1;
    if (batches % 20 === 0) log(`Committed through line ${checkpoint.line} (${checkpoint.nodes} nodes, ${checkpoint.links} links).`);
    batch = { nodes: [], links: [], lastLine: checkpoint.line };
  };
  try {
    for await (const { number, text } of readLines(path)) {
      if (number <= start.line) continue;
      const entry = JSON.parse(text) as Record<string, unknown>;
      if (entry.t === 'end') break;
      addEntry(batch, entry, number);
      if (batch.nodes.length + batch.links.length < batchSize) continue;
      await commit();
      if (batches === options.stopAfterBatches) return false;
    }
    if (batch.nodes.length + batch.links.length > 0) await commit();
    return true;
  } finally {
    await session.close();
  }
}

/** Entries were validated already; a problem now means the file changed under us. */
function addEntry(batch: Batch, entry: Record<string, unknown>, line: number): void {
  const checked = entry.t === 'node' ? checkNode(entry) : checkLink(entry);
  if (isProblem(checked)) throw new BackupError('BAD_BACKUP_FILE', `line ${line} changed since it was validated: ${checked.problem}`);
  if ('identityLabel' in checked) batch.nodes.push(checked);
  else batch.links.push(checked);
  batch.lastLine = line;
}

/**
 * One transaction per batch: nodes grouped by identity label, links by the labels of their ends
 * (labels and types cannot be parameters; see importNodes/importLinks). The session sends the
 * driver values as they are, so a float 2.0 stays a float (Graph's helpers would turn whole
 * numbers into integers). The driver retries transient failures.
 */
async function writeBatch(session: Session, batch: Batch): Promise<void> {
  const nodeGroups = groupBy(batch.nodes, (node) => node.identityLabel);
  const linkGroups = groupBy(batch.links, (link) => `${link.from[0]}>${link.to[0]}`);
  await session.executeWrite(async (tx) => {
    for (const [label, nodes] of nodeGroups) {
      const rows = nodes.map(({ id, extraLabels, props }) => ({ id, kindLabel: extraLabels[0] ?? null, props }));
      await tx.run(importNodes(label), { rows });
    }
    for (const links of linkGroups.values()) {
      const [{ from, to }] = links as [CheckedLink];
      const rows = links.map((link) => ({ type: link.type, from: link.from[1], to: link.to[1], props: link.props }));
      await tx.run(importLinks(from[0], to[0]), { rows });
    }
  });
}

function groupBy<T>(items: T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}
