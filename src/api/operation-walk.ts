/**
 * Walks the fields an operation selects, with each field's definition, its
 * argument values (variables substituted and coerced, defaults applied) and
 * how many times it would resolve given the list sizes above it. The cost and
 * input-limit checks share it, so both see variables, not only literals.
 */
import { getArgumentValues, getNamedType, getNullableType, isCompositeType, isListType, Kind } from 'graphql';
import type {
  FieldNode,
  FragmentDefinitionNode,
  GraphQLCompositeType,
  GraphQLField,
  GraphQLNamedType,
  GraphQLSchema,
  OperationDefinitionNode,
  SelectionSetNode,
} from 'graphql';

export interface VisitedField {
  /** `Type.field`, e.g. `Query.blastRadius`. */
  coordinate: string;
  /** Response path of the field, e.g. `a.nodes.facilities` (aliases as written). */
  path: string;
  field: GraphQLField<unknown, unknown>;
  args: Record<string, unknown>;
  /** How many times the field resolves: the product of the list sizes of its ancestors. */
  multiplicity: number;
  /** The arguments of the field this one is selected on (a connection's `first` sizes its `nodes`). */
  parentArgs: Record<string, unknown>;
  /** The named type the field returns. */
  returns: GraphQLNamedType;
  /** True when the field returns a list. */
  isList: boolean;
}

/** How many items a list field returns at most, from its arguments (or an estimate); the walker multiplies. */
export type ListSize = (field: VisitedField) => number;

/** The field definition of `name` on a composite type (object, interface; unions have none). */
function fieldOf(type: GraphQLCompositeType, name: string): GraphQLField<unknown, unknown> | undefined {
  return 'getFields' in type ? type.getFields()[name] : undefined;
}

export function walkOperation(options: {
  schema: GraphQLSchema;
  operation: OperationDefinitionNode;
  fragments: Record<string, FragmentDefinitionNode>;
  /** Coerced variable values (graphql `getVariableValues`). */
  variables: Record<string, unknown>;
  listSize: ListSize;
  visit(field: VisitedField): void;
}): void {
  const { schema, fragments, variables, listSize } = options;
  const visit = (f: VisitedField) => options.visit(f);
  const root = schema.getRootType(options.operation.operation);
  if (!root) return;

  const walk = (set: SelectionSetNode, parent: GraphQLCompositeType, path: string, multiplicity: number, seen: ReadonlySet<string>, parentArgs: Record<string, unknown>) => {
    for (const sel of set.selections) {
      if (sel.kind === Kind.INLINE_FRAGMENT) {
        const cond = sel.typeCondition ? schema.getType(sel.typeCondition.name.value) : parent;
        if (cond && isCompositeType(cond)) walk(sel.selectionSet, cond, path, multiplicity, seen, parentArgs);
      } else if (sel.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments[sel.name.value];
        if (!fragment || seen.has(fragment.name.value)) continue;
        const cond = schema.getType(fragment.typeCondition.name.value);
        if (cond && isCompositeType(cond)) walk(fragment.selectionSet, cond, path, multiplicity, new Set([...seen, fragment.name.value]), parentArgs);
      } else {
        visitField(sel, parent, path, multiplicity, seen, parentArgs);
      }
    }
  };

  const visitField = (node: FieldNode, parent: GraphQLCompositeType, path: string, multiplicity: number, seen: ReadonlySet<string>, parentArgs: Record<string, unknown>) => {
    if (node.name.value.startsWith('__')) return;
    const field = fieldOf(parent, node.name.value);
    if (!field) return;
    let args: Record<string, unknown>;
    try {
      args = getArgumentValues(field, node, variables);
    } catch {
      return; // invalid arguments: execution reports them as BAD_USER_INPUT
    }
    const returns = getNamedType(field.type);
    const visited: VisitedField = {
      coordinate: `${parent.name}.${field.name}`,
      path: path ? `${path}.${node.alias?.value ?? node.name.value}` : (node.alias?.value ?? node.name.value),
      field,
      args,
      parentArgs,
      multiplicity,
      returns,
      isList: isListType(getNullableType(field.type)),
    };
    visit(visited);
    if (node.selectionSet && isCompositeType(returns)) {
      const size = visited.isList ? Math.max(0, listSize(visited)) : 1;
      walk(node.selectionSet, returns, visited.path, multiplicity * size, seen, args);
    }
  };

  walk(options.operation.selectionSet, root, '', 1, new Set(), {});
}

/** The fragments of a document by name. */
export function fragmentsOf(definitions: readonly { kind: Kind }[]): Record<string, FragmentDefinitionNode> {
  const out: Record<string, FragmentDefinitionNode> = {};
  for (const def of definitions) {
    if (def.kind === Kind.FRAGMENT_DEFINITION) {
      const fragment = def as FragmentDefinitionNode;
      out[fragment.name.value] = fragment;
    }
  }
  return out;
}

