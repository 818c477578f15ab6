import { randomUUID } from 'node:crypto';
import { announceGraphChange } from './changes.js';
import { ANY, type Graph, type Params } from './database.js';
import { WriteRejectedError } from './errors.js';
import {
  CHANGE_BY_ID,
  CHANGES,
  type ChangeRow,
  createEntity as createEntityQuery,
  DELETE_ENTITY,
  deleteLink,
  ENDPOINT_KINDS,
  ENTITY_LINKS,
  ENTITY_STATE,
  HISTORY,
  LOCK_ENTITY,
  mergeLink,
  RECORD_CHANGE,
  UPDATE_ENTITY,
} from './queries/curation.js';
import type { EntityRow } from './queries/entities.js';
import { BUMP_GRAPH_VERSION } from './queries/meta.js';
import { CREATE_SOURCE, DELETE_SOURCE, MISSING_SOURCES, SOURCE_CITATIONS, type SourceRow } from './queries/sources.js';
import { normalizeTerm } from './search-query.js';
import { type Basis, type EntityKind, isRelationType, RELATION_SPECS, type RelationType, type Scope } from './vocabulary.js';

/**
 * Curated writes. Each is one write transaction holding the change itself, its `(:Change)`
 * record and the graph-version bump: all land or none does. After the commit the process is told
 * (announceGraphChange) so caches and cost bounds refresh; the caller publishes the change live.
 */

export type { ChangeRow, SourceRow };

export interface EntityInput {
  key: string;
  kind: EntityKind;
  name: string;
  summary: string;
  aliases: string[];
  sections: string[];
  /** Keys of existing sources the entity draws on. */
  sources: string[];
}

export type EntityPatch = Partial<Pick<EntityInput, 'name' | 'summary' | 'aliases' | 'sections' | 'sources'>>;

export interface LinkKey {
  from: string;
  to: string;
  type: RelationType;
}

export interface LinkInput extends LinkKey {
  basis: Basis;
  scope: Scope;
  evidence: string;
  section: string;
  /** Keys of existing sources the link rests on (at least one). */
  sources: string[];
}

export interface RelationRow extends LinkInput {
  createdBy: string | null;
}

export type Op = 'CREATE_ENTITY' | 'UPDATE_ENTITY' | 'DELETE_ENTITY' | 'LINK' | 'UNLINK' | 'ADD_SOURCE' | 'REMOVE_SOURCE';

/** A new source; author, url and published may be unknown (null). */
export interface SourceInput {
  key: string;
  title: string;
  author: string | null;
  url: string | null;
  published: string | null;
}

/** What one write did; the Change record is built from it. */
interface Effect {
  op: Op;
  target: string;
  keys: string[];
  before: unknown;
  after: unknown;
  entity?: EntityRow | null;
  relation?: RelationRow;
  source?: SourceRow;
}

export interface WriteResult {
  change: ChangeRow;
  entity: EntityRow | null;
  relation: RelationRow | null;
  source: SourceRow | null;
}

type Run = (cypher: string, params: Params) => Promise<unknown[]>;

/** A deleted entity as its Change keeps it: enough to put it back with its links. */
interface EntitySnapshot extends EntityRow {
  links?: { from: string; to: string; type: string; props: Record<string, unknown> }[];
}

/** What data written before sources existed cites: the article, then the only source. */
const LEGACY_SOURCE = 'article';

const rejected = (code: WriteRejectedError['code'], message: string, details?: Record<string, unknown>) =>
  new WriteRejectedError(code, message, details);

async function write(graph: Graph, actor: string, work: (run: Run, meta: WriteMeta) => Promise<Effect>, revertOf?: string) {
  const meta = { actor, at: new Date().toISOString(), changeId: randomUUID() };
  let result: WriteResult;
  try {
    result = await graph.writeTransaction(async (run) => {
      const effect = await work(run, meta);
      const [row] = (await run(RECORD_CHANGE, {
        change: {
          id: meta.changeId,
          at: meta.at,
          actor,
          op: effect.op,
          target: effect.target,
          keys: effect.keys,
          before: effect.before === null ? null : JSON.stringify(effect.before),
          after: effect.after === null ? null : JSON.stringify(effect.after),
          revertOf: revertOf ?? null,
        },
      })) as { change: ChangeRow }[];
      await run(BUMP_GRAPH_VERSION, {});
      return {
        change: (row as { change: ChangeRow }).change,
        entity: effect.entity ?? null,
        relation: effect.relation ?? null,
        source: effect.source ?? null,
      };
    });
  } catch (error) {
    // Two creates of one key racing: the unique constraint stops the second.
    if ((error as { code?: string }).code === 'Neo.ClientError.Schema.ConstraintValidationFailed') {
      throw rejected('BAD_USER_INPUT', 'That key is already taken.');
    }
    throw error;
  }
  announceGraphChange();
  return result;
}

interface WriteMeta {
  actor: string;
  at: string;
  changeId: string;
}

const entityProps = (input: EntityInput | EntitySnapshot, meta: WriteMeta, version: number) => ({
  key: input.key,
  kind: input.kind,
  name: input.name,
  summary: input.summary,
  aliases: input.aliases,
  sections: input.sections,
  sources: input.sources ?? [LEGACY_SOURCE],
  yearsMin: 'yearsMin' in input ? input.yearsMin : null,
  yearsMax: 'yearsMax' in input ? input.yearsMax : null,
  ...searchFields(input.name, input.aliases),
  version,
  updatedAt: meta.at,
  updatedBy: meta.actor,
  seeded: false,
});

/** The derived properties the full-text index and `toolsFor` read, kept as the seed keeps them. */
function searchFields(name: string, aliases: string[]) {
  return { aliasText: aliases.join(' '), terms: [...new Set([name, ...aliases].map(normalizeTerm))] };
}

async function entityState(run: Run, key: string): Promise<EntityRow | null> {
  const [row] = (await run(ENTITY_STATE, { key })) as { entity: EntityRow }[];
  return row?.entity ?? null;
}

/** Locks the entity, then checks the version the caller last saw (compare-and-set). */
async function lockedAt(run: Run, key: string, expectedVersion: number): Promise<EntityRow> {
  await run(LOCK_ENTITY, { key });
  const current = await entityState(run, key);
  if (!current) throw rejected('NOT_FOUND', `No entity has the key "${key}".`);
  if (current.version !== expectedVersion) {
    throw rejected(
      'CONFLICT',
      `"${key}" is at version ${current.version}, not ${expectedVersion}: someone changed it since you read it. Read it again and reapply your edit.`,
      { currentVersion: current.version },
    );
  }
  return current;
}

/** Every cited source must exist: a citation of nothing is no evidence. */
async function requireSources(run: Run, keys: string[]): Promise<void> {
  const [row] = (await run(MISSING_SOURCES, { keys })) as { missing: string[] }[];
  const missing = row?.missing ?? [];
  if (missing.length > 0) {
    throw rejected('BAD_USER_INPUT', `No source has the key ${missing.map((key) => `"${key}"`).join(', ')}; add it with addSource first.`);
  }
}

async function doCreate(run: Run, meta: WriteMeta, input: EntityInput | EntitySnapshot, version = 1): Promise<Effect> {
  if (await entityState(run, input.key)) throw rejected('BAD_USER_INPUT', `The key "${input.key}" is already taken.`);
  // A snapshot recorded before entities cited sources drew on the article.
  await requireSources(run, input.sources ?? [LEGACY_SOURCE]);
  const [row] = (await run(createEntityQuery(input.kind), { props: entityProps(input, meta, version) })) as { entity: EntityRow }[];
  const entity = (row as { entity: EntityRow }).entity;
  return { op: 'CREATE_ENTITY', target: input.key, keys: [input.key], before: null, after: entity, entity };
}

async function doUpdate(run: Run, meta: WriteMeta, key: string, expectedVersion: number, patch: EntityPatch): Promise<Effect> {
  const props: Record<string, unknown> = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined));
  // A change that changes nothing would still bump the version and fill the history.
  if (Object.keys(props).length === 0) throw rejected('BAD_USER_INPUT', 'Nothing to update: give at least one field of the input.');
  const before = await lockedAt(run, key, expectedVersion);
  if (patch.sources !== undefined) await requireSources(run, patch.sources);
  if (patch.name !== undefined || patch.aliases !== undefined)
    Object.assign(props, searchFields(patch.name ?? before.name, patch.aliases ?? before.aliases));
  const [row] = (await run(UPDATE_ENTITY, { key, props, at: meta.at, actor: meta.actor })) as { entity: EntityRow }[];
  const entity = (row as { entity: EntityRow }).entity;
  return { op: 'UPDATE_ENTITY', target: key, keys: [key], before, after: entity, entity };
}

async function doDelete(run: Run, key: string, expectedVersion: number): Promise<Effect> {
  const entity = await lockedAt(run, key, expectedVersion);
  const links = ((await run(ENTITY_LINKS, { key })) as { link: NonNullable<EntitySnapshot['links']>[number] }[]).map((row) => row.link);
  await run(DELETE_ENTITY, { key });
  return { op: 'DELETE_ENTITY', target: key, keys: [key], before: { ...entity, links }, after: null, entity: null };
}

/** Puts a deleted entity back, with every link whose other end still exists. */
async function doRestore(run: Run, meta: WriteMeta, snapshot: EntitySnapshot): Promise<Effect> {
  const effect = await doCreate(run, meta, snapshot, snapshot.version + 1);
  for (const link of snapshot.links ?? []) {
    if (!isRelationType(link.type)) continue;
    await run(mergeLink(link.type), { from: link.from, to: link.to, props: link.props });
  }
  return effect;
}

async function doLink(run: Run, meta: WriteMeta, input: LinkInput): Promise<Effect> {
  const { from, to, type } = input;
  if (from === to) throw rejected('BAD_USER_INPUT', 'An entity cannot be linked to itself.');
  const rows = (await run(ENDPOINT_KINDS, { keys: [from, to] })) as { key: string; kind: EntityKind }[];
  const kindOf = new Map(rows.map((row) => [row.key, row.kind]));
  const [fromKind, toKind] = [kindOf.get(from), kindOf.get(to)];
  const missing = [from, to].filter((key) => !kindOf.has(key));
  if (!fromKind || !toKind) throw rejected('NOT_FOUND', `No entity has the key ${missing.map((key) => `"${key}"`).join(' or ')}.`);
  const spec = RELATION_SPECS[type];
  if (!(spec.from as readonly string[]).includes(fromKind) || !(spec.to as readonly string[]).includes(toKind)) {
    throw rejected(
      'BAD_USER_INPUT',
      `${type} links ${spec.from.join('/')} to ${spec.to.join('/')}; "${from}" is ${fromKind} and "${to}" is ${toKind}.`,
    );
  }
  if (input.sources.length === 0) throw rejected('BAD_USER_INPUT', 'A link must cite at least one source.');
  await requireSources(run, input.sources);
  const props = { ...linkProps(input), seeded: false, changeId: meta.changeId, createdBy: meta.actor, createdAt: meta.at };
  const [row] = (await run(mergeLink(type), { from, to, props })) as { created: boolean }[];
  if (!row?.created) throw rejected('BAD_USER_INPUT', `"${from}" is already ${type} "${to}"; unlink it first to change it.`);
  const relation = { ...linkKey(input), ...linkProps(input), createdBy: meta.actor };
  return { op: 'LINK', target: linkTarget(input), keys: [from, to], before: null, after: relation, relation };
}

/** Removes a link; with `madeBy`, only the one that change made (see deleteLink). */
async function doUnlink(run: Run, link: LinkKey, madeBy = ''): Promise<Effect> {
  const rows = await run(deleteLink(link.type), { from: link.from, to: link.to, changeId: madeBy });
  const [row] = rows as { props: Record<string, unknown>; deleted: boolean }[];
  if (!row) throw rejected('NOT_FOUND', `There is no ${link.type} link from "${link.from}" to "${link.to}".`);
  if (!row.deleted) {
    const by = row.props.createdBy ? ` by ${row.props.createdBy}` : '';
    throw rejected('CONFLICT', `The ${link.type} link from "${link.from}" to "${link.to}" was made again since${by}; unlink it instead.`);
  }
  const relation = relationOf(link, row.props);
  return { op: 'UNLINK', target: linkTarget(link), keys: [link.from, link.to], before: relation, after: null, relation };
}

const linkProps = ({ basis, scope, evidence, section, sources }: LinkInput) => ({ basis, scope, evidence, section, sources });
const linkKey = ({ from, to, type }: LinkKey): LinkKey => ({ from, to, type });
/** How a link is named as a Change target (the seed looks links up by it too). */
export const linkTarget = ({ from, to, type }: LinkKey) => `${from} ${type} ${to}`;

function relationOf(link: LinkKey, props: Record<string, unknown>): RelationRow {
  return {
    ...link,
    basis: props.basis as Basis,
    scope: (props.scope as Scope | undefined) ?? 'ENTITY',
    evidence: String(props.evidence ?? ''),
    section: String(props.section ?? ''),
    // Links from before sources existed rest on the article, then the only source.
    sources: (props.sources as string[] | undefined) ?? [LEGACY_SOURCE],
    createdBy: (props.createdBy as string | undefined) ?? (props.seeded ? 'seed' : null),
  };
}

async function doAddSource(run: Run, meta: WriteMeta, input: SourceInput): Promise<Effect> {
  const [exists] = (await run(MISSING_SOURCES, { keys: [input.key] })) as { missing: string[] }[];
  if (exists?.missing.length === 0) throw rejected('BAD_USER_INPUT', `The source key "${input.key}" is already taken.`);
  const props = { ...input, seeded: false, createdBy: meta.actor, createdAt: meta.at };
  const [row] = (await run(CREATE_SOURCE, { props })) as { source: SourceRow }[];
  const source = (row as { source: SourceRow }).source;
  return { op: 'ADD_SOURCE', target: input.key, keys: [input.key], before: null, after: source, source };
}

/** Only the revert of an addSource removes a source, and only while nothing cites it. */
async function doRemoveSource(run: Run, key: string): Promise<Effect> {
  const [cited] = (await run(SOURCE_CITATIONS, { key })) as { citations: number }[];
  if (Number(cited?.citations ?? 0) > 0) {
    throw rejected('CONFLICT', `The source "${key}" is still cited (${cited?.citations} links or entities); remove those citations first.`);
  }
  const [row] = (await run(DELETE_SOURCE, { key })) as { source: SourceRow }[];
  if (!row) throw rejected('NOT_FOUND', `No source has the key "${key}".`);
  return { op: 'REMOVE_SOURCE', target: key, keys: [key], before: row.source, after: null };
}

export const createEntity = (graph: Graph, actor: string, input: EntityInput) =>
  write(graph, actor, (run, meta) => doCreate(run, meta, input));

export const updateEntity = (graph: Graph, actor: string, key: string, expectedVersion: number, patch: EntityPatch) =>
  write(graph, actor, (run, meta) => doUpdate(run, meta, key, expectedVersion, patch));

export const deleteEntity = (graph: Graph, actor: string, key: string, expectedVersion: number) =>
  write(graph, actor, (run) => doDelete(run, key, expectedVersion));

export const linkEntities = (graph: Graph, actor: string, input: LinkInput) => write(graph, actor, (run, meta) => doLink(run, meta, input));

export const unlinkEntities = (graph: Graph, actor: string, link: LinkKey) => write(graph, actor, (run) => doUnlink(run, link));

export const addSource = (graph: Graph, actor: string, input: SourceInput) =>
  write(graph, actor, (run, meta) => doAddSource(run, meta, input));

/**
 * Applies the inverse of change `id` as a new change. Versions are checked as for any write: a
 * revert of an entity someone changed since fails with CONFLICT instead of undoing their work.
 */
export async function revertChange(graph: Graph, actor: string, id: string): Promise<WriteResult> {
  const original = await changeById(graph, id);
  if (!original) throw rejected('NOT_FOUND', `No change has the id "${id}".`);
  const before = original.before ? JSON.parse(original.before) : null;
  const after = original.after ? JSON.parse(original.after) : null;
  return write(
    graph,
    actor,
    (run, meta) => {
      switch (original.op as Op) {
        case 'CREATE_ENTITY':
          return doDelete(run, after.key, after.version);
        case 'UPDATE_ENTITY':
          return doUpdate(run, meta, after.key, after.version, {
            name: before.name,
            summary: before.summary,
            aliases: before.aliases,
            sections: before.sections,
            sources: before.sources,
          });
        case 'DELETE_ENTITY':
          return doRestore(run, meta, before);
        case 'LINK':
          return doUnlink(run, after, id);
        case 'UNLINK':
          return doLink(run, meta, { sources: [LEGACY_SOURCE], ...before });
        case 'ADD_SOURCE':
          return doRemoveSource(run, after.key);
        case 'REMOVE_SOURCE':
          return doAddSource(run, meta, before);
      }
    },
    id,
  );
}

export async function changeById(graph: Graph, id: string): Promise<ChangeRow | null> {
  const [row] = await graph.read<{ change: ChangeRow }>(CHANGE_BY_ID, { id });
  return row?.change ?? null;
}

export interface ChangeCursor {
  at: string;
  id: string;
}

/** The keyset cursor as parameters, '' when paging starts (one parameter type, one plan: see ANY). */
const changeCursor = (after: ChangeCursor | null) => ({ afterAt: after?.at ?? ANY.text, afterId: after?.id ?? ANY.text });

export async function history(graph: Graph, key: string, after: ChangeCursor | null, limit: number) {
  const rows = await graph.read<{ change: ChangeRow }>(HISTORY, { key, ...changeCursor(after), limit });
  return rows.map((row) => row.change);
}

export async function changesSince(graph: Graph, since: string | null, after: ChangeCursor | null, limit: number) {
  const rows = await graph.read<{ change: ChangeRow }>(CHANGES, { since: since ?? ANY.text, ...changeCursor(after), limit });
  return rows.map((row) => row.change);
}
