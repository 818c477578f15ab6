import { type FieldNode, type FragmentDefinitionNode, type GraphQLResolveInfo, Kind, type SelectionSetNode } from 'graphql';

/**
 * Reading the client's selection ahead of resolving it, so resolvers fetch only what is asked:
 * a relations page counts all matching relationships only when `totalCount` is selected, and
 * ships edge details and whole nodes only when a field needs them.
 */

type Fragments = Record<string, FragmentDefinitionNode>;

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

/** The fields named `name` directly under `nodes`, through every fragment. */
export function subfields(nodes: readonly FieldNode[], name: string, fragments: Fragments): FieldNode[] {
  return directFields(nodes, fragments).filter((node) => node.name.value === name);
}

/** The names of the fields directly under `nodes`, through every fragment. */
export function fieldNames(nodes: readonly FieldNode[], fragments: Fragments): Set<string> {
  return new Set(directFields(nodes, fragments).map((node) => node.name.value));
}

function directFields(nodes: readonly FieldNode[], fragments: Fragments): FieldNode[] {
  const found: FieldNode[] = [];
  const walk = (set: SelectionSetNode) => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) found.push(selection);
      else if (selection.kind === Kind.INLINE_FRAGMENT) walk(selection.selectionSet);
      else {
        const fragment = fragments[selection.name.value];
        if (fragment) walk(fragment.selectionSet);
      }
    }
  };
  for (const node of nodes) if (node.selectionSet) walk(node.selectionSet);
  return found;
}

/** Entity fields answered from key, name and kind alone (an entity's own relations need only its key). */
const KEY_NAME_KIND_FIELDS = new Set(['__typename', 'id', 'key', 'name', 'kind', 'relations']);

/** Whether the entities selected as `nodes` need nothing beyond key, name and kind (no nodes: nothing). */
export function needsOnlyKeyNameKind(nodes: readonly FieldNode[], fragments: Fragments): boolean {
  return [...fieldNames(nodes, fragments)].every((name) => KEY_NAME_KIND_FIELDS.has(name));
}

/** The fields reached from the field being resolved by following `path`, e.g. `fieldsAt(info, 'steps', 'from')`. */
export function fieldsAt(info: GraphQLResolveInfo, ...path: string[]): FieldNode[] {
  return path.reduce<readonly FieldNode[]>((nodes, name) => subfields(nodes, name, info.fragments), info.fieldNodes) as FieldNode[];
}

/**
 * The fields directly under `nodes`, through every fragment, each with the type condition of
 * the innermost fragment selecting it (undefined when none does: the field's own type).
 */
export function fieldsByParentType(nodes: readonly FieldNode[], fragments: Fragments): { parentType?: string; node: FieldNode }[] {
  const found: { parentType?: string; node: FieldNode }[] = [];
  const walk = (set: SelectionSetNode, parentType: string | undefined) => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) found.push({ parentType, node: selection });
      else if (selection.kind === Kind.INLINE_FRAGMENT) walk(selection.selectionSet, selection.typeCondition?.name.value ?? parentType);
      else {
        const fragment = fragments[selection.name.value];
        if (fragment) walk(fragment.selectionSet, fragment.typeCondition.name.value);
      }
    }
  };
  for (const node of nodes) if (node.selectionSet) walk(node.selectionSet, undefined);
  return found;
}
