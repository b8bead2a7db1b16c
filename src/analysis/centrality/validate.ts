/**
 * Argument checks shared by the centrality algorithms. Each returns the validated value
 * (or the default) and throws `AnalysisInputError` naming the argument otherwise.
 */
import { AnalysisInputError } from '../errors';

export function optionsObject<T extends object>(options: T | undefined, argument = 'options'): Partial<T> {
  if (options === undefined) return {};
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new AnalysisInputError(argument, 'must be an object');
  }
  return options;
}

export function booleanOption(value: unknown, fallback: boolean, argument: string): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') throw new AnalysisInputError(argument, 'must be a boolean');
  return value;
}

/** A finite number in [min, max] (bounds inclusive unless `open` says otherwise). */
export function numberOption(
  value: unknown,
  fallback: number,
  argument: string,
  range: { min?: number; max?: number; minOpen?: boolean; maxOpen?: boolean } = {},
): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new AnalysisInputError(argument, 'must be a finite number');
  }
  const { min, max, minOpen = false, maxOpen = false } = range;
  if (min !== undefined && (minOpen ? value <= min : value < min)) {
    throw new AnalysisInputError(argument, `must be ${minOpen ? '>' : '>='} ${min}, got ${value}`);
  }
  if (max !== undefined && (maxOpen ? value >= max : value > max)) {
    throw new AnalysisInputError(argument, `must be ${maxOpen ? '<' : '<='} ${max}, got ${value}`);
  }
  return value;
}

export function integerOption(value: unknown, fallback: number, argument: string, min: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
    throw new AnalysisInputError(argument, `must be an integer >= ${min}`);
  }
  return value;
}
