/**
 * What the seed generator reads and writes. The record shapes are the model's
 * (src/model/records.ts), declared once; seed/schema/ is their file format.
 */
import type {
  CountryRecord,
  DependencyRecord,
  FacilityRecord,
  FunctionRecord,
  IncidentRecord,
  ProviderRecord,
  ServiceRecord,
} from '../../src/model/records';

export type {
  CountryRecord,
  DependencyRecord,
  FacilityRecord,
  FunctionRecord,
  IncidentRecord,
  ProviderRecord,
  ServiceRecord,
};

/** The public-record ("fact") files, parsed. */
export interface SeedFacts {
  countries: CountryRecord[];
  providers: ProviderRecord[];
  facilities: FacilityRecord[];
  services: ServiceRecord[];
  incidents: IncidentRecord[];
  dependencies: DependencyRecord[];
}

/** What the generator produces. */
export interface IllustrativeRows {
  functions: FunctionRecord[];
  dependencies: DependencyRecord[];
}
