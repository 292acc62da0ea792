// What a query selects below the field being resolved, read from its resolve info, so a loader can
// leave out work nobody asked for (counting a list, joining an entity or article no field shows).
import { Kind, type FieldNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/**
 * The fields named `name` directly in these selection sets, fragments included. Fragment type
 * conditions and @skip/@include are not evaluated: a field that might be selected counts as selected,
 * so the answer errs towards doing the work.
 */
function fieldsNamed(sets: readonly SelectionSetNode[], name: string, info: GraphQLResolveInfo): FieldNode[] {
  const found: FieldNode[] = [];
  const visit = (set: SelectionSetNode | undefined) => {
    for (const selection of set?.selections ?? []) {
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value === name) found.push(selection);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        visit(selection.selectionSet);
      } else {
        visit(info.fragments[selection.name.value]?.selectionSet);
      }
    }
  };
  sets.forEach(visit);
  return found;
}

/**
 * Whether the query selects the path of field names below the field being resolved, e.g.
 * selects(info, 'totalCount') on a connection, or selects(info, 'edges', 'node', 'object').
 */
export function selects(info: GraphQLResolveInfo, ...path: readonly string[]): boolean {
  let sets = info.fieldNodes.flatMap((node) => (node.selectionSet ? [node.selectionSet] : []));
  for (const name of path) {
    const fields = fieldsNamed(sets, name, info);
    if (fields.length === 0) return false;
    sets = fields.flatMap((field) => (field.selectionSet ? [field.selectionSet] : []));
  }
  return true;
}

/**
 * The field nodes reached by the path of field names below the field being resolved (fragments
 * included, as selects does), e.g. fieldsAt(info, 'edges', 'node', 'object', 'claims').
 */
export function fieldsAt(info: GraphQLResolveInfo, ...path: readonly string[]): FieldNode[] {
  let fields: FieldNode[] = [...info.fieldNodes];
  for (const name of path) {
    fields = fieldsNamed(fields.flatMap((field) => (field.selectionSet ? [field.selectionSet] : [])), name, info);
  }
  return fields;
}

/** The names of the fields selected directly in these field nodes' selection sets (fragments included). */
export function selectedFieldNames(fields: readonly FieldNode[], info: GraphQLResolveInfo): Set<string> {
  const names = new Set<string>();
  const visit = (set: SelectionSetNode | undefined) => {
    for (const selection of set?.selections ?? []) {
      if (selection.kind === Kind.FIELD) names.add(selection.name.value);
      else if (selection.kind === Kind.INLINE_FRAGMENT) visit(selection.selectionSet);
      else visit(info.fragments[selection.name.value]?.selectionSet);
    }
  };
  fields.forEach((field) => visit(field.selectionSet));
  return names;
}
