/**
 * Length limits on every input, whatever the field: each String and ID in the
 * arguments and input objects of an operation (variables included) and each
 * list, against the one table in limits.ts. Runs before anything resolves, so
 * a 900 kB description is refused, never stored (a Neo4j index would refuse
 * it too, late and with a driver error).
 */
import { getNullableType, isInputObjectType, isListType, isScalarType } from 'graphql';
import type { FragmentDefinitionNode, GraphQLInputType, GraphQLSchema, OperationDefinitionNode } from 'graphql';
import type { ErrorDetail } from '../errors';
import { ValidationError } from '../errors';
import { INPUT_LIMITS, LIMITS } from './limits';
import { walkOperation } from './operation-walk';

/** The longest string a field of this type and name accepts. */
export function stringLimit(type: 'ID' | 'String', name: string): number {
  if (type === 'ID') return INPUT_LIMITS.idChars;
  return INPUT_LIMITS.longTextFields.has(name) ? INPUT_LIMITS.longTextChars : INPUT_LIMITS.shortTextChars;
}

/** Problems of one value of `type` at `path` (field `name`), appended to `out`. */
export function checkValue(type: GraphQLInputType, value: unknown, path: string, name: string, out: ErrorDetail[]): void {
  if (value === null || value === undefined || out.length >= LIMITS.maxErrors) return;
  const t = getNullableType(type);
  if (isListType(t)) {
    if (!Array.isArray(value)) return checkValue(t.ofType, value, path, name, out);
    if (value.length > INPUT_LIMITS.listItems) {
      out.push({ path, message: `${path} has ${value.length} items; the limit is ${INPUT_LIMITS.listItems}` });
      return;
    }
    value.forEach((item, i) => checkValue(t.ofType, item, `${path}[${i}]`, name, out));
  } else if (isInputObjectType(t)) {
    if (typeof value !== 'object') return;
    const fields = t.getFields();
    for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
      const field = fields[key];
      if (field) checkValue(field.type, v, `${path}.${key}`, key, out);
    }
  } else if (isScalarType(t) && (t.name === 'String' || t.name === 'ID') && typeof value === 'string') {
    const limit = stringLimit(t.name, name);
    if (value.length > limit) out.push({ path, message: `${path} is ${value.length} characters long; the limit is ${limit}` });
  }
}

/** Every input-length problem of an operation (at most LIMITS.maxErrors). */
export function inputProblems(options: {
  schema: GraphQLSchema;
  operation: OperationDefinitionNode;
  fragments: Record<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
}): ErrorDetail[] {
  const out: ErrorDetail[] = [];
  walkOperation({
    ...options,
    listSize: () => 1,
    visit(f) {
      for (const arg of f.field.args) checkValue(arg.type, f.args[arg.name], `${f.path}.${arg.name}`, arg.name, out);
    },
  });
  return out;
}

export function checkInputLimits(options: Parameters<typeof inputProblems>[0]): void {
  const problems = inputProblems(options);
  if (problems.length > 0) {
    const first = problems[0]!.message;
    throw new ValidationError(problems.length === 1 ? first : `${first} (and ${problems.length - 1} more)`, problems);
  }
}
