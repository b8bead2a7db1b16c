/**
 * The drawn graph shared by the concentration tests (not part of the public API).
 *
 *   countries: US, FR, DE, LU (NATO members); CN, CH (not)
 *   providers: aws (US), awseu (LU, SUBSIDIARY_OF aws), azure (US), ovh (FR), ali (CN), idle (FR, owns nothing)
 *   owned:     aws ─ s3   awseu ─ fra (facility in DE)   azure ─ blob   ovh ─ vps   ali ─ oss
 *
 *   bank (DE, BANKING, importance 1) ──► s3
 *                                    ──► fra          strength 0.5
 *                                    ──► blob  |g     strength 0.6  ┐ alternatives
 *                                    ──► vps   |g     strength 1    ┘
 *   hosp (FR, HEALTH, 2)             ──► s3
 *                                    ──► pay          strength 0.5
 *   pay  (DE, BANKING, 3)            ──► oss
 *   zrh  (CH, HEALTH, 1)             ──► s3
 *   s3                               ──► fra
 */
import type { PropagationGraph } from '../propagation/types';
import { drawnGraph } from '../stress-test/test-graphs';
import { buildOwnershipContext, type OwnershipContext, type OwnershipRecords } from './ownership';

export function fixture(): { g: PropagationGraph; ctx: OwnershipContext; records: OwnershipRecords } {
  const g = drawnGraph({
    nodes: 'P:aws P:awseu P:azure P:ovh P:ali P:idle S:s3 F:fra S:blob S:vps S:oss CF:bank CF:hosp*2 CF:pay*3 CF:zrh',
    edges: 'bank>s3 bank>fra:0.5 bank>blob:0.6|g bank>vps|g hosp>s3 hosp>pay:0.5 pay>oss zrh>s3 s3>fra',
    owned: 'aws>s3 awseu>fra azure>blob ovh>vps ali>oss',
  });
  const records: OwnershipRecords = {
    countries: [
      { id: 'US', natoMember: true },
      { id: 'FR', natoMember: true },
      { id: 'DE', natoMember: true },
      { id: 'LU', natoMember: true },
      { id: 'CN', natoMember: false },
      { id: 'CH', natoMember: false },
    ],
    sectors: ['BANKING', 'HEALTH', 'ENERGY'],
    providers: [
      { id: 'aws', headquarters: 'US' },
      { id: 'awseu', headquarters: 'LU', parent: 'aws' },
      { id: 'azure', headquarters: 'US' },
      { id: 'ovh', headquarters: 'FR' },
      { id: 'ali', headquarters: 'CN' },
      { id: 'idle', headquarters: 'FR' },
    ],
    facilities: [{ id: 'fra', country: 'DE', operator: 'awseu' }],
    services: [
      { id: 's3', provider: 'aws' },
      { id: 'blob', provider: 'azure' },
      { id: 'vps', provider: 'ovh' },
      { id: 'oss', provider: 'ali' },
    ],
    functions: [
      { id: 'bank', country: 'DE', sector: 'BANKING' },
      { id: 'hosp', country: 'FR', sector: 'HEALTH' },
      { id: 'pay', country: 'DE', sector: 'BANKING' },
      { id: 'zrh', country: 'CH', sector: 'HEALTH' },
    ],
  };
  return { g, ctx: buildOwnershipContext(g, records), records };
}
