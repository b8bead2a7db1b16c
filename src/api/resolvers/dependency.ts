/** Resolvers of dependency.graphql. */
import { CHANNELS } from '../../../graph-schema/vocabulary';
import type { Resolvers } from '../../generated/resolvers';
import { ValidationError } from '../../errors';
import { listDependencies } from '../../store/graph-queries';
import type { Params } from '../../store/driver';
import { neighbourhood } from '../../services/graph-reads';
import { checkFirst, decodeCursor, toConnection } from '../../services/node-lists';
import { createDependency, deleteDependency, updateDependency } from '../../services/node-writes';

const TRUST = Object.entries(CHANNELS)
  .filter(([, c]) => c.integrity)
  .map(([k]) => k);

/** DependencyFilter field → WHERE fragment over (a)-[r]->(b). */
const DEPENDENCY_FILTERS: Record<string, (v: unknown) => [string, Params]> = {
  channels: (v) => ['r.channel IN $channels', { channels: v }],
  types: (v) => ['r.type IN $types', { types: v }],
  dependents: (v) => ['a.id IN $dependents', { dependents: v }],
  suppliers: (v) => ['b.id IN $suppliers', { suppliers: v }],
  illustrative: (v) => ['r.illustrative = $illustrative', { illustrative: v }],
  trustCarrying: (v) => [v ? 'r.channel IN $trust' : 'NOT r.channel IN $trust', { trust: TRUST }],
};

export const dependencyResolvers: Resolvers = {
  Dependency: {
    id: (d) => d.record.id,
    dependent: async (d, _, ctx) => (await ctx.nodes.load(d.record.dependent))!,
    supplier: async (d, _, ctx) => (await ctx.nodes.load(d.record.supplier))!,
    type: (d) => d.record.type,
    channel: (d) => d.record.channel,
    trustCarrying: (d) => CHANNELS[d.record.channel].integrity,
    strength: (d) => d.record.strength,
    redundancyGroup: (d) => d.record.redundancyGroup ?? null,
    minAlive: (d) => d.record.minAlive,
    propagation: (d) => d.record.propagation,
    delayHours: (d) => d.record.delayHours,
    recoveryHours: (d) => d.record.recoveryHours ?? null,
    crossBorder: (d) =>
      d.dependentCountry != null && d.supplierCountry != null && d.dependentCountry !== d.supplierCountry,
    provenance: (d) => ({
      source: d.record.source,
      confidence: d.record.confidence,
      illustrative: d.record.illustrative,
      tlp: d.record.tlp ?? 'CLEAR',
      updatedAt: d.record.updatedAt,
    }),
  },
  Query: {
    dependency: (_, { id }, ctx) => ctx.dependencies.load(id),
    dependencies: async (_, { filter, first, after }, ctx) => {
      const where: string[] = [];
      let params: Params = {};
      for (const [field, value] of Object.entries(filter ?? {})) {
        if (value === null || value === undefined) continue;
        const build = DEPENDENCY_FILTERS[field];
        if (!build) throw new ValidationError(`filter.${field} is not a dependency filter`);
        const [fragment, p] = build(value);
        where.push(fragment);
        params = { ...params, ...p };
      }
      const afterId = after ? decodeCursor(after).id : null;
      const page = await ctx.db.read((tx) => listDependencies(tx, { where, params, first: checkFirst(first), afterId }));
      return toConnection(page);
    },
    neighbourhood: (_, { id, direction, depth }, ctx) =>
      neighbourhood(ctx.db, id, direction ?? 'DEPENDENCIES', depth ?? 1),
  },
  Neighbourhood: {
    root: (n) => n.root,
  },
  Mutation: {
    createDependency: async (_, { input }, ctx) => (await ctx.dependencies.load(await createDependency(ctx.db, input)))!,
    updateDependency: async (_, { id, input }, ctx) =>
      (await ctx.dependencies.load(await updateDependency(ctx.db, id, input)))!,
    deleteDependency: async (_, { id }, ctx) => ({ id, detached: [await deleteDependency(ctx.db, id)] }),
  },
};

