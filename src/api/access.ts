/**
 * Role enforcement, in one place. Every field's required role is declared in
 * the SDL (`@auth(requires: ROLE)` on the field, else on its type or
 * interface). Before an operation runs, every field it selects (fragments
 * included) is checked against the caller's roles; one field out of reach
 * rejects the whole operation with FORBIDDEN, so nothing runs and nothing is
 * half-done. A field without a declared role is refused (and a test fails on it).
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { getDirective } from '@graphql-tools/utils';
import { GraphQLError, TypeInfo, getNamedType, isInterfaceType, isObjectType, visit, visitWithTypeInfo } from 'graphql';
import type { GraphQLField, GraphQLInterfaceType, GraphQLObjectType, GraphQLSchema } from 'graphql';
import type { Role } from '../../graph-schema/vocabulary';
import { hasRole, topRole } from '../auth/caller';
import { ForbiddenError } from '../errors';
import type { ApiContext } from './context';

function declared(schema: GraphQLSchema, element: GraphQLField<unknown, unknown> | GraphQLObjectType | GraphQLInterfaceType): Role | null {
  const found = getDirective(schema, element, 'auth')?.[0] as { requires?: Role } | undefined;
  return found?.requires ?? null;
}

/** `Type.field` → the role it needs, for every field of every object type and interface (null: none declared). */
export function fieldRoles(schema: GraphQLSchema): Map<string, Role | null> {
  const roles = new Map<string, Role | null>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__') || !(isObjectType(type) || isInterfaceType(type))) continue;
    const typeRole = declared(schema, type);
    for (const field of Object.values(type.getFields())) {
      roles.set(`${type.name}.${field.name}`, declared(schema, field) ?? typeRole);
    }
  }
  return roles;
}

export function accessPlugin(schema: GraphQLSchema): ApolloServerPlugin<ApiContext> {
  const roles = fieldRoles(schema);
  return {
    requestDidStart() {
      return Promise.resolve({
        didResolveOperation({ document, contextValue }) {
          const caller = contextValue.caller;
          const typeInfo = new TypeInfo(schema);
          const refused: string[] = [];
          visit(
            document,
            visitWithTypeInfo(typeInfo, {
              Field(node) {
                if (node.name.value.startsWith('__')) return;
                const parent = typeInfo.getParentType();
                if (!parent) return;
                const key = `${getNamedType(parent).name}.${node.name.value}`;
                const need = roles.get(key);
                if (need === undefined) return; // an unknown field: validation has reported it
                if (need === null || !hasRole(caller, need)) refused.push(need === null ? `${key} (no role declared)` : `${key} needs ${need}`);
              },
            }),
          );
          if (refused.length > 0) {
            const have = topRole(caller);
            const message = `not allowed for ${caller.id} (${have ?? 'no role'}): ${[...new Set(refused)].slice(0, 5).join('; ')}`;
            throw new GraphQLError(message, { originalError: new ForbiddenError(message), extensions: { code: 'FORBIDDEN', http: { status: 403 } } });
          }
          return Promise.resolve();
        },
      });
    },
  };
}
