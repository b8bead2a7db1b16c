/**
 * Parameters of the illustrative generator. Every number here is a modelling
 * assumption, documented in seed/README.md#rules; none is calibrated against an
 * incident. Change GENERATOR_VERSION when a rule changes.
 */
import type { Channel, Sector } from '../../graph-schema/vocabulary';

export const GENERATOR_VERSION = 'v1';
/** Written into every generated row's updatedAt, so regeneration is byte-identical. */
export const GENERATOR_DATE = '2026-11-26';
/** Fixed seed: the ASCII bytes of "LINC" (0x4C494E43 = 1279872579). */
export const SEED = 0x4c494e43;
export const SOURCE = `Linchpin illustrative generator ${GENERATOR_VERSION} (seed/README.md#rules)`;

/** Per-sector function description and draw probabilities (rules B, C, D, S). */
export interface SectorRule {
  sector: Sector;
  /** What the function stands for, used in its name. */
  function: string;
  /** P(function runs on public cloud / hosting at all). */
  pCloud: number;
  /** P(network monitoring, Orion-like) — SOFTWARE_UPDATE. */
  pMonitoring: number;
  /** P(VPN / remote-access appliance, Ivanti-like) — SOFTWARE_UPDATE. */
  pRemoteAccess: number;
  /** P(managed file transfer, MOVEit-like) — SOFTWARE_UPDATE. */
  pFileTransfer: number;
  /** P(IT outsourced to an MSP) — MANAGED_SERVICE. */
  pMsp: number;
  /** P(public-facing web presence behind a CDN) — CONTENT_DELIVERY (+ DNS). */
  pPublic: number;
  /** P(needs satellite communications) — SATELLITE_LINK. */
  pSatellite: number;
}

export const SECTOR_RULES: readonly SectorRule[] = [
  { sector: 'ENERGY', function: 'electricity transmission and system operation', pCloud: 0.6, pMonitoring: 0.2, pRemoteAccess: 0.4, pFileTransfer: 0.1, pMsp: 0.15, pPublic: 0.2, pSatellite: 0.15 },
  { sector: 'TRANSPORT', function: 'rail, air and port operations', pCloud: 0.8, pMonitoring: 0.15, pRemoteAccess: 0.3, pFileTransfer: 0.15, pMsp: 0.2, pPublic: 0.8, pSatellite: 0.2 },
  { sector: 'BANKING', function: 'retail payments and access to deposits', pCloud: 0.85, pMonitoring: 0.2, pRemoteAccess: 0.3, pFileTransfer: 0.3, pMsp: 0.15, pPublic: 0.9, pSatellite: 0.05 },
  { sector: 'FINANCIAL_MARKET_INFRASTRUCTURE', function: 'payment settlement and securities clearing', pCloud: 0.7, pMonitoring: 0.2, pRemoteAccess: 0.3, pFileTransfer: 0.4, pMsp: 0.1, pPublic: 0.3, pSatellite: 0.05 },
  { sector: 'HEALTH', function: 'hospital care', pCloud: 0.8, pMonitoring: 0.15, pRemoteAccess: 0.3, pFileTransfer: 0.2, pMsp: 0.3, pPublic: 0.7, pSatellite: 0.05 },
  { sector: 'DRINKING_WATER', function: 'drinking water supply', pCloud: 0.5, pMonitoring: 0.1, pRemoteAccess: 0.4, pFileTransfer: 0.05, pMsp: 0.25, pPublic: 0.3, pSatellite: 0.05 },
  { sector: 'DIGITAL_INFRASTRUCTURE', function: 'public electronic communications', pCloud: 0.9, pMonitoring: 0.3, pRemoteAccess: 0.3, pFileTransfer: 0.1, pMsp: 0.1, pPublic: 0.6, pSatellite: 0.1 },
  { sector: 'PUBLIC_ADMINISTRATION', function: 'continuity of government services', pCloud: 0.85, pMonitoring: 0.35, pRemoteAccess: 0.4, pFileTransfer: 0.3, pMsp: 0.3, pPublic: 0.9, pSatellite: 0.05 },
  { sector: 'SPACE', function: 'satellite communications and ground segment', pCloud: 0.7, pMonitoring: 0.15, pRemoteAccess: 0.2, pFileTransfer: 0.1, pMsp: 0.1, pPublic: 0.3, pSatellite: 1.0 },
  { sector: 'FOOD', function: 'food retail and distribution', pCloud: 0.8, pMonitoring: 0.1, pRemoteAccess: 0.2, pFileTransfer: 0.15, pMsp: 0.35, pPublic: 0.8, pSatellite: 0.05 },
  { sector: 'DEFENCE', function: 'armed forces command, control and logistics support', pCloud: 0.4, pMonitoring: 0.25, pRemoteAccess: 0.2, pFileTransfer: 0.1, pMsp: 0.05, pPublic: 0.2, pSatellite: 0.5 },
  { sector: 'HUMANITARIAN', function: 'civil protection and emergency response', pCloud: 0.7, pMonitoring: 0.1, pRemoteAccess: 0.2, pFileTransfer: 0.1, pMsp: 0.25, pPublic: 0.8, pSatellite: 0.4 },
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
/** Sectors that run k = 3 as a quorum (2-of-3) instead of 1-of-3. */
export const QUORUM_SECTORS: readonly Sector[] = ['BANKING', 'FINANCIAL_MARKET_INFRASTRUCTURE'];

/** Rule C: sector-independent probabilities. */
export const P_OS_UPDATE = 0.8;
export const P_ENDPOINT = 0.7;
export const P_IDENTITY: readonly (readonly [string, number])[] = [
  ['svc:entra-id', 0.6],
  ['svc:okta-workforce-identity', 0.15],
  ['svc:google-workspace', 0.1],
];
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

/** Rule E: cross-sector function -> function dependencies within one country. */
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

/* ---------------------------------------------------- edge parameter draws */

/** strength ~ U(lo, hi), rounded to 2 decimals. */
export const STRENGTH_RANGE = [0.3, 1] as const;
/** recoveryHours ~ U(lo, hi), rounded to the hour. */
export const RECOVERY_RANGE = [4, 72] as const;
/** delayHours ~ U(lo, hi) by channel, rounded to 1 decimal. */
export const DELAY_RANGE: Readonly<Record<Channel, readonly [number, number]>> = {
  HOSTING: [0, 1],
  CONNECTIVITY: [0, 1],
  SOFTWARE_UPDATE: [0, 72],
  REMOTE_ADMIN: [0, 2],
  MANAGED_SERVICE: [0, 4],
  IDENTITY: [0, 8],
  FUEL: [0, 0],
  DATA: [2, 24],
  POWER: [0, 4],
  DNS: [0, 4],
  CONTENT_DELIVERY: [0, 0.5],
  TIMING: [0, 24],
  SATELLITE_LINK: [0, 1],
};
/**
 * propagation = base + span * mean of n uniforms (rounded to 2 decimals) for
 * trust channels; 0 for the others.
 */
export const PROPAGATION: Readonly<Partial<Record<Channel, { base: number; span: number; n: number }>>> = {
  SOFTWARE_UPDATE: { base: 0, span: 0.6, n: 3 }, // mean 0.3, range [0, 0.6]
  REMOTE_ADMIN: { base: 0.3, span: 0.4, n: 2 }, // mean 0.5, range [0.3, 0.7]
  MANAGED_SERVICE: { base: 0.3, span: 0.4, n: 2 }, // mean 0.5, range [0.3, 0.7]
  IDENTITY: { base: 0.2, span: 0.4, n: 2 }, // mean 0.4, range [0.2, 0.6]
};
