/**
 * Query cost limits: a validation rule that rejects documents nested deeper
 * than MAX_DEPTH (fragments followed), before anything runs. Page sizes and
 * walk depths are bounded where they are read (node-lists, graph-reads).
 */
import { GraphQLError, Kind } from 'graphql';
import { TooComplexError } from '../errors';
import type { ASTVisitor, FragmentDefinitionNode, SelectionSetNode, ValidationContext } from 'graphql';

export const MAX_DEPTH = 12;

function depthOf(
  set: SelectionSetNode | undefined,
  fragments: Record<string, FragmentDefinitionNode>,
  seen: Set<string>,
): number {
  if (!set) return 0;
  let max = 0;
  for (const sel of set.selections) {
    if (sel.kind === Kind.FIELD) {
      if (sel.name.value.startsWith('__')) continue;
      max = Math.max(max, 1 + depthOf(sel.selectionSet, fragments, seen));
    } else if (sel.kind === Kind.INLINE_FRAGMENT) {
      max = Math.max(max, depthOf(sel.selectionSet, fragments, seen));
    } else {
      const name = sel.name.value;
      const fragment = fragments[name];
      if (!fragment || seen.has(name)) continue;
      max = Math.max(max, depthOf(fragment.selectionSet, fragments, new Set([...seen, name])));
    }
  }
  return max;
}

export function depthLimitRule(context: ValidationContext): ASTVisitor {
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const def of context.getDocument().definitions) {
    if (def.kind === Kind.FRAGMENT_DEFINITION) fragments[def.name.value] = def;
  }
  return {
    OperationDefinition(node) {
      const depth = depthOf(node.selectionSet, fragments, new Set());
      if (depth > MAX_DEPTH) {
        const message = `query is nested ${depth} levels deep; the limit is ${MAX_DEPTH}`;
        context.reportError(new GraphQLError(message, { nodes: [node], originalError: new TooComplexError(message) }));
      }
    },
  };
}
