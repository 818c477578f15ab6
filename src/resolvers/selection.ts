import { type FieldNode, type FragmentDefinitionNode, type GraphQLResolveInfo, Kind, type SelectionSetNode } from 'graphql';

/**
 * Reading the client's selection ahead of resolving it, so resolvers fetch only what is asked:
 * a relations page counts all matching relationships only when `totalCount` is selected, and
 * ships edge details and whole nodes only when a field needs them.
 */

type Fragments = Record<string, FragmentDefinitionNode>;

/** A selected field with the type conditions of the fragments it sits in, outermost first. */
interface Selected {
  node: FieldNode;
  conditions: string[];
}

/** Every field directly under `nodes`, through every fragment: the one walk the helpers below share. */
function selectedFields(nodes: readonly FieldNode[], fragments: Fragments): Selected[] {
  const found: Selected[] = [];
  const walk = (set: SelectionSetNode, conditions: string[]) => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) found.push({ node: selection, conditions });
      else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const condition = selection.typeCondition?.name.value;
        walk(selection.selectionSet, condition ? [...conditions, condition] : conditions);
      } else {
        const fragment = fragments[selection.name.value];
        if (fragment) walk(fragment.selectionSet, [...conditions, fragment.typeCondition.name.value]);
      }
    }
  };
  for (const node of nodes) if (node.selectionSet) walk(node.selectionSet, []);
  return found;
}

/**
 * The `field` nodes selected under the field being resolved whatever the type of its value:
 * directly, or in fragments without a type condition or on `onType`. Fields inside fragments
 * on one concrete type apply only to some values, so they are left out.
 */
export function unconditionalFields(info: GraphQLResolveInfo, field: string, onType: string): FieldNode[] {
  return selectedFields(info.fieldNodes, info.fragments)
    .filter(({ node, conditions }) => node.name.value === field && conditions.every((condition) => condition === onType))
    .map(({ node }) => node);
}

/** The fields named `name` directly under `nodes`, through every fragment. */
export function subfields(nodes: readonly FieldNode[], name: string, fragments: Fragments): FieldNode[] {
  return selectedFields(nodes, fragments)
    .map(({ node }) => node)
    .filter((node) => node.name.value === name);
}

/** The names of the fields directly under `nodes`, through every fragment. */
export function fieldNames(nodes: readonly FieldNode[], fragments: Fragments): Set<string> {
  return new Set(selectedFields(nodes, fragments).map(({ node }) => node.name.value));
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
  return selectedFields(nodes, fragments).map(({ node, conditions }) => ({ parentType: conditions.at(-1), node }));
}
