/**
 * The analysis error family. Every pure function in src/analysis checks its
 * inputs before doing any work and throws `AnalysisInputError` — a
 * ValidationError, so the API reports it as BAD_USER_INPUT with no re-wrapping —
 * naming the offending argument (or listing every problem found, where a
 * function checks many values at once). An iterative method that exhausts its
 * budget throws `ConvergenceError`. Callers choose by class, never by message.
 */
import { LinchpinError, ValidationError } from '../errors';

export class AnalysisInputError extends ValidationError {
  /** The offending argument, e.g. `"options.alpha"`; for a list of problems, the first one's. */
  readonly argument: string;
  /** Every problem found, each naming its argument and value. */
  readonly problems: readonly string[];

  /** One problem (`argument`, `message`) or a list of problems, each already naming its argument. */
  constructor(argumentOrProblems: string | readonly string[], message?: string) {
    const problems = typeof argumentOrProblems === 'string' ? [`${argumentOrProblems}: ${message ?? 'is invalid'}`] : [...argumentOrProblems];
    const argument = typeof argumentOrProblems === 'string' ? argumentOrProblems : (problems[0]?.split(':')[0] ?? '');
    const shown = problems.slice(0, 10).join('; ');
    const more = problems.length > 10 ? `; and ${problems.length - 10} more` : '';
    super(
      typeof argumentOrProblems === 'string' ? problems[0]! : `invalid analysis input: ${shown}${more}`,
      problems.map((p) => ({ path: p.split(':')[0], message: p })),
    );
    this.argument = argument;
    this.problems = problems;
  }
}

/** Throws an `AnalysisInputError` listing `problems` when there are any. */
export function throwIfProblems(problems: readonly string[]): void {
  if (problems.length > 0) throw new AnalysisInputError(problems);
}

/** A power iteration did not reach its tolerance within `maxIter` iterations. */
export class ConvergenceError extends LinchpinError {
  readonly algorithm: string;
  readonly iterations: number;
  /** The last convergence measure (same units as the tolerance it was compared to). */
  readonly residual: number;

  constructor(algorithm: string, iterations: number, residual: number, threshold: number) {
    super('INTERNAL_SERVER_ERROR', `${algorithm} did not converge in ${iterations} iterations (residual ${residual} >= threshold ${threshold})`);
    this.algorithm = algorithm;
    this.iterations = iterations;
    this.residual = residual;
  }
}
