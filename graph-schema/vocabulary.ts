/**
 * Linchpin vocabulary: the one place where labels, relationship types, enums
 * and property keys are declared. The GraphQL SDL, the Cypher in the store, the
 * seed loader, the analysis and the web styles all import from here.
 *
 * This module imports nothing, so any layer may import it.
 */

/* ------------------------------------------------------------------ labels */

/** Node kinds of the model. Every modelled node also carries ENTITY_LABEL. */
export const NODE_KINDS = [
  'Country',
  'Provider',
  'Facility',
  'Service',
  'CriticalFunction',
  'Incident',
] as const;
export type NodeKind = (typeof NODE_KINDS)[number];

/** Shared label on every modelled node: one uniqueness constraint on `id` makes ids global. */
export const ENTITY_LABEL = 'Entity';
/** Label of the single node holding the write-version counter. */
export const META_LABEL = 'Meta';
/** Id of that node. */
export const META_ID = 'linchpin';

/** Kinds that can sit on either end of DEPENDS_ON. */
export const DEPENDENCY_KINDS = ['Provider', 'Facility', 'Service', 'CriticalFunction'] as const;
export type DependencyKind = (typeof DEPENDENCY_KINDS)[number];

/** Id prefix per node kind (countries use their bare ISO alpha-2 code). */
export const ID_PREFIX: Record<NodeKind, string> = {
  Country: '',
  Provider: 'prov:',
  Facility: 'fac:',
  Service: 'svc:',
  CriticalFunction: 'fn:',
  Incident: 'inc:',
};
export const DEPENDENCY_ID_PREFIX = 'dep:';

/** Ids: a kind prefix then lower-case letters, digits, '.', '_' and '-'. Countries: ISO alpha-2. */
export const COUNTRY_ID_PATTERN = /^[A-Z]{2}$/;
export const ENTITY_ID_PATTERN = /^(prov|fac|svc|fn|inc|dep):[a-z0-9][a-z0-9._-]{0,119}$/;

/* ---------------------------------------------------- relationship types */

export const REL = {
  HEADQUARTERED_IN: 'HEADQUARTERED_IN',
  LOCATED_IN: 'LOCATED_IN',
  /** A linear facility's other landing or end countries (besides its LOCATED_IN primary country). */
  LANDS_IN: 'LANDS_IN',
  OPERATES: 'OPERATES',
  OFFERS: 'OFFERS',
  SUBSIDIARY_OF: 'SUBSIDIARY_OF',
  SERVES: 'SERVES',
  ORIGINATED_AT: 'ORIGINATED_AT',
  DEPENDS_ON: 'DEPENDS_ON',
} as const;
export type RelType = (typeof REL)[keyof typeof REL];

/** Structural relationships: (from kind, type, to kind). DEPENDS_ON is listed separately. */
export const STRUCTURAL_RELATIONSHIPS = [
  { from: 'Provider', type: REL.HEADQUARTERED_IN, to: 'Country' },
  { from: 'Facility', type: REL.LOCATED_IN, to: 'Country' },
  { from: 'Facility', type: REL.LANDS_IN, to: 'Country' },
  { from: 'Service', type: REL.LOCATED_IN, to: 'Country' },
  { from: 'Provider', type: REL.OPERATES, to: 'Facility' },
  { from: 'Provider', type: REL.OFFERS, to: 'Service' },
  { from: 'Provider', type: REL.SUBSIDIARY_OF, to: 'Provider' },
  { from: 'CriticalFunction', type: REL.SERVES, to: 'Country' },
] as const;

/**
 * Allowed (dependent kind, supplier kind) pairs for DEPENDS_ON. DEPENDS_ON points
 * from the dependent to its supplier; failure travels the other way.
 */
export const DEPENDS_ON_ALLOWED: Record<DependencyKind, readonly DependencyKind[]> = {
  CriticalFunction: ['Provider', 'Facility', 'Service', 'CriticalFunction'],
  Service: ['Provider', 'Facility', 'Service'],
  Facility: ['Provider', 'Facility', 'Service'],
  Provider: ['Provider', 'Facility', 'Service'],
};

export function isAllowedDependency(dependent: string, supplier: string): boolean {
  const allowed = DEPENDS_ON_ALLOWED[dependent as DependencyKind] as readonly string[] | undefined;
  return allowed !== undefined && allowed.includes(supplier);
}

/* ----------------------------------------------------------------- enums */

export const PROVIDER_KINDS = [
  'CLOUD',
  'DATA_CENTRE',
  'SOFTWARE_VENDOR',
  'MANAGED_SERVICE_PROVIDER',
  'TELECOM',
  'SATELLITE',
  'INTERNET_EXCHANGE',
  'CDN_DNS',
  'SECURITY_IDENTITY',
  'ENERGY',
] as const;
export type ProviderKind = (typeof PROVIDER_KINDS)[number];

export const FACILITY_KINDS = [
  'CLOUD_REGION',
  'DATA_CENTRE_CAMPUS',
  'EXCHANGE_POINT',
  'GROUND_STATION',
  'CABLE_LANDING',
  'NETWORK_POP',
  'POWER_PLANT',
  'SUBSEA_CABLE',
  'PIPELINE',
  'TERRESTRIAL_ROUTE',
  'FUEL_DEPOT',
] as const;
/** Linear assets: they may have several landing or end countries. */
export const LINEAR_FACILITY_KINDS = ['SUBSEA_CABLE', 'PIPELINE', 'TERRESTRIAL_ROUTE'] as const;
export type FacilityKind = (typeof FACILITY_KINDS)[number];

export const SERVICE_KINDS = ['SOFTWARE_PRODUCT', 'PLATFORM_SERVICE', 'NETWORK', 'MANAGED_SERVICE'] as const;
export type ServiceKind = (typeof SERVICE_KINDS)[number];

/**
 * Sectors: NIS2 Annex I (high criticality) and Annex II (other critical), plus
 * defence and humanitarian operations, each with its CISA sector as a crosswalk.
 */
export const SECTORS = {
  ENERGY: { label: 'Energy', nis2: 'Annex I.1', cisa: 'ENERGY' },
  TRANSPORT: { label: 'Transport', nis2: 'Annex I.2', cisa: 'TRANSPORTATION_SYSTEMS' },
  BANKING: { label: 'Banking', nis2: 'Annex I.3', cisa: 'FINANCIAL_SERVICES' },
  FINANCIAL_MARKET_INFRASTRUCTURE: {
    label: 'Financial market infrastructures',
    nis2: 'Annex I.4',
    cisa: 'FINANCIAL_SERVICES',
  },
  HEALTH: { label: 'Health', nis2: 'Annex I.5', cisa: 'HEALTHCARE_AND_PUBLIC_HEALTH' },
  DRINKING_WATER: { label: 'Drinking water', nis2: 'Annex I.6', cisa: 'WATER_AND_WASTEWATER' },
  WASTE_WATER: { label: 'Waste water', nis2: 'Annex I.7', cisa: 'WATER_AND_WASTEWATER' },
  DIGITAL_INFRASTRUCTURE: { label: 'Digital infrastructure', nis2: 'Annex I.8', cisa: 'COMMUNICATIONS' },
  ICT_SERVICE_MANAGEMENT: { label: 'ICT service management', nis2: 'Annex I.9', cisa: 'INFORMATION_TECHNOLOGY' },
  PUBLIC_ADMINISTRATION: {
    label: 'Public administration',
    nis2: 'Annex I.10',
    cisa: 'GOVERNMENT_SERVICES_AND_FACILITIES',
  },
  SPACE: { label: 'Space', nis2: 'Annex I.11', cisa: 'COMMUNICATIONS' },
  POSTAL: { label: 'Postal and courier services', nis2: 'Annex II.1', cisa: 'TRANSPORTATION_SYSTEMS' },
  WASTE_MANAGEMENT: { label: 'Waste management', nis2: 'Annex II.2', cisa: 'WATER_AND_WASTEWATER' },
  CHEMICALS: { label: 'Chemicals', nis2: 'Annex II.3', cisa: 'CHEMICAL' },
  FOOD: { label: 'Food', nis2: 'Annex II.4', cisa: 'FOOD_AND_AGRICULTURE' },
  MANUFACTURING: { label: 'Manufacturing', nis2: 'Annex II.5', cisa: 'CRITICAL_MANUFACTURING' },
  DIGITAL_PROVIDERS: { label: 'Digital providers', nis2: 'Annex II.6', cisa: 'INFORMATION_TECHNOLOGY' },
  RESEARCH: { label: 'Research', nis2: 'Annex II.7', cisa: 'COMMERCIAL_FACILITIES' },
  DEFENCE: { label: 'Defence', nis2: 'outside NIS2', cisa: 'DEFENSE_INDUSTRIAL_BASE' },
  HUMANITARIAN: { label: 'Humanitarian operations', nis2: 'outside NIS2', cisa: 'EMERGENCY_SERVICES' },
} as const;
export type Sector = keyof typeof SECTORS;
export const SECTOR_KEYS = Object.keys(SECTORS) as Sector[];

export const CISA_SECTORS = [
  'CHEMICAL',
  'COMMERCIAL_FACILITIES',
  'COMMUNICATIONS',
  'CRITICAL_MANUFACTURING',
  'DAMS',
  'DEFENSE_INDUSTRIAL_BASE',
  'EMERGENCY_SERVICES',
  'ENERGY',
  'FINANCIAL_SERVICES',
  'FOOD_AND_AGRICULTURE',
  'GOVERNMENT_SERVICES_AND_FACILITIES',
  'HEALTHCARE_AND_PUBLIC_HEALTH',
  'INFORMATION_TECHNOLOGY',
  'NUCLEAR',
  'TRANSPORTATION_SYSTEMS',
  'WATER_AND_WASTEWATER',
] as const;
export type CisaSector = (typeof CISA_SECTORS)[number];

/** Interdependency types after Rinaldi, Peerenboom & Kelly (2001). */
export const DEPENDENCY_TYPES = ['CYBER', 'PHYSICAL', 'LOGICAL', 'GEOGRAPHIC'] as const;
export type DependencyType = (typeof DEPENDENCY_TYPES)[number];

/**
 * Channels a dependency runs over, and what each carries by default (an edge may
 * override both flags and its grace; graph-schema/README.md gives the reasons):
 * - `availability`: the supplier being down takes the dependent down, once the
 *   outage outlasts the edge's grace;
 * - `integrity`: a compromise of the supplier can cross to the dependent (the
 *   supplier holds code execution or administrative rights on it), with the
 *   edge's `propagation` probability;
 * - `graceHours`: how long the dependent runs on without the supplier by default
 *   (batteries, caches, token lifetimes, manual fallback).
 * `trust` is kept as the old name of `integrity`.
 */
export interface ChannelSpec {
  availability: boolean;
  integrity: boolean;
  graceHours: number;
  description: string;
  /** One line: why these defaults. */
  why: string;
}

export const CHANNELS = {
  HOSTING: {
    availability: true,
    integrity: false,
    graceHours: 0,
    description: 'runs on the supplier’s compute or storage',
    why: 'a workload stops when the machine under it stops; a host does not push code into the workload',
  },
  CONNECTIVITY: {
    availability: true,
    integrity: false,
    graceHours: 0,
    description: 'network transit, peering or access',
    why: 'no transit, no traffic; a carrier moves packets and gets no rights on the endpoints',
  },
  SOFTWARE_UPDATE: {
    availability: false,
    integrity: true,
    graceHours: 0,
    description: 'installs code shipped by the supplier',
    why: 'installed software keeps running when the update server is down; a poisoned update runs with the product’s rights (SolarWinds Orion 2020, CrowdStrike channel file 291, 2024)',
  },
  REMOTE_ADMIN: {
    availability: false,
    integrity: true,
    graceHours: 0,
    description: 'the supplier’s tool administers the dependent',
    why: 'managed machines keep running without their console; the console can run anything on them (Kaseya VSA, 2021)',
  },
  MANAGED_SERVICE: {
    availability: true,
    integrity: true,
    graceHours: 0,
    description: 'the supplier operates the dependent’s systems',
    why: 'the operator both keeps the systems up and holds administrative rights on them (Cloud Hopper, 2017)',
  },
  IDENTITY: {
    availability: true,
    integrity: true,
    graceHours: 1,
    description: 'authentication or signing trusted by the dependent',
    why: 'sessions hold until their tokens expire (Microsoft Entra ID access tokens last 60–90 minutes by default), then sign-ins fail; a forged token or signing key is trusted (Storm-0558, 2023)',
  },
  DATA: {
    availability: true,
    integrity: false,
    graceHours: 0,
    description: 'needs data fed by the supplier',
    why: 'a process fed by another stops when the feed stops; each edge states the buffer it has',
  },
  POWER: {
    availability: true,
    integrity: false,
    graceHours: 0,
    description: 'electricity supply',
    why: 'no default backup is assumed; an edge states the battery or generator autonomy it has',
  },
  FUEL: {
    availability: true,
    integrity: false,
    graceHours: 0,
    description: 'fuel or gas supply (pipelines, depots)',
    why: 'no default stock is assumed; an edge states the days of stock it holds',
  },
  DNS: {
    availability: true,
    integrity: false,
    graceHours: 1,
    description: 'name resolution',
    why: 'resolvers answer from cache until records expire (an hour is a common TTL, RFC 1035 §3.2.1), then names stop resolving',
  },
  CONTENT_DELIVERY: {
    availability: true,
    integrity: false,
    graceHours: 0,
    description: 'content served through the supplier’s edge',
    why: 'the sites it serves go dark at once (Fastly, 8 June 2021); what depends on it is the web presence, not the systems behind it',
  },
  TIMING: {
    availability: true,
    integrity: false,
    graceHours: 4,
    description: 'time or positioning signal (e.g. GNSS)',
    why: 'local oscillators hold time for hours after the signal is lost (holdover)',
  },
  SATELLITE_LINK: {
    availability: true,
    integrity: false,
    graceHours: 0,
    description: 'satellite communications capacity',
    why: 'no link, no traffic; a compromise of the operator’s ground segment crosses to terminals only where the edge says so (Viasat KA-SAT, 2022)',
  },
} as const satisfies Record<string, ChannelSpec>;
export type Channel = keyof typeof CHANNELS;
export const CHANNEL_KEYS = Object.keys(CHANNELS) as Channel[];
/** Channels whose default carries integrity (a compromise). */
export const INTEGRITY_CHANNELS = CHANNEL_KEYS.filter((c) => CHANNELS[c].integrity);
/** Old name of INTEGRITY_CHANNELS. */
export const TRUST_CHANNELS = INTEGRITY_CHANNELS;
/** Channels whose default carries availability (an outage). */
export const AVAILABILITY_CHANNELS = CHANNEL_KEYS.filter((c) => CHANNELS[c].availability);

/** What one DEPENDS_ON carries once its channel's defaults and its own overrides are applied. */
export interface EdgeCarriage {
  availability: boolean;
  integrity: boolean;
  graceHours: number;
}

/** The effective carriage of an edge: its own values where set, else its channel's. */
export function edgeCarriage(
  channel: Channel,
  overrides: { carriesAvailability?: boolean | null; carriesIntegrity?: boolean | null; graceHours?: number | null },
): EdgeCarriage {
  const spec: ChannelSpec = CHANNELS[channel];
  return {
    availability: overrides.carriesAvailability ?? spec.availability,
    integrity: overrides.carriesIntegrity ?? spec.integrity,
    graceHours: overrides.graceHours ?? spec.graceHours,
  };
}

/**
 * Default outage length of a scenario, what-if and the linchpin sweep: 24 hours.
 * Most major outages of digital providers on record end within a day (Fastly
 * 2021: 49 minutes; AWS us-east-1, 7 December 2021: about 7 hours; Microsoft 365,
 * 25 January 2023: about 5 hours). A longer or open-ended outage is an explicit
 * choice (`durationHours`, `openEnded: true`).
 */
export const DEFAULT_DURATION_HOURS = 24;

export const CONFIDENCE_LEVELS = ['HIGH', 'MEDIUM', 'LOW'] as const;
export type Confidence = (typeof CONFIDENCE_LEVELS)[number];

/** Traffic Light Protocol 2.0 (FIRST). */
export const TLP_LEVELS = ['CLEAR', 'GREEN', 'AMBER', 'AMBER_STRICT', 'RED'] as const;
export type Tlp = (typeof TLP_LEVELS)[number];

/**
 * Roles, weakest first; each includes every role before it (graph-schema/README.md, "Access").
 * VIEWER reads; PLANNER also runs analyses; ANALYST also saves scenarios; RISK also runs
 * stress tests and mitigations; EDITOR also writes and imports; ADMIN also manages users,
 * keys and reads the audit log.
 */
export const ROLES = ['VIEWER', 'PLANNER', 'ANALYST', 'RISK', 'EDITOR', 'ADMIN'] as const;
export type Role = (typeof ROLES)[number];
export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  VIEWER: 'reads the graph',
  PLANNER: 'also runs analyses (blast radius, rankings, concentration, back-tests)',
  ANALYST: 'also saves, renames and deletes scenarios',
  RISK: 'also runs stress tests and mitigations',
  EDITOR: 'also writes and imports',
  ADMIN: 'also manages users, organisations and API keys, and reads the audit log',
};

/** Labels beside the model (access control and the audit log): never :Entity, never in a snapshot. */
export const ACCESS_LABELS = ['User', 'Organisation', 'ApiKey', 'AuditEntry'] as const;

/** Scenario modes, outage rules and compromise effects (propagation semantics: graph-schema/README.md). */
export const PROPAGATION_MODES = ['OUTAGE', 'COMPROMISE'] as const;
export type PropagationMode = (typeof PROPAGATION_MODES)[number];
export const OUTAGE_RULES = ['HARD', 'THRESHOLD', 'DISTRESS'] as const;
export type OutageRule = (typeof OUTAGE_RULES)[number];
export const COMPROMISE_EFFECTS = ['ACCESS', 'DISRUPT'] as const;
export type CompromiseEffect = (typeof COMPROMISE_EFFECTS)[number];

/* --------------------------------------------------------- property keys */

/** Provenance carried by every node and relationship. */
export const PROVENANCE_KEYS = ['source', 'confidence', 'illustrative', 'tlp', 'sharedWith', 'sharedWithUsers', 'updatedAt'] as const;

/** Properties stored on each node kind (besides `id` and provenance). */
export const NODE_PROPERTIES: Record<NodeKind, readonly string[]> = {
  Country: ['name', 'alpha3', 'numeric', 'natoMember', 'accessionYear', 'latitude', 'longitude', 'threshold'],
  Provider: ['name', 'kind', 'website', 'threshold'],
  Facility: ['name', 'kind', 'city', 'latitude', 'longitude', 'threshold'],
  Service: ['name', 'kind', 'description', 'threshold'],
  CriticalFunction: ['name', 'sector', 'cisaSector', 'description', 'importance', 'importanceRule', 'threshold'],
  Incident: [
    'name',
    'date',
    'mechanism',
    'mode',
    'rule',
    'effect',
    'providerOnly',
    'durationHours',
    'namedCountries',
    'sources',
    'threshold',
  ],
};

/** Properties stored on DEPENDS_ON (besides provenance). */
export const DEPENDS_ON_PROPERTIES = [
  'id',
  'type',
  'channel',
  'strength',
  'redundancyGroup',
  'minAlive',
  'propagation',
  'delayHours',
  'graceHours',
  'recoveryHours',
  'carriesAvailability',
  'carriesIntegrity',
  'capacityShare',
] as const;

/* --------------------------------------------------------------- defaults */

export const DEFAULTS = {
  threshold: 0.5,
  importance: 1,
  minAlive: 1,
  strength: 1,
  propagation: 0,
  delayHours: 0,
  graceHours: null,
  recoveryHours: null,
  carriesAvailability: null,
  carriesIntegrity: null,
  capacityShare: null,
  tlp: 'CLEAR' as Tlp,
  confidence: 'MEDIUM' as Confidence,
  illustrative: false,
};
