/**
 * The typed error of the concentration module: a bad argument, named in
 * `argument`. It is a ValidationError, so the API reports it as BAD_USER_INPUT.
 */
import { ValidationError } from '../../errors';

export class ConcentrationInputError extends ValidationError {
  /** The offending argument, e.g. `"functionSet[2]"` or `"ctx.owner"`. */
  readonly argument: string;

  constructor(argument: string, message: string) {
    super(`${argument}: ${message}`, [{ path: argument, message }]);
    this.argument = argument;
  }
}
