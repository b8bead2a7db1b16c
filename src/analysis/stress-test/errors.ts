/**
 * The typed error of the stress-test module: a bad option or context value,
 * named in `argument`. It is a ValidationError, so the API reports it as
 * BAD_USER_INPUT.
 */
import { ValidationError } from '../../errors';

export class StressTestInputError extends ValidationError {
  /** The offending argument, e.g. `"options.p"` or `"ctx.nodeCountry[12]"`. */
  readonly argument: string;

  constructor(argument: string, message: string) {
    super(`${argument}: ${message}`, [{ path: argument, message }]);
    this.argument = argument;
  }
}
