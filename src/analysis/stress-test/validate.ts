/**
 * Input checks of the stress test: options merged once against DEFAULTS, the
 * country context checked against the graph. Each check throws
 * AnalysisInputError naming the argument and the value. O(n + origins).
 */
import {
  COMPROMISE_EFFECTS,
  DEPENDENCY_KINDS,
  OUTAGE_RULES,
  type CompromiseEffect,
  type OutageRule,
} from '../../../graph-schema/vocabulary';
import type { KindName, PropagationGraph } from '../propagation/types';
import { KIND_CODES } from '../propagation/types';
import { AnalysisInputError } from '../errors';
import type { StressContext, StressMode, StressTestOptions } from './types';

export const MAX_RUNS = 100_000;

export const DEFAULTS = {
  countryLossShare: 0.5,
  qCountry: 0,
  qProvider: 0,
  rule: 'HARD' as OutageRule,
  durationHours: null as number | null,
};

/** Options with every default filled in and every value checked. */
export type ResolvedStressOptions =
  | {
      mode: 'RANDOM_FAILURE';
      runs: number;
      seed: number;
      countryLossShare: number;
      kinds: readonly KindName[];
      /** KIND_CODES codes of `kinds`. */
      kindCodes: ReadonlySet<number>;
      p: number;
      qCountry: number;
      qProvider: number;
      rule: OutageRule;
      durationHours: number | null;
    }
  | {
      mode: 'COMPROMISE';
      runs: number;
      seed: number;
      countryLossShare: number;
      origins: readonly number[];
      effect: CompromiseEffect;
      rule: OutageRule;
    };

const MODES: readonly StressMode[] = ['RANDOM_FAILURE', 'COMPROMISE'];

export function resolveStressOptions(g: PropagationGraph, options: StressTestOptions): ResolvedStressOptions {
  if (options === null || typeof options !== 'object') throw new AnalysisInputError('options', 'must be an object');
  const mode = options.mode;
  if (!MODES.includes(mode)) {
    throw new AnalysisInputError('options.mode', `must be one of ${MODES.join(', ')}, got ${show(mode)}`);
  }
  const runs = options.runs;
  if (typeof runs !== 'number' || !Number.isSafeInteger(runs) || runs < 1 || runs > MAX_RUNS) {
    throw new AnalysisInputError('options.runs', `must be an integer in 1..${MAX_RUNS}, got ${show(runs)}`);
  }
  const seed = options.seed;
  if (typeof seed !== 'number' || !Number.isSafeInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new AnalysisInputError('options.seed', `must be a 32-bit unsigned integer, got ${show(seed)}`);
  }
  const countryLossShare = options.countryLossShare ?? DEFAULTS.countryLossShare;
  if (typeof countryLossShare !== 'number' || !(countryLossShare > 0 && countryLossShare <= 1)) {
    throw new AnalysisInputError('options.countryLossShare', `must be a number in (0, 1], got ${show(countryLossShare)}`);
  }
  const rule = options.rule ?? DEFAULTS.rule;
  if (!OUTAGE_RULES.includes(rule)) {
    throw new AnalysisInputError('options.rule', `must be one of ${OUTAGE_RULES.join(', ')}, got ${show(rule)}`);
  }

  if (options.mode === 'RANDOM_FAILURE') {
    const p = probability(options.p, 'options.p');
    const qCountry = probability(options.qCountry ?? DEFAULTS.qCountry, 'options.qCountry');
    const qProvider = probability(options.qProvider ?? DEFAULTS.qProvider, 'options.qProvider');
    if (!isList(options.kinds)) throw new AnalysisInputError('options.kinds', 'must be an array of node kinds');
    const kindCodes = new Set<number>();
    options.kinds.forEach((k, i) => {
      if (!(DEPENDENCY_KINDS as readonly string[]).includes(k)) {
        throw new AnalysisInputError(`options.kinds[${i}]`, `must be one of ${DEPENDENCY_KINDS.join(', ')}, got ${show(k)}`);
      }
      kindCodes.add(KIND_CODES.indexOf(k));
    });
    const duration = options.durationHours ?? DEFAULTS.durationHours;
    if (duration !== null && (typeof duration !== 'number' || !(duration >= 0))) {
      throw new AnalysisInputError('options.durationHours', `must be null or a number >= 0, got ${show(duration)}`);
    }
    return {
      mode: 'RANDOM_FAILURE',
      runs,
      seed,
      countryLossShare,
      kinds: [...options.kinds],
      kindCodes,
      p,
      qCountry,
      qProvider,
      rule,
      durationHours: duration === Infinity ? null : duration,
    };
  }

  const effect = options.effect;
  if (!COMPROMISE_EFFECTS.includes(effect)) {
    throw new AnalysisInputError('options.effect', `must be one of ${COMPROMISE_EFFECTS.join(', ')}, got ${show(effect)}`);
  }
  if (!isList(options.origins) || options.origins.length === 0) {
    throw new AnalysisInputError('options.origins', 'must be a non-empty array of node indices');
  }
  options.origins.forEach((v, i) => {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v >= g.n) {
      throw new AnalysisInputError(`options.origins[${i}]`, `must be a node index in 0..${g.n - 1}, got ${show(v)}`);
    }
  });
  return { mode: 'COMPROMISE', runs, seed, countryLossShare, origins: [...options.origins], effect, rule };
}

export function validateStressContext(g: PropagationGraph, ctx: StressContext): void {
  if (ctx === null || typeof ctx !== 'object') throw new AnalysisInputError('ctx', 'must be an object');
  if (!Array.isArray(ctx.countries) || ctx.countries.some((c) => typeof c !== 'string')) {
    throw new AnalysisInputError('ctx.countries', 'must be an array of country ids');
  }
  const c = ctx.countries.length;
  for (const name of ['nodeCountry', 'functionCountry'] as const) {
    const a = ctx[name];
    if (!(a instanceof Int32Array) || a.length !== g.n) {
      throw new AnalysisInputError(`ctx.${name}`, `must be an Int32Array of length ${g.n} (one per node)`);
    }
    for (let v = 0; v < a.length; v++) {
      const x = a[v]!;
      if (x < -1 || x >= c) throw new AnalysisInputError(`ctx.${name}[${v}]`, `must be a country index in -1..${c - 1}, got ${x}`);
    }
  }
}

/** Checks a run range [from, to) within 0..runs. */
export function checkRange(from: number, to: number, runs: number): void {
  if (typeof from !== 'number' || !Number.isSafeInteger(from) || from < 0 || from > runs) {
    throw new AnalysisInputError('from', `must be an integer in 0..${runs}, got ${show(from)}`);
  }
  if (typeof to !== 'number' || !Number.isSafeInteger(to) || to < from || to > runs) {
    throw new AnalysisInputError('to', `must be an integer in ${from}..${runs}, got ${show(to)}`);
  }
}

/** Array.isArray without narrowing the declared element type to any. */
function isList(x: unknown): boolean {
  return Array.isArray(x);
}

function probability(x: unknown, argument: string): number {
  if (typeof x !== 'number' || !(x >= 0 && x <= 1)) {
    throw new AnalysisInputError(argument, `must be a probability in [0, 1], got ${show(x)}`);
  }
  return x;
}

function show(value: unknown): string {
  if (typeof value === 'number' || typeof value === 'boolean' || value === null || value === undefined) return String(value);
  try {
    return JSON.stringify(value) ?? typeof value;
  } catch {
    return typeof value;
  }
}
