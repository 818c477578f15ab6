/**
 * Relay page info for a keyset page: `fetched` holds one row more than shown when another page
 * exists. `cursorOf` defaults to each item's own `cursor`; pages that encode cursors only when
 * a client selects them (relations) pass how to make one.
 */
export function pageInfo<T>(
  shown: T[],
  fetchedCount: number,
  first: number,
  after: string | null,
  cursorOf: (item: T) => string = (item) => (item as { cursor: string }).cursor,
) {
  const [start, end] = [shown[0], shown.at(-1)];
  return {
    hasNextPage: fetchedCount > first,
    hasPreviousPage: after !== null,
    startCursor: start === undefined ? null : cursorOf(start),
    endCursor: end === undefined ? null : cursorOf(end),
  };
}

export type PageInfoShape = ReturnType<typeof pageInfo>;
