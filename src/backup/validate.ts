import { createHash } from 'node:crypto';
import { BackupError } from './errors.js';
import { checkLink, checkNode, FORMAT_NAME, type Header, isPlainObject, isProblem, refKey, SUPPORTED_VERSIONS } from './format.js';
import { type Line, readLines } from './lines.js';

/** What a valid backup file holds, learnt in one streaming pass before anything is written. */
export interface BackupSummary {
  header: Header;
  /** A hash of the header line (it holds the export time): ties a checkpoint to its file. */
  fingerprint: string;
  nodes: number;
  links: number;
  /** Nodes per label (an entity counts under Entity and under its kind label). */
  byLabel: Record<string, number>;
  byType: Record<string, number>;
}

/** Enough to fix a file without drowning the reader; the pass stops once this many are found. */
const MAX_PROBLEMS = 20;

/**
 * Reads the whole file once, in bounded memory apart from the set of node keys (needed to catch
 * duplicates and dangling links), and throws a BAD_BACKUP_FILE BackupError listing every problem
 * (up to MAX_PROBLEMS), each naming the line and the entry's key. Returns the summary otherwise.
 */
export async function validateBackupFile(path: string): Promise<BackupSummary> {
  const validator = new Validator();
  try {
    for await (const line of readLines(path)) {
      if (!validator.accept(line)) break;
    }
  } catch (error) {
    throw new BackupError('BAD_BACKUP_FILE', `Cannot read ${path}: ${(error as Error).message}`);
  }
  return validator.finish(path);
}

class Validator {
  private header: Header | undefined;
  private fingerprint = '';
  private readonly problems: string[] = [];
  private readonly nodeLines = new Map<string, number>();
  private readonly links = new Set<string>();
  private readonly byLabel: Record<string, number> = {};
  private readonly byType: Record<string, number> = {};
  private firstLinkLine = 0;
  private end: { line: number; nodes: unknown; links: unknown } | undefined;
  private lastLine = 0;

  /** Takes one line; false once reading on is pointless (a bad header, or enough problems). */
  accept({ number, text }: Line): boolean {
    this.lastLine = number;
    if (number === 1) return this.acceptHeader(text);
    if (this.end) {
      if (text.trim() !== '') this.report(number, `content after the end line (line ${this.end.line})`);
    } else {
      this.acceptEntry(number, text);
    }
    return this.problems.length < MAX_PROBLEMS;
  }

  private acceptHeader(text: string): boolean {
    this.fingerprint = createHash('sha256').update(text).digest('hex');
    const header = parseJson(text);
    if (!isPlainObject(header) || header.format !== FORMAT_NAME) {
      this.report(1, `not a backup of this service: the first line must be a header with "format": "${FORMAT_NAME}"`);
    } else if (typeof header.version !== 'number' || !SUPPORTED_VERSIONS.includes(header.version)) {
      this.report(
        1,
        `unknown format version ${JSON.stringify(header.version)} (this build reads version ${SUPPORTED_VERSIONS.join(', ')})`,
      );
    } else {
      this.header = header as unknown as Header;
    }
    return this.header !== undefined;
  }

  private acceptEntry(number: number, text: string): void {
    const entry = parseJson(text);
    if (!isPlainObject(entry)) {
      this.report(number, text.trim() === '' ? 'empty line' : 'not a JSON object (malformed line)');
    } else if (entry.t === 'node') {
      this.acceptNode(number, checkNode(entry));
    } else if (entry.t === 'link') {
      this.acceptLink(number, checkLink(entry));
    } else if (entry.t === 'end') {
      this.end = { line: number, nodes: entry.nodes, links: entry.links };
    } else {
      this.report(number, `unknown entry type ${JSON.stringify(entry.t)} (expected "node", "link" or "end")`);
    }
  }

  private acceptNode(number: number, node: ReturnType<typeof checkNode>): void {
    if (isProblem(node)) {
      this.report(number, node.problem, node.name);
      return;
    }
    const key = refKey([node.identityLabel, node.id]);
    const name = `node ${node.identityLabel} '${node.id}'`;
    if (this.firstLinkLine > 0) this.report(number, `nodes must all come before the first link (line ${this.firstLinkLine})`, name);
    const first = this.nodeLines.get(key);
    if (first !== undefined) {
      this.report(number, `duplicate key (first on line ${first})`, name);
      return;
    }
    this.nodeLines.set(key, number);
    for (const label of [node.identityLabel, ...node.extraLabels]) this.byLabel[label] = (this.byLabel[label] ?? 0) + 1;
  }

  private acceptLink(number: number, link: ReturnType<typeof checkLink>): void {
    if (this.firstLinkLine === 0) this.firstLinkLine = number;
    if (isProblem(link)) {
      this.report(number, link.problem, link.name);
      return;
    }
    const name = `link ${link.type} ${refKey(link.from)} -> ${refKey(link.to)}`;
    for (const end of [link.from, link.to]) {
      if (!this.nodeLines.has(refKey(end))) {
        this.report(number, `dangling link: ${end[0]} '${end[1]}' is not in the file`, name);
        return;
      }
    }
    const key = `${link.type}|${refKey(link.from)}|${refKey(link.to)}`;
    if (this.links.has(key)) {
      this.report(number, 'duplicate link', name);
      return;
    }
    this.links.add(key);
    this.byType[link.type] = (this.byType[link.type] ?? 0) + 1;
  }

  private report(line: number, problem: string, name?: string): void {
    this.problems.push(`line ${line}${name ? ` (${name})` : ''}: ${problem}`);
  }

  finish(path: string): BackupSummary {
    if (this.lastLine === 0) this.report(1, 'the file is empty');
    if (this.header && this.problems.length < MAX_PROBLEMS) this.checkEnd();
    if (this.problems.length > 0) {
      const more = this.problems.length >= MAX_PROBLEMS ? ` (stopped after ${MAX_PROBLEMS})` : '';
      throw new BackupError('BAD_BACKUP_FILE', `${path} cannot be imported; nothing was changed. Problems${more}:`, this.problems);
    }
    return {
      header: this.header as Header,
      fingerprint: this.fingerprint,
      nodes: this.nodeLines.size,
      links: this.links.size,
      byLabel: this.byLabel,
      byType: this.byType,
    };
  }

  /** The end line's counts catch a file cut short at a line boundary. */
  private checkEnd(): void {
    if (!this.end) {
      this.report(this.lastLine, 'the file ends without its end line: it was cut short');
      return;
    }
    const { line, nodes, links } = this.end;
    // A refused entry is missing from the tallies already reported; only a clean file is compared.
    if (this.problems.length === 0 && (nodes !== this.nodeLines.size || links !== this.links.size)) {
      this.report(
        line,
        `the end line counts ${nodes} nodes and ${links} links, the file holds ${this.nodeLines.size} and ${this.links.size}`,
      );
    }
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
