/** Resolvers of incident.graphql. */
import type { Resolvers } from '../../generated/resolvers';
import { loadNodes } from '../context';
import { listKindOrSnapshot } from '../../services/snapshot-reads';
import { createNode, updateNode } from '../../services/node-writes';
import { nodeFields, prop, refMany } from './node-fields';

export const incidentResolvers: Resolvers = {
  Incident: {
    ...nodeFields,
    date: (n) => prop(n, 'date'),
    origins: (n, _, ctx) => refMany(n, 'origins', ctx),
    mechanism: (n) => prop(n, 'mechanism'),
    mode: (n) => prop(n, 'mode'),
    rule: (n) => prop(n, 'rule'),
    effect: (n) => prop(n, 'effect') ?? null,
    providerOnly: (n) => prop(n, 'providerOnly') ?? false,
    durationHours: (n) => prop(n, 'durationHours') ?? null,
    namedCountries: (n, _, ctx) => loadNodes(ctx, prop<string[] | null>(n, 'namedCountries') ?? []),
    sources: (n) => prop<string[] | null>(n, 'sources') ?? [],
  },
  Query: {
    incidents: (_, args, ctx) => listKindOrSnapshot(ctx, 'Incident', args),
  },
  Mutation: {
    createIncident: async (_, { input }, ctx) => ctx.nodes.load((await createNode(ctx, 'Incident', input)).id),
    updateIncident: async (_, { id, expectedRevision, input }, ctx) =>
      ctx.nodes.load((await updateNode(ctx, { kind: 'Incident', id, expectedRevision, input })).id),
  },
};
