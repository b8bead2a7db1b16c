/**
 * Records: the flat, validated shape of every node kind and of DEPENDS_ON, as
 * seed files declare them (seed/schema/*.schema.json) and as mutations build
 * them. The store writes records; the loader and the API produce them.
 */
import type {
  Channel,
  CisaSector,
  CompromiseEffect,
  Confidence,
  DependencyType,
  FacilityKind,
  NodeKind,
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
  /** Organisation ids an AMBER or AMBER_STRICT element is shared with (absent: none). */
  sharedWith?: string[];
  /** User ids a RED element is shared with (absent: none). */
  sharedWithUsers?: string[];
  updatedAt: string;
}

interface NodeBase extends Provenance {
  id: string;
  name: string;
  threshold?: number;
}

export interface CountryRecord extends NodeBase {
  alpha3: string;
  numeric: string;
  natoMember: boolean;
  accessionYear: number | null;
  latitude: number;
  longitude: number;
}

export interface ProviderRecord extends NodeBase {
  kind: ProviderKind;
  /** Null when the headquarters is not known. */
  headquarters: string | null;
  parent?: string | null;
  website?: string | null;
}

export interface FacilityRecord extends NodeBase {
  kind: FacilityKind;
  country: string;
  operator: string;
  /** Linear facilities only: the other landing or end countries besides `country`. */
  countries?: string[];
  city?: string | null;
  /** Null (both) when the position is not public. */
  latitude: number | null;
  longitude: number | null;
}

export interface ServiceRecord extends NodeBase {
  kind: ServiceKind;
  provider: string;
  /** The country the service is delivered from when it has its own; absent: its provider's headquarters. */
  country?: string | null;
  description?: string | null;
}

export interface FunctionRecord extends NodeBase {
  sector: Sector;
  /** The CISA crosswalk of `sector`; derived from the vocabulary when absent, rejected when it disagrees. */
  cisaSector?: CisaSector;
  country: string;
  importance: number;
  importanceRule: string;
  description?: string | null;
}

export interface IncidentRecord extends NodeBase {
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
  /** Hours the dependent runs on without the supplier; absent or null: the channel's default. */
  graceHours?: number | null;
  /** Whether an outage crosses the edge; absent or null: the channel's default. */
  carriesAvailability?: boolean | null;
  /** Whether a compromise crosses the edge; absent or null: the channel's default. */
  carriesIntegrity?: boolean | null;
  /** Share of its redundancy group's capacity this supplier carries; only on grouped edges. */
  capacityShare?: number | null;
}

export interface NodeRecordByKind {
  Country: CountryRecord;
  Provider: ProviderRecord;
  Facility: FacilityRecord;
  Service: ServiceRecord;
  CriticalFunction: FunctionRecord;
  Incident: IncidentRecord;
}
export type NodeRecord = NodeRecordByKind[NodeKind];

/** The seed file (and JSON Schema) that holds each kind. */
export const FILE_OF_KIND = {
  Country: 'countries',
  Provider: 'providers',
  Facility: 'facilities',
  Service: 'services',
  CriticalFunction: 'functions',
  Incident: 'incidents',
  DependsOn: 'dependencies',
} as const;
export type RecordFile = (typeof FILE_OF_KIND)[keyof typeof FILE_OF_KIND];
