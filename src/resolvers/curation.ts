import { createGraphQLError } from 'graphql-yoga';
import type { Context } from '../context.js';
import * as curation from '../graph/curation.js';
import { WriteRejectedError } from '../graph/errors.js';
import { createLoaders } from '../graph/loaders.js';
import type { Scope } from '../graph/vocabulary.js';
import { LIMITS } from '../limits.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { pageInfo } from './page-info.js';

/**
 * Curated writes and their history. Who may call what is declared on the fields (scope-auth);
 * here the actor is known. Every write is followed, after its commit, by fresh loaders (so the
 * rest of this request never reads data older than the write) and a live event.
 */

type Write = Promise<curation.WriteResult>;

function actorOf(ctx: Context): string {
  // Scope checks ran before any resolver here: a write without an actor is a wiring bug.
  if (!ctx.actor) throw new Error('curated write without an authenticated actor');
  return ctx.actor.id;
}

async function committed(ctx: Context, write: Write) {
  let result: curation.WriteResult;
  try {
    result = await write;
  } catch (error) {
    if (error instanceof WriteRejectedError) {
      throw createGraphQLError(error.message, { extensions: { code: error.code, ...error.details } });
    }
    throw error;
  }
  ctx.loaders = createLoaders(ctx.graph, ctx.stats);
  ctx.feed.publish('graphChanged', result.change);
  return result;
}

/** What a curated entity or link cites when the input names no source: the article. */
export const DEFAULT_SOURCES = ['article'];
/** What a curated link's evidence speaks of when the input does not say: the entity itself. */
export const DEFAULT_SCOPE = 'ENTITY' satisfies Scope;

/** GraphQL inputs give absent optional fields as null or undefined; the graph layer takes neither. */
type Nullable<T> = { [K in keyof T]?: T[K] | null };

export const createEntity = (
  ctx: Context,
  input: Omit<curation.EntityInput, 'aliases' | 'sections' | 'sources'> & Nullable<curation.EntityInput>,
) =>
  committed(
    ctx,
    curation.createEntity(ctx.graph, actorOf(ctx), {
      ...input,
      aliases: input.aliases ?? [],
      sections: input.sections ?? [],
      sources: input.sources ?? [...DEFAULT_SOURCES],
    }),
  );

/** Only the fields given change. */
export const updateEntity = (ctx: Context, key: string, expectedVersion: number, input: Nullable<Required<curation.EntityPatch>>) => {
  const patch = Object.fromEntries(Object.entries(input).filter(([, value]) => value != null)) as curation.EntityPatch;
  return committed(ctx, curation.updateEntity(ctx.graph, actorOf(ctx), key, expectedVersion, patch));
};

export const deleteEntity = (ctx: Context, key: string, expectedVersion: number) =>
  committed(ctx, curation.deleteEntity(ctx.graph, actorOf(ctx), key, expectedVersion));

/** A link cites one source through this API (`source`); the graph layer takes a list. */
export const linkEntities = (
  ctx: Context,
  { source, scope, ...input }: Omit<curation.LinkInput, 'scope' | 'sources'> & { scope?: Scope | null; source: string },
) => committed(ctx, curation.linkEntities(ctx.graph, actorOf(ctx), { ...input, scope: scope ?? DEFAULT_SCOPE, sources: [source] }));

export const unlinkEntities = (ctx: Context, link: curation.LinkKey) =>
  committed(ctx, curation.unlinkEntities(ctx.graph, actorOf(ctx), link));

export const addSource = (ctx: Context, input: Pick<curation.SourceInput, 'key' | 'title'> & Nullable<curation.SourceInput>) =>
  committed(
    ctx,
    curation.addSource(ctx.graph, actorOf(ctx), {
      ...input,
      author: input.author ?? null,
      url: input.url ?? null,
      published: input.published ?? null,
    }),
  );

export const revertChange = (ctx: Context, id: string) => committed(ctx, curation.revertChange(ctx.graph, actorOf(ctx), id));

const changeCursor = (change: curation.ChangeRow) => encodeCursor('change', `${change.at}|${change.id}`);

function decodeChangeCursor(after: string | null | undefined): curation.ChangeCursor | null {
  const sortKey = decodeCursor('change', after);
  if (sortKey === null) return null;
  const [at = '', id = ''] = sortKey.split('|');
  return { at, id };
}

async function changePage(
  first: number | null | undefined,
  after: string | null | undefined,
  fetch: (cursor: curation.ChangeCursor | null, limit: number) => Promise<curation.ChangeRow[]>,
) {
  const size = first ?? LIMITS.changes.default;
  const rows = await fetch(decodeChangeCursor(after), size + 1);
  const edges = rows.slice(0, size).map((node) => ({ cursor: changeCursor(node), node }));
  return { edges, pageInfo: pageInfo(edges, rows.length, size, after ?? null) };
}

export type ChangeConnectionShape = Awaited<ReturnType<typeof changePage>>;

/** Changes that touched `key`, newest first. */
export const history = (ctx: Context, key: string, first?: number | null, after?: string | null) =>
  changePage(first, after, (cursor, limit) => curation.history(ctx.graph, key, cursor, limit));

/**
 * Changes at or after `since` (ISO time), oldest first. Stored times always carry milliseconds
 * and compare as text, so `since` is written the same way first (…:03Z is …:03.000Z).
 */
export const changes = (ctx: Context, since: string | null | undefined, first?: number | null, after?: string | null) =>
  changePage(first, after, (cursor, limit) =>
    curation.changesSince(ctx.graph, since ? new Date(since).toISOString() : null, cursor, limit),
  );

/** The entity at either end of a relationship, read after the write. */
export const relationEnd = (ctx: Context, key: string) => ctx.loaders.entity.load(key);
