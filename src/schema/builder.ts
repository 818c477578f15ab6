import SchemaBuilder from '@pothos/core';
import ComplexityPlugin, { ComplexityErrorKind } from '@pothos/plugin-complexity';
import DataloaderPlugin from '@pothos/plugin-dataloader';
import RelayPlugin, { decodeGlobalID } from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import ValidationPlugin from '@pothos/plugin-validation';
import { getNamedType, getNullableType, isLeafType, isListType } from 'graphql';
import { createGraphQLError } from 'graphql-yoga';
import { z } from 'zod';
import { accessDenied } from '../auth/denied.js';
import { hasRole } from '../auth/tokens.js';
import type { Context } from '../context.js';
import { LIMITS } from '../limits.js';
import { KIND_BY_TYPE_NAME } from './type-names.js';

/** What a list of objects that names no size of its own (an entity's sources, a path's steps) is priced as. */
const UNPRICED_LIST_SIZE = 10;

/** The one set of type parameters every schema file shares. */
export interface PothosTypes {
  Context: Context;
  DefaultFieldNullability: false;
  DefaultInputFieldRequiredness: true;
  /** reader: may query (everyone unless READ_REQUIRES_AUTH); editor: curate; admin: also delete and revert. */
  AuthScopes: { reader: boolean; editor: boolean; admin: boolean };
}

/** Holds no types: each file under src/schema/ adds its own, and index.ts assembles them. */
export const builder = new SchemaBuilder<PothosTypes>({
  // Scope checks first: a caller without the right role learns that, not what is wrong with the arguments.
  plugins: [ScopeAuthPlugin, RelayPlugin, ValidationPlugin, ComplexityPlugin, DataloaderPlugin],
  scopeAuth: {
    authorizeOnSubscribe: true,
    authScopes: (ctx) => ({
      reader: !ctx.auth.readRequiresAuth || !!ctx.actor,
      editor: hasRole(ctx.actor, 'editor'),
      admin: hasRole(ctx.actor, 'admin'),
    }),
    unauthorizedError: (_parent, ctx, info, result) => accessDenied(ctx, result.failure, `${info.parentType.name}.${info.fieldName}`),
  },
  defaultFieldNullability: false,
  defaultInputFieldRequiredness: true,
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    // Each id is a lookup: price the list by its length and bound it like every other list.
    nodesQueryOptions: {
      description: `Entities by global id, in the same order; null where an id names nothing. At most ${LIMITS.nodeIds} ids.`,
      complexity: (args) => ({ field: 1, multiplier: Math.max(1, args.ids.length) }),
      args: { ids: { validate: z.array(z.unknown()).max(LIMITS.nodeIds, `at most ${LIMITS.nodeIds} ids per request`) } },
    },
    // A malformed global id is the caller's mistake: say so with a code instead of a masked error.
    decodeGlobalID: (globalID) => {
      try {
        const decoded = decodeGlobalID(globalID);
        // Only entity types and sources are nodes; any other type name is not an id this API issued.
        if ((KIND_BY_TYPE_NAME.has(decoded.typename) || decoded.typename === 'Source') && decoded.id) return decoded;
      } catch {
        // fall through to the coded error
      }
      throw createGraphQLError(`"${globalID.slice(0, 60)}" is not a valid id.`, { extensions: { code: 'BAD_USER_INPUT' } });
    },
  },
  // Checked before any root resolver runs. Fields that can fan out (pages, typed relationship
  // fields, search) price themselves by what they can really return; the rest cost as below.
  complexity: {
    fieldComplexity: (_args, _ctx, field) => {
      // A scalar or enum of an object already fetched costs nothing more.
      if (isLeafType(getNamedType(field.type))) return 0;
      return isListType(getNullableType(field.type)) ? { field: 1, multiplier: UNPRICED_LIST_SIZE } : 1;
    },
    limit: (ctx) => ctx.limits,
    complexityError: (kind, result) => {
      const depth = kind === ComplexityErrorKind.Depth;
      const [value, max] = depth ? [result.depth, result.maxDepth] : [result.complexity, result.maxComplexity];
      return createGraphQLError(`Query ${depth ? 'depth' : 'cost'} ${value} exceeds the maximum of ${max}.`, {
        extensions: { code: depth ? 'DEPTH_LIMIT_EXCEEDED' : 'COST_LIMIT_EXCEEDED', value, max },
      });
    },
  },
  validation: {
    validationError: (result) =>
      createGraphQLError(result.issues.map((issue) => `${issue.path?.map(pathKey).join('.') ?? ''}: ${issue.message}`).join('; '), {
        extensions: { code: 'BAD_USER_INPUT' },
      }),
  },
});

function pathKey(segment: PropertyKey | { key: PropertyKey }): string {
  return String(typeof segment === 'object' ? segment.key : segment);
}

// Reads are open unless READ_REQUIRES_AUTH; the scope covers every root query field.
builder.queryType({ authScopes: { reader: true } });
