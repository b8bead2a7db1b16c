/** Resolvers of rankings.graphql. */
import type { Resolvers } from '../../generated/resolvers';
import type { NodeModel } from '../../store/models';
import type { ApiContext } from '../context';
import { loadNodeMap } from '../context';

const metrics = async (n: NodeModel, _: unknown, ctx: ApiContext) => ctx.analysis.metrics(await ctx.snapshot(), n.id, ctx.caller);

export const rankingsResolvers: Resolvers = {
  Provider: { metrics },
  Facility: { metrics },
  Service: { metrics },
  CriticalFunction: { metrics },
  Query: {
    centrality: async (_, { metric, kinds, top }, ctx) => {
      const ranking = await ctx.analysis.centrality(metric, kinds, top, ctx.caller);
      const byId = await loadNodeMap(ctx, ranking.rows.map((r) => r.id));
      return { ...ranking, rows: ranking.rows.map((r) => ({ rank: r.rank, value: r.value, node: byId.get(r.id)! })) };
    },
    linchpins: async (_, args, ctx) => {
      const ranking = await ctx.analysis.linchpins(args);
      const byId = await loadNodeMap(ctx, ranking.rows.map((r) => r.id));
      return { ...ranking, rows: ranking.rows.map((r) => ({ ...r, node: byId.get(r.id)! })) };
    },
    singlePointsOfFailure: async (_, { function: fn, order2 }, ctx) => {
      const result = await ctx.analysis.singlePointsOfFailure(fn, order2 ?? false, ctx.caller);
      const ids = [result.function, ...result.order1, ...result.order2.flat()];
      const nodes = await loadNodeMap(ctx, ids);
      return {
        function: nodes.get(result.function)!,
        order1: result.order1.map((id) => nodes.get(id)!),
        order2: result.order2.map(([a, b]) => ({ a: nodes.get(a)!, b: nodes.get(b)! })),
      };
    },
    concentration: async (_, { country, sector }, ctx) => {
      const report = await ctx.analysis.concentration(country, sector);
      return { ...report, country: report.country ? await ctx.nodes.load(report.country) : null };
    },
    allianceConcentration: async (_, __, ctx) => (await ctx.analysis.allianceConcentration()).map((r) => ({ ...r, country: null })),
    dependenceFootprint: async (_, { node }, ctx) => (await ctx.analysis.footprint(node)),
  },
};
