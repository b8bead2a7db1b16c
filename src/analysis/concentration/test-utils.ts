/** Helpers for the concentration tests (not part of the public API). */
import { expect } from 'vitest';
import { ValidationError } from '../../errors';
import { ConcentrationInputError } from './errors';

/** Asserts that `fn` throws a ConcentrationInputError naming `argument`. */
export function expectInvalid(fn: () => unknown, argument: string): void {
  let thrown: unknown;
  try {
    fn();
  } catch (e) {
    thrown = e;
  }
  expect(thrown).toBeInstanceOf(ConcentrationInputError);
  expect(thrown).toBeInstanceOf(ValidationError);
  expect((thrown as ConcentrationInputError).argument).toBe(argument);
}
