import { type FieldNode, type FragmentDefinitionNode, type GraphQLResolveInfo, Kind, type SelectionSetNode } from 'graphql';

type Fragments = Record<string, FragmentDefinitionNode>;

/**
 * Whether the client selected `field` directly under the field being resolved (through inline
 * fragments and named fragments too), so resolvers fetch only what is asked: e.g. a relations
 * page counts all matching relationships only when `totalCount` is selected.
 */
export function selects(info: GraphQLResolveInfo, field: string): boolean {
  return info.fieldNodes.some((node) => selectsUnder(node, field, info.fragments));
}

/** Like `selects`, under any field node of the document. */
export function selectsUnder(node: FieldNode, field: string, fragments: Fragments): boolean {
  return node.selectionSet !== undefined && inSet(node.selectionSet, field, fragments);
}

function inSet(set: SelectionSetNode, field: string, fragments: Fragments): boolean {
  return set.selections.some((selection) => {
    if (selection.kind === Kind.FIELD) return selection.name.value === field;
    if (selection.kind === Kind.INLINE_FRAGMENT) return inSet(selection.selectionSet, field, fragments);
    const fragment = fragments[selection.name.value];
    return fragment !== undefined && inSet(fragment.selectionSet, field, fragments);
  });
}

/**
 * The `field` nodes selected under the field being resolved whatever the type of its value:
 * directly, or in fragments without a type condition or on `onType`. Fields inside fragments
 * on one concrete type apply only to some values, so they are left out.
 */
export function unconditionalFields(info: GraphQLResolveInfo, field: string, onType: string): FieldNode[] {
  const found: FieldNode[] = [];
  const applies = (condition: string | undefined) => condition === undefined || condition === onType;
  const walk = (set: SelectionSetNode) => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value === field) found.push(selection);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        if (applies(selection.typeCondition?.name.value)) walk(selection.selectionSet);
      } else {
        const fragment = info.fragments[selection.name.value];
        if (fragment && applies(fragment.typeCondition.name.value)) walk(fragment.selectionSet);
      }
    }
  };
  for (const node of info.fieldNodes) if (node.selectionSet) walk(node.selectionSet);
  return found;
}
