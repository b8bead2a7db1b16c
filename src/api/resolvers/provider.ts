/** Resolvers of provider.graphql. */
import { REL } from '../../../graph-schema/vocabulary';
import type { Resolvers } from '../../generated/resolvers';
import { listKindOrSnapshot } from '../../services/snapshot-reads';
import { createNode, updateNode } from '../../services/node-writes';
import { nodeFields, prop, refOne, related } from './node-fields';

export const providerResolvers: Resolvers = {
  Provider: {
    ...nodeFields,
    providerKind: (n) => prop(n, 'kind'),
    headquarters: (n, _, ctx) => refOne(n, 'headquarters', ctx),
    parent: (n, _, ctx) => refOne(n, 'parent', ctx),
    subsidiaries: (n, _, ctx) => related(n, REL.SUBSIDIARY_OF, 'in', ctx),
    facilities: (n, _, ctx) => related(n, REL.OPERATES, 'out', ctx),
    services: (n, _, ctx) => related(n, REL.OFFERS, 'out', ctx),
    website: (n) => prop(n, 'website') ?? null,
  },
  Query: {
    providers: (_, args, ctx) => listKindOrSnapshot(ctx, 'Provider', args),
  },
  Mutation: {
    createProvider: async (_, { input }, ctx) => ctx.nodes.load((await createNode(ctx, 'Provider', input)).id),
    updateProvider: async (_, { id, expectedRevision, input }, ctx) =>
      ctx.nodes.load((await updateNode(ctx, { kind: 'Provider', id, expectedRevision, input })).id),
  },
};
