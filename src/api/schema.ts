/** Loads the SDL contract from graph-schema/sdl (one file per concept). */
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const SDL_DIR = fileURLToPath(new URL('../../graph-schema/sdl/', import.meta.url));

export function loadTypeDefs(): string {
  return readdirSync(SDL_DIR)
    .filter((f) => f.endsWith('.graphql'))
    .sort()
    .map((f) => readFileSync(`${SDL_DIR}${f}`, 'utf8'))
    .join('\n');
}
