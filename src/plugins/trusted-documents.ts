import { readFileSync } from 'node:fs';
import { defaultExtractPersistedOperationId, usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import type { GraphQLParams, Plugin } from 'graphql-yoga';

/** TRUSTED_DOCUMENTS_FILE cannot be read or is not `{ "<id>": "<document>" }`: an expected start-up error. */
export class TrustedDocumentsError extends Error {
  override name = 'TrustedDocumentsError';
}

/**
 * Trusted-documents mode: only operations listed in a JSON file (`{ "<id>": "<document>" }`)
 * run, requested by id as `extensions.persistedQuery.sha256Hash` or as the top-level `documentId`
 * (GraphQL-over-HTTP persisted documents; a body field for POST, a query parameter for GET).
 * The file is read and checked when the plugin is created, so a bad file stops start-up.
 */
export function useTrustedDocuments(file: string): Plugin {
  const store = loadTrustedDocuments(file);
  return usePersistedOperations({
    allowArbitraryOperations: false,
    extractPersistedOperationId: extractDocumentId,
    getPersistedOperation: (id) => store.get(id) ?? null,
  }) as Plugin;
}

function extractDocumentId(params: GraphQLParams, request: Request): string | null {
  const fromExtensions = defaultExtractPersistedOperationId(params, request, {});
  if (fromExtensions !== null) return fromExtensions;
  const documentId = (params as GraphQLParams & { documentId?: unknown }).documentId;
  if (typeof documentId === 'string' && documentId) return documentId;
  // Yoga's GET parser keeps only the four standard parameters, so read `documentId` from the URL.
  return request.method === 'GET' ? new URL(request.url).searchParams.get('documentId') || null : null;
}

export function loadTrustedDocuments(file: string): Map<string, string> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new TrustedDocumentsError(`TRUSTED_DOCUMENTS_FILE ${file} cannot be read as JSON: ${reason}`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    const found = Array.isArray(parsed) ? 'an array' : parsed === null ? 'null' : `a ${typeof parsed}`;
    throw new TrustedDocumentsError(`TRUSTED_DOCUMENTS_FILE ${file} must hold a JSON object { "<id>": "<document>" }, not ${found}.`);
  }
  const store = new Map<string, string>();
  for (const [id, document] of Object.entries(parsed)) {
    if (typeof document !== 'string' || document.trim() === '') {
      throw new TrustedDocumentsError(
        `TRUSTED_DOCUMENTS_FILE ${file}: the value of "${id}" must be a non-empty string holding a GraphQL document.`,
      );
    }
    store.set(id, document);
  }
  return store;
}
