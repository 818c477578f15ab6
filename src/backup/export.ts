import { once } from 'node:events';
import { open, rename, rm } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import neo4j, { type Record as Neo4jRecord, type Result } from 'neo4j-driver';
import type { Graph } from '../graph/database.js';
import { EXPORT_LINKS, EXPORT_NODES, NODE_IDENTITY } from '../graph/queries/backup.js';
import { BackupError } from './errors.js';
import {
  checkLink,
  checkNode,
  type EncodedProps,
  type Entry,
  encodeProperty,
  FORMAT_NAME,
  FORMAT_VERSION,
  type Header,
  isProblem,
  type NodeRef,
} from './format.js';

export interface ExportOptions {
  /** Records pulled from Neo4j per round-trip; the driver pauses pulling while they are unwritten. */
  fetchSize?: number;
}

export interface ExportResult {
  path: string;
  nodes: number;
  links: number;
}

type TypedProp = [key: string, valueType: string, value: unknown];

/**
 * Writes the whole graph to `path` in the backup format (src/backup/format.ts), streaming: rows
 * come from one read transaction through the driver's async iterator, and each line waits for
 * the file stream to drain, so memory stays bounded whatever the graph's size. The file is
 * written as `<path>.partial` and renamed at the end: a failed export never leaves a file that
 * looks complete. Anything the import could not load back (a label, type or value outside the
 * format) stops the export with UNSUPPORTED_VALUE rather than producing a backup that will not restore.
 */
export async function exportGraph(graph: Graph, path: string, { fetchSize = 1000 }: ExportOptions = {}): Promise<ExportResult> {
  const partial = `${path}.partial`;
  // Opened here rather than by createWriteStream, so a bad path fails at once with its own error.
  const out = new LineWriter((await open(partial, 'w')).createWriteStream({ encoding: 'utf8' }));
  const session = graph.driver.session({ database: graph.database, defaultAccessMode: neo4j.session.READ, fetchSize });
  try {
    const header: Header = { format: FORMAT_NAME, version: FORMAT_VERSION, exportedAt: new Date().toISOString() };
    await out.write(header);
    // One transaction, so links are read against the same committed state as nodes as far as Neo4j allows.
    const tx = session.beginTransaction();
    const nodes = await copyRows(tx.run(EXPORT_NODES), out, nodeEntry);
    const links = await copyRows(tx.run(EXPORT_LINKS, { identity: NODE_IDENTITY }), out, linkEntry);
    await tx.commit();
    await out.write({ t: 'end', nodes, links });
    await out.close();
    await rename(partial, path);
    return { path, nodes, links };
  } catch (error) {
    out.destroy();
    await rm(partial, { force: true });
    throw error;
  } finally {
    await session.close();
  }
}

/**
 * Lines out, with backpressure: a write waits while the stream's buffer is full. A stream error
 * (disk full) is kept and thrown by the next write, not left to crash the process unheard.
 */
class LineWriter {
  private failure: Error | undefined;

  constructor(private readonly out: Writable) {
    out.on('error', (error) => {
      this.failure = error;
    });
  }

  async write(value: object): Promise<void> {
    if (this.failure) throw this.failure;
    if (!this.out.write(`${JSON.stringify(value)}\n`)) await once(this.out, 'drain');
  }

  async close(): Promise<void> {
    this.out.end();
    await finished(this.out);
  }

  destroy(): void {
    this.out.destroy();
  }
}

async function copyRows(result: Result, out: LineWriter, toEntry: (record: Neo4jRecord) => Entry): Promise<number> {
  let count = 0;
  for await (const record of result) {
    await out.write(toEntry(record));
    count += 1;
  }
  return count;
}

function nodeEntry(record: Neo4jRecord): Entry {
  const labels = (record.get('labels') as string[]).toSorted(byIdentityFirst);
  const entry: Entry = { t: 'node', labels, props: encodeProps(record.get('props') as TypedProp[], `a node labelled ${labels.join(':')}`) };
  const checked = checkNode(entry);
  if (isProblem(checked)) throw unsupported(checked.name ?? `a node labelled ${labels.join(':')}`, checked.problem);
  return entry;
}

function linkEntry(record: Neo4jRecord): Entry {
  const type = record.get('type') as string;
  const from = endRef(record.get('fromLabels') as string[], record.get('fromId'), type);
  const to = endRef(record.get('toLabels') as string[], record.get('toId'), type);
  const entry: Entry = { t: 'link', type, from, to, props: encodeProps(record.get('props') as TypedProp[], `a ${type} link`) };
  const checked = checkLink(entry);
  if (isProblem(checked)) throw unsupported(checked.name ?? `a ${type} link`, checked.problem);
  return entry;
}

/** A link end by its identity label and property; a node without one cannot be named in a backup. */
function endRef(labels: string[], id: unknown, type: string): NodeRef {
  const label = labels.find((candidate) => Object.hasOwn(NODE_IDENTITY, candidate));
  if (!label || typeof id !== 'string') throw unsupported(`a ${type} link`, `one end (labels ${labels.join(':')}) has no backup identity`);
  return [label, id];
}

/** Properties sorted by name, so two exports of one graph differ only in their header's time. */
function encodeProps(props: TypedProp[], owner: string): EncodedProps {
  const encoded: EncodedProps = {};
  for (const [key, valueType, value] of props.toSorted(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const encodedValue = encodeProperty(valueType, value);
    if (encodedValue === undefined)
      throw unsupported(owner, `property "${key}" holds a ${valueType}, which format version ${FORMAT_VERSION} does not carry`);
    encoded[key] = encodedValue;
  }
  return encoded;
}

const byIdentityFirst = (a: string, b: string) =>
  Number(Object.hasOwn(NODE_IDENTITY, b)) - Number(Object.hasOwn(NODE_IDENTITY, a)) || (a < b ? -1 : a > b ? 1 : 0);

const unsupported = (owner: string, problem: string) =>
  new BackupError(
    'UNSUPPORTED_VALUE',
    `The export stopped: ${owner}: ${problem}. Extend src/backup/format.ts (and bump its version) to carry it.`,
  );
