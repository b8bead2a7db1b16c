/** Helpers for the concentration tests (not part of the public API). */
import { expect } from 'vitest';
import { ValidationError } from '../../errors';
import { AnalysisInputError } from '../errors';

/** Asserts that `fn` throws a AnalysisInputError naming `argument`. */
export function expectInvalid(fn: () => unknown, argument: string): void {
  let thrown: unknown;
  try {
    fn();
  } catch (e) {
    thrown = e;
  }
  expect(thrown).toBeInstanceOf(AnalysisInputError);
  expect(thrown).toBeInstanceOf(ValidationError);
  expect((thrown as AnalysisInputError).argument).toBe(argument);
}
