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

/**
 * A generated DEPENDS_ON row: the model's record plus the optional carriage fields
 * of seed/schema/dependencies.schema.json (graph-schema/vocabulary.ts, DEPENDS_ON_PROPERTIES),
 * written only when the generator sets them (absent = the channel's default).
 */
export interface GeneratedDependencyRecord extends DependencyRecord {
  graceHours?: number | null;
  carriesAvailability?: boolean | null;
  carriesIntegrity?: boolean | null;
  capacityShare?: number | null;
}

/** What the generator produces. */
export interface IllustrativeRows {
  functions: FunctionRecord[];
  dependencies: GeneratedDependencyRecord[];
}
