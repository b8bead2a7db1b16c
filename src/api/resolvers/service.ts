/** Resolvers of service.graphql. */
import type { Resolvers } from '../../generated/resolvers';
import { clearanceOf } from '../../auth/clearance';
import { listKind } from '../../services/node-lists';
import { createNode, updateNode } from '../../services/node-writes';
import { loadWritten, nodeFields, prop, refOne, refRequired } from './node-fields';

export const serviceResolvers: Resolvers = {
  Service: {
    ...nodeFields,
    serviceKind: (n) => prop(n, 'kind'),
    provider: (n, _, ctx) => refRequired(n, 'provider', ctx),
    country: (n, _, ctx) => refOne(n, 'country', ctx),
    // Its own country when it has one, else its provider's headquarters (as in cross-border reports).
    location: async (n, _, ctx) => {
      if (n.refs.country?.[0] !== undefined) return refOne(n, 'country', ctx);
      const provider = await refOne(n, 'provider', ctx);
      return provider ? refOne(provider, 'headquarters', ctx) : null;
    },
    description: (n) => prop(n, 'description') ?? null,
  },
  Query: {
    services: (_, args, ctx) => listKind(ctx.db, 'Service', args, clearanceOf(ctx.caller)),
  },
  Mutation: {
    createService: async (_, { input }, ctx) => loadWritten(ctx, await createNode(ctx.db, 'Service', input)),
    updateService: async (_, { id, input }, ctx) =>
      loadWritten(ctx, await updateNode(ctx.db, 'Service', id, input)),
  },
};
