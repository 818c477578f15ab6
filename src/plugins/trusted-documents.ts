import { readFileSync } from 'node:fs';
import { usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import type { Plugin } from 'graphql-yoga';

/**
 * Trusted-documents mode: only operations listed in a JSON file (`{ "<id>": "<document>" }`)
 * run, requested by id as `extensions.persistedQuery.sha256Hash` or `documentId`.
 */
export function useTrustedDocuments(file: string): Plugin {
  const store = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
  return usePersistedOperations({
    allowArbitraryOperations: false,
    getPersistedOperation: (id) => (Object.hasOwn(store, id) ? (store[id] as string) : null),
  }) as Plugin;
}
