/**
 * GraphQL documents from the `.graphql` files in ./operations: each file is
 * sent whole (with an operationName), followed by the shared fragments it uses,
 * found by following `...Name` spreads transitively. A document never carries
 * an unused fragment, which the server's validation would reject.
 */
import sharedFragments from './operations/fragments.graphql?raw';

const FRAGMENT_HEADER = /^fragment\s+(\w+)\s+on\s+\w+/gm;
const SPREAD = /\.\.\.\s*([A-Za-z_]\w*)/g;

/** Fragment name → its definition text, for every fragment in `source`. */
export function fragmentsIn(source: string): Map<string, string> {
  const starts = [...source.matchAll(FRAGMENT_HEADER)].map((m) => ({ name: m[1]!, index: m.index }));
  const out = new Map<string, string>();
  starts.forEach((start, i) => {
    // A definition runs to the next top-level keyword (fragment, query, mutation) or the end.
    const rest = source.slice(start.index, starts[i + 1]?.index ?? source.length);
    const end = rest.search(/\n(?:query|mutation|subscription|fragment)\b/);
    out.set(start.name, (end === -1 ? rest : rest.slice(0, end)).trim());
  });
  return out;
}

function spreadsIn(text: string): string[] {
  return [...text.matchAll(SPREAD)].map((m) => m[1]!).filter((name) => name !== 'on');
}

/** `source` followed by every shared fragment it needs and does not define itself. */
export function withFragments(source: string, shared: string = sharedFragments): string {
  const library = fragmentsIn(shared);
  const own = fragmentsIn(source);
  const needed = new Set<string>();
  const queue = spreadsIn(source);
  while (queue.length > 0) {
    const name = queue.pop()!;
    if (needed.has(name) || own.has(name)) continue;
    const definition = library.get(name);
    if (definition === undefined) throw new Error(`GraphQL fragment ${name} is not defined`);
    needed.add(name);
    queue.push(...spreadsIn(definition));
  }
  return [source.trim(), ...[...needed].map((name) => library.get(name)!)].join('\n\n');
}
