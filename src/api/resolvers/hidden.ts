/**
 * `hiddenByClearance` of every analysis answer: what the caller's view of the
 * snapshot left out (src/projection/visible-view.ts), a count, never which.
 */
import type { Resolvers } from '../../generated/resolvers';
import type { ApiContext } from '../context';

const hidden = async (_: unknown, __: unknown, ctx: ApiContext) => (await ctx.snapshot()).hidden;

export const hiddenResolvers: Resolvers = {
  BlastRadius: { hiddenByClearance: hidden },
  CentralityRanking: { hiddenByClearance: hidden },
  LinchpinRanking: { hiddenByClearance: hidden },
  SinglePointsOfFailure: { hiddenByClearance: hidden },
  ConcentrationReport: { hiddenByClearance: hidden },
  GraphView: { hiddenByClearance: hidden },
  Mitigation: { hiddenByClearance: hidden },
  Backtest: { hiddenByClearance: hidden },
  Scenario: { hiddenByClearance: hidden },
  StressTestResult: { hiddenByClearance: hidden },
  CountrySummary: { hiddenByClearance: hidden },
};
