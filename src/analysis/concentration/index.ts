/**
 * Concentration of dependence: how much of the critical functions' need rests on
 * few providers, facilities and jurisdictions. Pure functions over a
 * PropagationGraph and an OwnershipContext.
 */
export { AnalysisInputError } from '../errors';
export {
  buildOwnershipContext,
  validateOwnershipContext,
  type CountryInfo,
  type OwnershipContext,
  type OwnershipRecords,
} from './ownership';
export {
  HHI_HIGHLY_CONCENTRATED,
  HHI_MODERATELY_CONCENTRATED,
  concentrationBand,
  herfindahlIndex,
  type ConcentrationBand,
  type HerfindahlResult,
} from './herfindahl';
export {
  directDependenceConcentration,
  type ConcentrationRow,
  type ConcentrationTable,
  type DirectDependenceConcentration,
  type DirectDependenceOptions,
} from './direct-dependence';
export { dependenceFootprint, type DependenceFootprint, type FootprintSector } from './dependence-footprint';
