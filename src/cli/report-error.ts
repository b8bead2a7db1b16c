/** Prints an error for a person at a terminal: one line, plus details when there are some. */
import { LinchpinError } from '../errors';

export function reportError(error: unknown): void {
  const e = error as Error & { logFile?: string };
  console.error(`linchpin: ${e.message}`);
  if (error instanceof LinchpinError) {
    for (const d of error.details.slice(0, 200)) console.error(`  ${d.path ? `${d.path}: ` : ''}${d.message}`);
    if (error.details.length > 200) console.error(`  … and ${error.details.length - 200} more`);
  }
  if (e.logFile) console.error(`log: ${e.logFile}`);
}
