/** Resolvers of service.graphql. */
import type { Resolvers } from '../../generated/resolvers';
import { listKindOrSnapshot } from '../../services/snapshot-reads';
import { createNode, updateNode } from '../../services/node-writes';
import { nodeFields, prop, refOne } from './node-fields';

export const serviceResolvers: Resolvers = {
  Service: {
    ...nodeFields,
    serviceKind: (n) => prop(n, 'kind'),
    provider: (n, _, ctx) => refOne(n, 'provider', ctx),
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
    services: (_, args, ctx) => listKindOrSnapshot(ctx, 'Service', args),
  },
  Mutation: {
    createService: async (_, { input }, ctx) => ctx.nodes.load((await createNode(ctx, 'Service', input)).id),
    updateService: async (_, { id, expectedRevision, input }, ctx) =>
      ctx.nodes.load((await updateNode(ctx, { kind: 'Service', id, expectedRevision, input })).id),
  },
};
