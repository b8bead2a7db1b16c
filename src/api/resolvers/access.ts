/** Resolvers of access.graphql. */
import type { Resolvers } from '../../generated/resolvers';

export const accessResolvers: Resolvers = {
  Query: {
    me: (_, __, ctx) => ({ ...ctx.caller, memberOf: [...ctx.caller.memberOf], roles: [...ctx.caller.roles], devOpen: ctx.caller.via === 'dev-open' }),
    users: (_, __, ctx) => ctx.access.users(),
    organisations: (_, __, ctx) => ctx.access.organisations(),
    apiKeys: (_, { userId, all }, ctx) => ctx.access.apiKeys(ctx.caller, userId, all ?? false),
    auditLog: (_, args, ctx) => ctx.access.auditLog({ ...args, first: args.first ?? 50 }),
  },
  Mutation: {
    createUser: (_, { input }, ctx) => ctx.access.createUser(ctx.caller, input),
    setUserRoles: (_, { id, roles }, ctx) => ctx.access.setUserRoles(ctx.caller, id, roles),
    createOrganisation: (_, { input }, ctx) => ctx.access.createOrganisation(ctx.caller, input),
    createApiKey: (_, { name, userId }, ctx) => ctx.access.createApiKey(ctx.caller, name, userId),
    revokeApiKey: (_, { id }, ctx) => ctx.access.revokeApiKey(ctx.caller, id),
  },
};
