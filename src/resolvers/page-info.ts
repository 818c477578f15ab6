/** Relay page info for a keyset page: `fetched` holds one row more than shown when another page exists. */
export function pageInfo<T extends { cursor: string }>(shown: T[], fetchedCount: number, first: number, after: string | null) {
  return {
    hasNextPage: fetchedCount > first,
    hasPreviousPage: after !== null,
    startCursor: shown[0]?.cursor ?? null,
    endCursor: shown.at(-1)?.cursor ?? null,
  };
}

export type PageInfoShape = ReturnType<typeof pageInfo>;
