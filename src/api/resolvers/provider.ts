/** Resolvers of provider.graphql. */
import { REL } from '../../../graph-schema/vocabulary';
import type { Resolvers } from '../../generated/resolvers';
import { clearanceOf } from '../../auth/clearance';
import { listKind } from '../../services/node-lists';
import { createNode, updateNode } from '../../services/node-writes';
import { loadWritten, nodeFields, prop, refOne, related } from './node-fields';

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
    providers: (_, args, ctx) => listKind(ctx.db, 'Provider', args, clearanceOf(ctx.caller)),
  },
  Mutation: {
    createProvider: async (_, { input }, ctx) => loadWritten(ctx, await createNode(ctx.db, 'Provider', input)),
    updateProvider: async (_, { id, input }, ctx) =>
      loadWritten(ctx, await updateNode(ctx.db, 'Provider', id, input)),
  },
};
