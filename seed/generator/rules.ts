/**
 * Parameters of the illustrative generator, documented in seed/README.md#rules.
 * Each number either comes from the public source named beside it (and in
 * RULES[].basis) or is a modelling assumption; none is calibrated against an
 * incident. Change GENERATOR_VERSION when a rule changes.
 */
import type { Channel, Sector } from '../../graph-schema/vocabulary';

export const GENERATOR_VERSION = 'v2';
/** Written into every generated row's updatedAt, so regeneration is byte-identical. */
export const GENERATOR_DATE = '2026-12-02';
/** Fixed seed: the ASCII bytes of "LINC" (0x4C494E43 = 1279872579). */
export const SEED = 0x4c494e43;
export const SOURCE = `Linchpin illustrative generator ${GENERATOR_VERSION} (seed/README.md#rules)`;

/* ------------------------------------------------------------ rule registry */

/**
 * The generator's dependency rules, each individually switchable
 * (`generateIllustrative(facts, { without })`). Every rule draws from its own
 * PRNG stream per entity (`SEED ^ fnv1a32("<entity>#<rule id>")`), so leaving
 * one out does not change the draws of any other. `basis` names the public
 * source behind the rule's numbers, or says "assumption".
 * Rule I (the 384 functions themselves) is not switchable.
 */
export const RULES = [
  { id: 'A1', description: 'functions draw electricity from the national TSOs (several: one group, equal capacity shares), with their sector’s backup autonomy as grace', basis: 'grace: DIN VDE 0100-710 (hospitals, 24 h); Uptime Institute Tier Standard (data centres, 12 h); UK government base-station recommendation (1 h); other sectors: assumption or none' },
  { id: 'A2', description: 'functions reach the national telecom networks, 1-of-n', basis: 'assumption' },
  { id: 'B', description: 'core operations of cloud-hosted sectors (public administration, food retail) run in k of the nearest hosting sites', basis: 'Eurostat isoc_cicce_use 2023: 45.2% of EU enterprises buy cloud, 43.0% of those buy database hosting; the sector split is an assumption' },
  { id: 'B2', description: 'a public-facing function’s website sits on a shared-hosting campus (web presence: no availability)', basis: 'assumption' },
  { id: 'B3', description: 'IT workloads (files, back office) of a cloud-buying function run in one nearby cloud region, in the function’s IT group (no availability to an on-premises core)', basis: 'Eurostat isoc_cicce_use 2023: 45.2% buy cloud (per-country where published), 68.0% of those buy file storage' },
  { id: 'C1', description: 'Windows Update (SOFTWARE_UPDATE, integrity only)', basis: 'assumption' },
  { id: 'C2', description: 'endpoint security agent: Defender or CrowdStrike (SOFTWARE_UPDATE)', basis: 'assumption' },
  { id: 'C3', description: 'SolarWinds Orion network monitoring (SOFTWARE_UPDATE)', basis: 'assumption' },
  { id: 'C4', description: 'Ivanti Connect Secure VPN appliance (SOFTWARE_UPDATE)', basis: 'assumption' },
  { id: 'C5', description: 'MOVEit Transfer (SOFTWARE_UPDATE)', basis: 'assumption' },
  { id: 'C6', description: 'cloud e-mail and office identity (Entra ID or Google Workspace; Okta), in the function’s IT group', basis: 'Eurostat isoc_cicce_use 2023: 82.7% of cloud buyers buy e-mail; provider split: assumption' },
  { id: 'C7', description: 'IT operated by a managed service provider, in the function’s IT group', basis: 'assumption' },
  { id: 'C8', description: 'Kaseya VSA run in-house (REMOTE_ADMIN, integrity only)', basis: 'assumption' },
  { id: 'C9', description: 'M.E.Doc for firms with Ukrainian operations (SOFTWARE_UPDATE)', basis: 'assumption' },
  { id: 'D1', description: 'a public-facing function’s website sits behind a CDN (web presence: no availability)', basis: 'assumption' },
  { id: 'D2', description: 'a public-facing function’s domain uses third-party authoritative DNS (web presence: no availability)', basis: 'assumption' },
  { id: 'D3', description: 'satellite communications over two networks, 1-of-2', basis: 'assumption' },
  { id: 'E1', description: 'functions draw power through their country’s energy function, with their sector’s grace', basis: 'grace as in A1: DIN VDE 0100-710, Uptime Institute Tier Standard, UK government; the other sectors: assumption or none' },
  { id: 'E2', description: 'other cross-sector dependencies within a country (connectivity, data with a buffer, timing, satellite)', basis: 'assumption' },
  { id: 'F1', description: 'facilities draw electricity from their country’s TSO; data centres and exchanges with 12 h of generator fuel', basis: 'Uptime Institute Tier Standard: Topology (12 h minimum on-site fuel)' },
  { id: 'F2', description: 'facilities reach the 2 nearest exchange points and the national networks, 1-of-n', basis: 'assumption' },
  { id: 'G1', description: 'a cloud provider’s platform service runs in all of its hosting sites, 1-of-n', basis: 'assumption' },
  { id: 'G2', description: 'national networks draw electricity from the TSOs of their country (one group, equal capacity shares), 1 h of battery', basis: 'UK government recommendation of 1 h battery backup at base stations (Ofcom, 2007)' },
  { id: 'G3', description: 'MSP services run Kaseya VSA and SolarWinds Orion with some probability', basis: 'assumption' },
] as const satisfies readonly { id: string; description: string; basis: string }[];
export type RuleId = (typeof RULES)[number]['id'];
export const RULE_IDS: readonly RuleId[] = RULES.map((r) => r.id);

/** Where a sector's core operational systems run (rule B; seed/README.md#rules). */
export type CoreSite = 'ON_PREMISES' | 'HOSTED';

/** Per-sector function description and draw probabilities (rules A1, B, C, D, E1). */
export interface SectorRule {
  sector: Sector;
  /** What the function stands for, used in its name. */
  function: string;
  /**
   * ON_PREMISES: operators of essential services run their core (OT/SCADA,
   * clinical systems, payment core, C2) on their own or national facilities;
   * only their IT (office, e-mail, web, back office) is bought as a service.
   * HOSTED: the core itself may run at a hosting provider (rule B).
   */
  core: CoreSite;
  /** Backup autonomy of the function's electricity supply, hours (A1, E1); null: the POWER channel's default (0). */
  powerGraceHours: number | null;
  /** P(network monitoring, Orion-like) — SOFTWARE_UPDATE. */
  pMonitoring: number;
  /** P(VPN / remote-access appliance, Ivanti-like) — SOFTWARE_UPDATE. */
  pRemoteAccess: number;
  /** P(managed file transfer, MOVEit-like) — SOFTWARE_UPDATE. */
  pFileTransfer: number;
  /** P(IT outsourced to an MSP) — MANAGED_SERVICE. */
  pMsp: number;
  /** P(public-facing web presence) — CDN, DNS, web hosting (B2, D1, D2). */
  pPublic: number;
  /** P(needs satellite communications) — SATELLITE_LINK. */
  pSatellite: number;
}

/**
 * Backup autonomy of electricity supply by sector (hours of grace on POWER edges).
 * - HEALTH 24: DIN VDE 0107 / DIN VDE 0100-710, safety power supply for at least 24 h.
 * - BANKING, FINANCIAL_MARKET_INFRASTRUCTURE 12: the Uptime Institute Tier Standard's 12-hour
 *   minimum of on-site generator fuel (assumption: payment cores run in tier-rated data centres).
 * - DIGITAL_INFRASTRUCTURE 1: the UK government's recommendation of 1 h battery backup at base stations.
 * - ENERGY 24, DEFENCE 24: assumption (control centres and military sites keep generators; no figure used).
 * - The others: no source, so the channel default (0 h).
 */
export const POWER_GRACE = {
  health: 24,
  dataCentre: 12,
  mobileSite: 1,
  assumedControlCentre: 24,
} as const;

export const SECTOR_RULES: readonly SectorRule[] = [
  { sector: 'ENERGY', function: 'electricity transmission and system operation', core: 'ON_PREMISES', powerGraceHours: POWER_GRACE.assumedControlCentre, pMonitoring: 0.2, pRemoteAccess: 0.4, pFileTransfer: 0.1, pMsp: 0.15, pPublic: 0.2, pSatellite: 0.15 },
  { sector: 'TRANSPORT', function: 'rail, air and port operations', core: 'ON_PREMISES', powerGraceHours: null, pMonitoring: 0.15, pRemoteAccess: 0.3, pFileTransfer: 0.15, pMsp: 0.2, pPublic: 0.8, pSatellite: 0.2 },
  { sector: 'BANKING', function: 'retail payments and access to deposits', core: 'ON_PREMISES', powerGraceHours: POWER_GRACE.dataCentre, pMonitoring: 0.2, pRemoteAccess: 0.3, pFileTransfer: 0.3, pMsp: 0.15, pPublic: 0.9, pSatellite: 0.05 },
  { sector: 'FINANCIAL_MARKET_INFRASTRUCTURE', function: 'payment settlement and securities clearing', core: 'ON_PREMISES', powerGraceHours: POWER_GRACE.dataCentre, pMonitoring: 0.2, pRemoteAccess: 0.3, pFileTransfer: 0.4, pMsp: 0.1, pPublic: 0.3, pSatellite: 0.05 },
  { sector: 'HEALTH', function: 'hospital care', core: 'ON_PREMISES', powerGraceHours: POWER_GRACE.health, pMonitoring: 0.15, pRemoteAccess: 0.3, pFileTransfer: 0.2, pMsp: 0.3, pPublic: 0.7, pSatellite: 0.05 },
  { sector: 'DRINKING_WATER', function: 'drinking water supply', core: 'ON_PREMISES', powerGraceHours: null, pMonitoring: 0.1, pRemoteAccess: 0.4, pFileTransfer: 0.05, pMsp: 0.25, pPublic: 0.3, pSatellite: 0.05 },
  { sector: 'DIGITAL_INFRASTRUCTURE', function: 'public electronic communications', core: 'ON_PREMISES', powerGraceHours: POWER_GRACE.mobileSite, pMonitoring: 0.3, pRemoteAccess: 0.3, pFileTransfer: 0.1, pMsp: 0.1, pPublic: 0.6, pSatellite: 0.1 },
  { sector: 'PUBLIC_ADMINISTRATION', function: 'continuity of government services', core: 'HOSTED', powerGraceHours: null, pMonitoring: 0.35, pRemoteAccess: 0.4, pFileTransfer: 0.3, pMsp: 0.3, pPublic: 0.9, pSatellite: 0.05 },
  { sector: 'SPACE', function: 'satellite communications and ground segment', core: 'ON_PREMISES', powerGraceHours: null, pMonitoring: 0.15, pRemoteAccess: 0.2, pFileTransfer: 0.1, pMsp: 0.1, pPublic: 0.3, pSatellite: 1.0 },
  { sector: 'FOOD', function: 'food retail and distribution', core: 'HOSTED', powerGraceHours: null, pMonitoring: 0.1, pRemoteAccess: 0.2, pFileTransfer: 0.15, pMsp: 0.35, pPublic: 0.8, pSatellite: 0.05 },
  { sector: 'DEFENCE', function: 'armed forces command, control and logistics support', core: 'ON_PREMISES', powerGraceHours: POWER_GRACE.assumedControlCentre, pMonitoring: 0.25, pRemoteAccess: 0.2, pFileTransfer: 0.1, pMsp: 0.05, pPublic: 0.2, pSatellite: 0.5 },
  { sector: 'HUMANITARIAN', function: 'civil protection and emergency response', core: 'ON_PREMISES', powerGraceHours: null, pMonitoring: 0.1, pRemoteAccess: 0.2, pFileTransfer: 0.1, pMsp: 0.25, pPublic: 0.8, pSatellite: 0.4 },
];

/** Importance by sector group (rule I). */
export const IMPORTANCE = {
  annexI: 1.0,
  defence: 1.0,
  humanitarian: 0.8,
  annexII: 0.6,
} as const;
export const IMPORTANCE_RULE =
  'sector-weight-v1: NIS2 Annex I = 1.0; DEFENCE = 1.0; HUMANITARIAN = 0.8; NIS2 Annex II = 0.6';

/**
 * Cloud use, Eurostat isoc_cicce_use, 2023 (enterprises with at least 10 persons employed):
 * 45.2% of EU enterprises bought cloud computing services; the published country extremes
 * are FI 78.3%, SE 71.6%, DK 69.5%, GR 23.6%, RO 18.4%, BG 17.5%. Of the enterprises that
 * bought cloud: e-mail 82.7%, file storage 68.0%, hosting of the enterprise's database 43.0%.
 * Source: Eurostat news 2023-12-08 (ddn-20231208-1). Members without a published figure here use
 * the EU share (assumption: it transfers to non-EU members and to operators of essential services).
 */
export const P_CLOUD_EU = 0.452;
export const P_CLOUD_BY_COUNTRY: Readonly<Record<string, number>> = {
  FI: 0.783,
  SE: 0.716,
  DK: 0.695,
  GR: 0.236,
  RO: 0.184,
  BG: 0.175,
};
/** Of cloud buyers: buys e-mail as a cloud service (C6). */
export const P_EMAIL_GIVEN_CLOUD = 0.827;
/** Of cloud buyers: buys file storage (B3, IT hosting). */
export const P_FILES_GIVEN_CLOUD = 0.68;
/** Of cloud buyers: buys hosting of its database (B, core hosting of HOSTED sectors). */
export const P_DATABASE_GIVEN_CLOUD = 0.43;

/** Rule B: number of hosting regions k and its probabilities; candidate pool size. */
export const HOSTING_K_DISTRIBUTION: readonly (readonly [number, number])[] = [
  [1, 0.5],
  [2, 0.3],
  [3, 0.2],
];
export const HOSTING_CANDIDATES = 8;
/** Rule B2: probability of a hosted web presence, given that the function is public-facing (pPublic). */
export const P_WEB_GIVEN_PUBLIC = 0.5;
/** Rule B2: the shared-hosting campuses drawn from (nearest to the country centroid). */
export const WEB_HOSTING_CANDIDATES = 4;

/** Rule C: sector-independent probabilities. */
export const P_OS_UPDATE = 0.8;
export const P_ENDPOINT = 0.7;
/** C6: the e-mail / office suite's identity provider (weights; assumption). */
export const IDENTITY_SUITES: readonly (readonly [string, number])[] = [
  ['svc:entra-id', 0.8],
  ['svc:google-workspace', 0.2],
];
/** C6: P(a separate workforce identity provider in front of the suite | cloud buyer) (assumption). */
export const P_OKTA_GIVEN_CLOUD = 0.15;
export const OKTA = 'svc:okta-workforce-identity';
export const P_RMM_DIRECT = 0.03;
export const P_UA_TAX_SOFTWARE = 0.02;
export const MSP_SAME_COUNTRY_WEIGHT = 3;
export const MSP_P_RMM = 0.3;
export const MSP_P_MONITORING = 0.3;

/** Named products used by rules C and D (skipped if absent from the facts). */
export const CATALOGUE = {
  osUpdate: 'svc:microsoft-windows-update',
  endpoint: ['svc:microsoft-defender', 'svc:crowdstrike-falcon'],
  monitoring: 'svc:solarwinds-orion',
  remoteAccess: 'svc:ivanti-connect-secure',
  fileTransfer: 'svc:moveit-transfer',
  rmm: 'svc:kaseya-vsa',
  uaTaxSoftware: 'svc:medoc',
  cdn: ['svc:fastly-cdn', 'svc:cloudflare-cdn', 'svc:akamai-cdn'],
  dns: ['svc:cloudflare-dns', 'svc:akamai-edge-dns', 'svc:aws-route53'],
} as const;
/** Rule D: P(authoritative DNS with a third party | public-facing). */
export const P_DNS_GIVEN_PUBLIC = 0.7;

/** Rules E1 (POWER) and E2 (the rest): cross-sector function -> function dependencies within one country. */
export const CROSS_SECTOR: readonly { from: Sector; to: Sector; channel: Channel; p: number }[] = [
  { from: 'BANKING', to: 'FINANCIAL_MARKET_INFRASTRUCTURE', channel: 'DATA', p: 1 },
  { from: 'BANKING', to: 'DIGITAL_INFRASTRUCTURE', channel: 'CONNECTIVITY', p: 1 },
  { from: 'FINANCIAL_MARKET_INFRASTRUCTURE', to: 'DIGITAL_INFRASTRUCTURE', channel: 'CONNECTIVITY', p: 1 },
  { from: 'HEALTH', to: 'ENERGY', channel: 'POWER', p: 1 },
  { from: 'DRINKING_WATER', to: 'ENERGY', channel: 'POWER', p: 1 },
  { from: 'DIGITAL_INFRASTRUCTURE', to: 'ENERGY', channel: 'POWER', p: 1 },
  { from: 'ENERGY', to: 'DIGITAL_INFRASTRUCTURE', channel: 'CONNECTIVITY', p: 0.5 },
  { from: 'TRANSPORT', to: 'SPACE', channel: 'TIMING', p: 1 },
  { from: 'TRANSPORT', to: 'ENERGY', channel: 'POWER', p: 0.5 },
  { from: 'DEFENCE', to: 'SPACE', channel: 'SATELLITE_LINK', p: 1 },
  { from: 'DEFENCE', to: 'DIGITAL_INFRASTRUCTURE', channel: 'CONNECTIVITY', p: 1 },
  { from: 'DEFENCE', to: 'ENERGY', channel: 'POWER', p: 1 },
  { from: 'HUMANITARIAN', to: 'DIGITAL_INFRASTRUCTURE', channel: 'CONNECTIVITY', p: 1 },
  { from: 'HUMANITARIAN', to: 'HEALTH', channel: 'DATA', p: 0.5 },
  { from: 'PUBLIC_ADMINISTRATION', to: 'DIGITAL_INFRASTRUCTURE', channel: 'CONNECTIVITY', p: 1 },
  { from: 'FOOD', to: 'BANKING', channel: 'DATA', p: 1 },
];
/** E2: DATA edges' buffer, graceHours ~ U(lo, hi) rounded to 1 decimal (assumption; v1's delay range, now a grace). */
export const DATA_GRACE_RANGE = [2, 24] as const;

/** Rule F1: proxy point (HQ city) standing for the service area of each TSO in countries with several. */
export const ENERGY_PROXY_POINTS: Readonly<Record<string, readonly [number, number]>> = {
  'prov:pjm': [40.12, -75.42], // Audubon / Valley Forge, PA
  'prov:ercot': [30.27, -97.74], // Austin, TX
  'prov:caiso': [38.68, -121.18], // Folsom, CA
  'prov:miso': [39.98, -86.12], // Carmel, IN
  'prov:spp': [34.75, -92.29], // Little Rock, AR
  'prov:hydro-quebec': [45.5, -73.57], // Montréal
  'prov:ieso': [43.65, -79.38], // Toronto
  'prov:aeso': [51.05, -114.07], // Calgary
  'prov:50hertz': [52.52, 13.4], // Berlin
  'prov:amprion': [51.51, 7.47], // Dortmund
  'prov:transnetbw': [48.78, 9.18], // Stuttgart
};

/** Rule F2: how many nearest exchange points join a facility's connectivity group. */
export const FACILITY_EXCHANGES = 2;
/** Rule F1: facility kinds with generator fuel for POWER_GRACE.dataCentre hours (exchanges sit in colocation sites: assumption). */
export const GENERATOR_BACKED_FACILITIES: readonly string[] = ['CLOUD_REGION', 'DATA_CENTRE_CAMPUS', 'EXCHANGE_POINT'];

/* ---------------------------------------------------- edge parameter draws */

/** strength ~ U(lo, hi), rounded to 2 decimals. */
export const STRENGTH_RANGE = [0.3, 1] as const;
/** recoveryHours ~ U(lo, hi), rounded to the hour. */
export const RECOVERY_RANGE = [4, 72] as const;
/**
 * delayHours is pure latency: how long before a supplier's failure or compromise is
 * felt. ~ U(lo, hi) by channel, rounded to 1 decimal; 0 for every channel not listed
 * (their effect is immediate; buffers are graceHours).
 * - SOFTWARE_UPDATE: rollout lag of an update, 0–72 h (assumption).
 * - REMOTE_ADMIN: a job pushed from the console reaches the agents, 0–2 h (assumption).
 * - MANAGED_SERVICE: an operator's (or intruder's) action reaches the client's systems, 0–4 h (assumption).
 */
export const LATENCY_RANGE: Readonly<Partial<Record<Channel, readonly [number, number]>>> = {
  SOFTWARE_UPDATE: [0, 72],
  REMOTE_ADMIN: [0, 2],
  MANAGED_SERVICE: [0, 4],
};
/**
 * propagation = base + span * mean of n uniforms (rounded to 2 decimals) on edges that
 * carry integrity; 0 on every other edge.
 */
export const PROPAGATION: Readonly<Partial<Record<Channel, { base: number; span: number; n: number }>>> = {
  SOFTWARE_UPDATE: { base: 0, span: 0.6, n: 3 }, // mean 0.3, range [0, 0.6]
  REMOTE_ADMIN: { base: 0.3, span: 0.4, n: 2 }, // mean 0.5, range [0.3, 0.7]
  MANAGED_SERVICE: { base: 0.3, span: 0.4, n: 2 }, // mean 0.5, range [0.3, 0.7]
  IDENTITY: { base: 0.2, span: 0.4, n: 2 }, // mean 0.4, range [0.2, 0.6]
};
