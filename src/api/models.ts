/** Moved to src/store/models.ts (the store produces them); re-exported while other branches still import them from here. */
export type * from '../store/models';
