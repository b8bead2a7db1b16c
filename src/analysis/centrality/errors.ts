/**
 * Typed errors raised by the centrality module and the compact graph (`../csr`).
 *
 * Every public function validates its arguments before doing any work and throws
 * `InvalidArgumentsError` on the first problem it finds. Iterative methods throw
 * `ConvergenceError` when they exhaust their iteration budget (NetworkX raises
 * `PowerIterationFailedConvergence` in the same situation).
 */

/** Base class so callers can catch everything this module throws in one clause. */
export class CentralityError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** A caller passed an argument that is malformed or out of range. */
export class InvalidArgumentsError extends CentralityError {
  /** Name of the offending argument, e.g. `"options.alpha"` or `"csr.outTargets"`. */
  readonly argument: string;

  constructor(argument: string, message: string) {
    super(`${argument}: ${message}`);
    this.argument = argument;
  }
}

/** A power iteration did not reach its tolerance within `maxIter` iterations. */
export class ConvergenceError extends CentralityError {
  readonly algorithm: string;
  readonly iterations: number;
  /** The last convergence measure (same units as the tolerance it was compared to). */
  readonly residual: number;

  constructor(algorithm: string, iterations: number, residual: number, threshold: number) {
    super(
      `${algorithm} did not converge in ${iterations} iterations (residual ${residual} >= threshold ${threshold})`,
    );
    this.algorithm = algorithm;
    this.iterations = iterations;
    this.residual = residual;
  }
}
