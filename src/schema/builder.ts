import SchemaBuilder from '@pothos/core';
import DataloaderPlugin from '@pothos/plugin-dataloader';
import ErrorsPlugin from '@pothos/plugin-errors';
import RelayPlugin, { decodeGlobalID } from '@pothos/plugin-relay';
import ValidationPlugin from '@pothos/plugin-validation';
import { createGraphQLError } from 'graphql-yoga';
import type { Context } from '../context.js';

/** The one set of type parameters every schema file shares. */
export interface PothosTypes {
  Context: Context;
  DefaultFieldNullability: false;
  DefaultInputFieldRequiredness: true;
}

/** Holds no types: each file under src/schema/ adds its own, and index.ts assembles them. */
export const builder = new SchemaBuilder<PothosTypes>({
  // The errors plugin must come before the dataloader plugin.
  plugins: [ErrorsPlugin, RelayPlugin, ValidationPlugin, DataloaderPlugin],
  defaultFieldNullability: false,
  defaultInputFieldRequiredness: true,
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    // A malformed global id is the caller's mistake: say so with a code instead of a masked error.
    decodeGlobalID: (globalID) => {
      try {
        const decoded = decodeGlobalID(globalID);
        if (decoded.typename && decoded.id) return decoded;
      } catch {
        // fall through to the coded error
      }
      throw createGraphQLError(`"${globalID.slice(0, 60)}" is not a valid id.`, { extensions: { code: 'BAD_USER_INPUT' } });
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

builder.queryType({});
