import { type GraphQLResolveInfo, Kind, type SelectionSetNode } from 'graphql';

/**
 * Whether the client selected `field` directly under the field being resolved (through inline
 * fragments and named fragments too), so resolvers fetch only what is asked: e.g. a relations
 * page counts all matching relationships only when `totalCount` is selected.
 */
export function selects(info: GraphQLResolveInfo, field: string): boolean {
  return info.fieldNodes.some((node) => node.selectionSet !== undefined && inSet(node.selectionSet, field, info));
}

function inSet(set: SelectionSetNode, field: string, info: GraphQLResolveInfo): boolean {
  return set.selections.some((selection) => {
    if (selection.kind === Kind.FIELD) return selection.name.value === field;
    if (selection.kind === Kind.INLINE_FRAGMENT) return inSet(selection.selectionSet, field, info);
    const fragment = info.fragments[selection.name.value];
    return fragment !== undefined && inSet(fragment.selectionSet, field, info);
  });
}
