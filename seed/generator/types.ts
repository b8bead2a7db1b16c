/** Record shapes of the seed JSON Lines files (see seed/README.md and seed/schema/). */
import type {
  Channel,
  CisaSector,
  CompromiseEffect,
  Confidence,
  DependencyType,
  FacilityKind,
  OutageRule,
  PropagationMode,
  ProviderKind,
  Sector,
  ServiceKind,
  Tlp,
} from '../../graph-schema/vocabulary';

export interface Provenance {
  source: string;
  confidence: Confidence;
  illustrative: boolean;
  tlp?: Tlp;
  updatedAt: string;
}

export interface CountryRecord extends Provenance {
  id: string;
  alpha3: string;
  numeric: string;
  name: string;
  natoMember: boolean;
  accessionYear: number | null;
  latitude: number;
  longitude: number;
  threshold?: number;
}

export interface ProviderRecord extends Provenance {
  id: string;
  name: string;
  kind: ProviderKind;
  headquarters: string;
  parent?: string;
  website?: string;
  threshold?: number;
}

export interface FacilityRecord extends Provenance {
  id: string;
  name: string;
  kind: FacilityKind;
  country: string;
  operator: string;
  city: string;
  latitude: number;
  longitude: number;
  threshold?: number;
}

export interface ServiceRecord extends Provenance {
  id: string;
  name: string;
  kind: ServiceKind;
  provider: string;
  description: string;
  threshold?: number;
}

export interface FunctionRecord extends Provenance {
  id: string;
  name: string;
  sector: Sector;
  cisaSector: CisaSector;
  country: string;
  description: string;
  importance: number;
  importanceRule: string;
  threshold?: number;
}

export interface IncidentRecord extends Provenance {
  id: string;
  name: string;
  date: string;
  origins: string[];
  mechanism: string;
  mode: PropagationMode;
  rule: OutageRule;
  effect: CompromiseEffect | null;
  providerOnly: boolean;
  durationHours: number | null;
  namedCountries: string[];
  sources: string[];
  threshold?: number;
}

export interface DependencyRecord extends Provenance {
  id: string;
  dependent: string;
  supplier: string;
  type: DependencyType;
  channel: Channel;
  strength: number;
  redundancyGroup: string | null;
  minAlive: number;
  propagation: number;
  delayHours: number;
  recoveryHours: number | null;
}

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
