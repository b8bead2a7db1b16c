/**
 * Typed errors raised by the propagation engine (and the single-points-of-failure sweep).
 *
 * Every public function checks its inputs before doing any work and throws
 * `PropagationInputError` listing every problem it found (not only the first), so
 * a caller can show them all at once.
 */

/** Base class so callers can catch everything this module throws in one clause. */
export class PropagationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** The graph, an overlay or the options are malformed; `details` names each problem and its value. */
export class PropagationInputError extends PropagationError {
  readonly details: string[];

  constructor(details: readonly string[]) {
    const shown = details.slice(0, 10).join('; ');
    const more = details.length > 10 ? `; and ${details.length - 10} more` : '';
    super(`invalid propagation input: ${shown}${more}`);
    this.details = [...details];
  }
}

/** Throws a `PropagationInputError` when `problems` is not empty. */
export function throwIfProblems(problems: readonly string[]): void {
  if (problems.length > 0) throw new PropagationInputError(problems);
}
