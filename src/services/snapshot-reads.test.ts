/**
 * Reads served from the snapshot, on a tiny drawn graph, with TLP markings:
 *
 *        FR (country)                      RED: prov:red (shared with user 'u1')
 *        ^ HEADQUARTERED_IN
 *   prov:green ──OPERATES──> fac:dc (LOCATED_IN FR)
 *        ^                      ^
 *        | dep:f-green          | dep:f-dc
 *      fn:fr-power ──dep:f-red──> prov:red
 */
import { describe, expect, it } from 'vitest';
import type { Clearance } from '../auth/clearance';
import { buildSnapshot, collector } from '../projection/snapshot';
import type { Snapshot } from '../projection/snapshot';
import {
  dependenciesFromSnapshot,
  listDependenciesFromSnapshot,
  listFromSnapshot,
  nodesFromSnapshot,
  relatedFromSnapshot,
  searchSnapshot,
} from './snapshot-reads';

function tinySnapshot(): Snapshot {
  const { onRow, collected } = collector();
  const source = { source: 'https://example.org', confidence: 'HIGH', illustrative: false, updatedAt: '2026-01-01T00:00:00Z' };
  onRow({ t: 'version', version: 7 });
  onRow({ t: 'node', id: 'FR', kind: 'Country', props: { id: 'FR', name: 'France', natoMember: true, ...source }, location: 'FR', links: [] });
  onRow({ t: 'node', id: 'prov:green', kind: 'Provider', props: { id: 'prov:green', name: 'Green Cloud', kind: 'CLOUD', tlp: 'GREEN', ...source }, location: 'FR', links: [['HEADQUARTERED_IN', 'FR'], ['OPERATES', 'fac:dc']] });
  onRow({ t: 'node', id: 'prov:red', kind: 'Provider', props: { id: 'prov:red', name: 'Red Cloud', kind: 'CLOUD', tlp: 'RED', sharedWithUsers: ['u1'], ...source }, location: null, links: [] });
  onRow({ t: 'node', id: 'fac:dc', kind: 'Facility', props: { id: 'fac:dc', name: 'Green DC', kind: 'DATA_CENTRE', ...source }, location: 'FR', links: [['LOCATED_IN', 'FR']] });
  onRow({ t: 'node', id: 'fn:fr-power', kind: 'CriticalFunction', props: { id: 'fn:fr-power', name: 'Power FR', sector: 'ENERGY', importance: 1, ...source }, location: 'FR', links: [['SERVES', 'FR']] });
  const dep = (id: string, to: string) => ({ t: 'edge' as const, id, from: 'fn:fr-power', to, props: { id, type: 'CYBER', channel: 'HOSTING', strength: 1, minAlive: 1, propagation: 1, delayHours: 0, ...source } });
  onRow(dep('dep:f-green', 'prov:green'));
  onRow(dep('dep:f-dc', 'fac:dc'));
  onRow(dep('dep:f-red', 'prov:red'));
  onRow({ t: 'own', from: 'prov:green', to: 'fac:dc' });
  return buildSnapshot(collected);
}

const snapshot = tinySnapshot();
const other: Clearance = { userId: 'u2', organisation: 'org:a', memberOf: ['org:a'] };
const named: Clearance = { userId: 'u1', organisation: 'org:b', memberOf: ['org:b'] };

describe('snapshot reads', () => {
  it('build the NodeModel the store builds: properties and references both ways', () => {
    const dc = nodesFromSnapshot(snapshot, ['fac:dc'], other).get('fac:dc')!;
    expect(dc).toMatchObject({ kind: 'Facility', id: 'fac:dc', refs: { country: ['FR'], countries: [], operator: ['prov:green'] } });
    expect(nodesFromSnapshot(snapshot, ['prov:green'], other).get('prov:green')!.refs).toEqual({ headquarters: ['FR'], parent: [] });
    expect(relatedFromSnapshot(snapshot, 'OPERATES', 'out', ['prov:green'], other).get('prov:green')).toEqual(['fac:dc']);
  });

  it('hide a RED node from everyone but the named user, everywhere', () => {
    expect(nodesFromSnapshot(snapshot, ['prov:red', 'prov:green'], other).has('prov:red')).toBe(false);
    expect(nodesFromSnapshot(snapshot, ['prov:red'], named).has('prov:red')).toBe(true);
    expect(searchSnapshot(snapshot, 'cloud', ['Provider'], 10, other).map((n) => n.id)).toEqual(['prov:green']);
    expect(searchSnapshot(snapshot, 'cloud', ['Provider'], 10, named).map((n) => n.id)).toEqual(['prov:green', 'prov:red']);
    const list = listFromSnapshot(snapshot, 'Provider', {}, other);
    expect(list.totalCount).toBe(1);
    expect(list.nodes.map((n) => n.id)).toEqual(['prov:green']);
    expect(listFromSnapshot(snapshot, 'Provider', {}, named).totalCount).toBe(2);
  });

  it('hide a dependency whose end the caller may not see', () => {
    expect([...dependenciesFromSnapshot(snapshot, ['dep:f-green', 'dep:f-red'], other).keys()]).toEqual(['dep:f-green']);
    expect(listDependenciesFromSnapshot(snapshot, {}, other).nodes.map((d) => d.record.id)).toEqual(['dep:f-dc', 'dep:f-green']);
    expect(listDependenciesFromSnapshot(snapshot, {}, named).totalCount).toBe(3);
    const green = dependenciesFromSnapshot(snapshot, ['dep:f-green'], other).get('dep:f-green')!;
    expect(green).toMatchObject({ record: { dependent: 'fn:fr-power', supplier: 'prov:green', channel: 'HOSTING' }, dependentCountry: 'FR', supplierCountry: 'FR' });
  });

  it('filter, sort and page lists as the store does', () => {
    const byName = listFromSnapshot(snapshot, 'Provider', { sort: { field: 'NAME', direction: 'DESC' }, first: 1 }, named);
    expect(byName.nodes.map((n) => n.id)).toEqual(['prov:red']);
    expect(byName.pageInfo.hasNextPage).toBe(true);
    const next = listFromSnapshot(snapshot, 'Provider', { sort: { field: 'NAME', direction: 'DESC' }, first: 1, after: byName.pageInfo.endCursor }, named);
    expect(next.nodes.map((n) => n.id)).toEqual(['prov:green']);
    expect(next.pageInfo.hasNextPage).toBe(false);
    expect(listFromSnapshot(snapshot, 'Facility', { filter: { operators: ['prov:green'], countries: ['FR'] } }, other).totalCount).toBe(1);
    expect(listFromSnapshot(snapshot, 'Provider', { filter: { headquarters: ['DE'] } }, other).totalCount).toBe(0);
    expect(listDependenciesFromSnapshot(snapshot, { filter: { suppliers: ['fac:dc'] } }, other).totalCount).toBe(1);
  });

  it('reject what the store rejects, and incidents, which the snapshot does not hold', () => {
    expect(() => listFromSnapshot(snapshot, 'Provider', { filter: { sectors: ['ENERGY'] } }, other)).toThrow(/filter.sectors is not a filter of Provider/);
    expect(() => listFromSnapshot(snapshot, 'Incident', {}, other)).toThrow(/incidents are not in the in-memory snapshot/);
    expect(() => listDependenciesFromSnapshot(snapshot, { filter: { colour: 'red' } }, other)).toThrow(/filter.colour is not a dependency filter/);
  });
});
