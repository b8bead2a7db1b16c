/**
 * Renders the vocabulary's enums as GraphQL SDL (graph-schema/sdl/vocabulary.graphql),
 * so that the API's enums are the vocabulary's, never a second copy typed by hand.
 * `npm run codegen` writes the file; a test fails when it is stale.
 */
import {
  CHANNELS,
  CHANNEL_KEYS,
  CISA_SECTORS,
  COMPROMISE_EFFECTS,
  CONFIDENCE_LEVELS,
  DEPENDENCY_TYPES,
  FACILITY_KINDS,
  NODE_KINDS,
  OUTAGE_RULES,
  PROPAGATION_MODES,
  PROVIDER_KINDS,
  SECTORS,
  SECTOR_KEYS,
  SERVICE_KINDS,
  TLP_LEVELS,
  ROLES,
  ROLE_DESCRIPTIONS,
} from './vocabulary';

function enumBlock(name: string, description: string, values: readonly string[], describe?: (v: string) => string) {
  const body = values
    .map((v) => (describe ? `  """${describe(v)}"""\n  ${v}` : `  ${v}`))
    .join('\n');
  return `"""${description}"""\nenum ${name} {\n${body}\n}\n`;
}

export function renderVocabularySdl(): string {
  return [
    '# GENERATED from graph-schema/vocabulary.ts by `npm run codegen`. Do not edit.\n',
    enumBlock('NodeKind', 'The kinds of node in the model.', NODE_KINDS),
    enumBlock('ProviderKind', 'What a provider does.', PROVIDER_KINDS),
    enumBlock('FacilityKind', 'What a facility is.', FACILITY_KINDS),
    enumBlock('ServiceKind', 'What a service is.', SERVICE_KINDS),
    enumBlock(
      'Sector',
      'Sectors of critical functions: NIS2 Annex I and II, plus defence and humanitarian operations.',
      SECTOR_KEYS,
      (s) => `${SECTORS[s as keyof typeof SECTORS].label} (NIS2 ${SECTORS[s as keyof typeof SECTORS].nis2}; CISA ${SECTORS[s as keyof typeof SECTORS].cisa})`,
    ),
    enumBlock('CisaSector', 'The 16 US CISA critical infrastructure sectors, used as a crosswalk.', CISA_SECTORS),
    enumBlock('DependencyType', 'Interdependency types after Rinaldi, Peerenboom & Kelly (2001).', DEPENDENCY_TYPES),
    enumBlock(
      'Channel',
      'What a dependency runs over, and what it carries by default (availability: an outage crosses; integrity: a compromise can cross; grace: hours the dependent runs on without the supplier).',
      CHANNEL_KEYS,
      (c) => {
        const spec = CHANNELS[c as keyof typeof CHANNELS];
        const carries = [spec.availability ? 'availability' : null, spec.integrity ? 'integrity' : null].filter(Boolean).join(' and ');
        return `${spec.description}; carries ${carries}, grace ${spec.graceHours} h by default: ${spec.why}`;
      },
    ),
    enumBlock('Confidence', 'How sure the source is.', CONFIDENCE_LEVELS),
    enumBlock('Tlp', 'Traffic Light Protocol 2.0 sharing level.', TLP_LEVELS),
    enumBlock('Role', 'Access roles, weakest first; each includes every role before it.', ROLES, (r) => ROLE_DESCRIPTIONS[r as keyof typeof ROLE_DESCRIPTIONS]),
    enumBlock('PropagationMode', 'OUTAGE (availability) or COMPROMISE (integrity).', PROPAGATION_MODES),
    enumBlock('OutageRule', 'How an outage spreads: HARD, THRESHOLD or DISTRESS.', OUTAGE_RULES),
    enumBlock('CompromiseEffect', 'Whether compromised nodes keep running (ACCESS) or fail (DISRUPT).', COMPROMISE_EFFECTS),
  ].join('\n');
}
