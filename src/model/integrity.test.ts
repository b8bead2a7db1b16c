import { describe, expect, it } from 'vitest';
import type { NodeKind } from '../../graph-schema/vocabulary';
import { checkIntegrity, checkRedundancyGroups, idProblem, markingProblems } from './integrity';
import type { DependencyRecord } from './records';

const prov = { source: 'test', confidence: 'HIGH' as const, illustrative: false, updatedAt: '2026-01-01' };

function dep(id: string, dependent: string, supplier: string, extra: Partial<DependencyRecord> = {}): DependencyRecord {
  return {
    id,
    dependent,
    supplier,
    type: 'CYBER',
    channel: 'HOSTING',
    strength: 1,
    redundancyGroup: null,
    minAlive: 1,
    propagation: 0,
    delayHours: 0,
    recoveryHours: null,
    ...prov,
    ...extra,
  };
}

/*
 *   fn:a ──► fac:r1 ─┐ group "hosting" (minAlive 2 of 2)
 *        └─► fac:r2 ─┘
 *   fac:r1, fac:r2 operated by prov:p (HQ DE)
 */
const stored = new Map<string, NodeKind>([
  ['DE', 'Country'],
  ['prov:p', 'Provider'],
  ['fac:r1', 'Facility'],
  ['fac:r2', 'Facility'],
  ['fn:a', 'CriticalFunction'],
]);

const run = (dependencies: DependencyRecord[], storedDependencies: DependencyRecord[] = []) =>
  checkIntegrity({
    nodes: [],
    nodeKinds: new Map(),
    dependencies: dependencies.map((record, i) => ({ record, at: `deps.jsonl:${i + 1}` })),
    storedKinds: stored,
    storedDependencies,
  }).map((p) => `${p.path}: ${p.message}`);

describe('idProblem', () => {
  it('rejects ids of the wrong form and accepts good ones', () => {
    expect(idProblem('Country', 'de')).toMatch(/alpha-2/);
    expect(idProblem('Country', 'DE')).toBeNull();
    expect(idProblem('Provider', 'fac:x')).toMatch(/'prov:'/);
    expect(idProblem('Provider', 'prov:Has Space')).toMatch(/lower-case/);
    expect(idProblem('Provider', 'prov:aws')).toBeNull();
    expect(idProblem('DependsOn', 'dep:a--b--hosting')).toBeNull();
  });
});

describe('checkIntegrity on DEPENDS_ON', () => {
  it('accepts a valid 2-of-2 group', () => {
    expect(
      run([
        dep('dep:1', 'fn:a', 'fac:r1', { redundancyGroup: 'hosting', minAlive: 2 }),
        dep('dep:2', 'fn:a', 'fac:r2', { redundancyGroup: 'hosting', minAlive: 2 }),
      ]),
    ).toEqual([]);
  });

  it('rejects unknown endpoints, disallowed pairs and self-dependencies, naming the line', () => {
    expect(run([dep('dep:1', 'fn:a', 'fac:nope')])).toEqual(["deps.jsonl:1: supplier 'fac:nope' does not exist"]);
    expect(run([dep('dep:1', 'prov:p', 'fn:a')])).toEqual([
      "deps.jsonl:1: a Provider cannot depend on a CriticalFunction ('prov:p' -> 'fn:a'); see DEPENDS_ON_ALLOWED in graph-schema/vocabulary.ts",
    ]);
    expect(run([dep('dep:1', 'fac:r1', 'fac:r1')])).toEqual(["deps.jsonl:1: 'fac:r1' cannot depend on itself"]);
  });

  it('rejects a second edge with the same (dependent, supplier, channel), also against stored ones', () => {
    expect(run([dep('dep:1', 'fn:a', 'fac:r1'), dep('dep:2', 'fn:a', 'fac:r1')])).toEqual([
      'deps.jsonl:2: a HOSTING dependency of \'fn:a\' on \'fac:r1\' already exists (deps.jsonl:1)',
    ]);
    expect(run([dep('dep:2', 'fn:a', 'fac:r1')], [dep('dep:1', 'fn:a', 'fac:r1')])).toEqual([
      "deps.jsonl:1: a HOSTING dependency of 'fn:a' on 'fac:r1' already exists (stored dep:1)",
    ]);
    // Same pair on another channel is fine.
    expect(run([dep('dep:1', 'fn:a', 'fac:r1'), dep('dep:2', 'fn:a', 'fac:r1', { channel: 'POWER' })])).toEqual([]);
  });

  it('rejects duplicate ids', () => {
    expect(run([dep('dep:1', 'fn:a', 'fac:r1'), dep('dep:1', 'fn:a', 'fac:r2')])).toEqual([
      "deps.jsonl:2: dependency id 'dep:1' is already used at deps.jsonl:1",
    ]);
  });
});

describe('checkRedundancyGroups', () => {
  const at = (record: DependencyRecord, i: number) => ({ record, at: `l${i + 1}` });
  it('rejects mixed minAlive, minAlive above the group size, and minAlive outside groups', () => {
    const mixed = [
      dep('dep:1', 'fn:a', 'fac:r1', { redundancyGroup: 'g', minAlive: 1 }),
      dep('dep:2', 'fn:a', 'fac:r2', { redundancyGroup: 'g', minAlive: 2 }),
    ].map(at);
    expect(checkRedundancyGroups(mixed).map((p) => p.message)).toEqual([
      "redundancy group 'g' of 'fn:a' mixes minAlive values 1, 2; every edge of a group carries the same minAlive",
    ]);
    const tooBig = [
      dep('dep:1', 'fn:a', 'fac:r1', { redundancyGroup: 'g', minAlive: 3 }),
      dep('dep:2', 'fn:a', 'fac:r2', { redundancyGroup: 'g', minAlive: 3 }),
    ].map(at);
    expect(checkRedundancyGroups(tooBig).map((p) => p.message)).toEqual([
      "redundancy group 'g' of 'fn:a' has 2 edge(s) but minAlive 3; need 1 ≤ minAlive ≤ 2",
    ]);
    expect(checkRedundancyGroups([at(dep('dep:1', 'fn:a', 'fac:r1', { minAlive: 2 }), 0)]).map((p) => p.message)).toEqual([
      "dependency 'dep:1' is in no redundancy group, so its minAlive must be 1 (got 2)",
    ]);
  });

  it('keys groups by dependent: the same group name under two dependents is two groups', () => {
    const two = [
      dep('dep:1', 'fn:a', 'fac:r1', { redundancyGroup: 'g', minAlive: 1 }),
      dep('dep:2', 'fac:r1', 'fac:r2', { redundancyGroup: 'g', minAlive: 1 }),
    ].map(at);
    expect(checkRedundancyGroups(two)).toEqual([]);
  });
});

describe('carriage and capacity rules (shared by the seed loader and the mutations)', () => {
  it('rejects propagation > 0 on an edge that carries no integrity, and accepts it where the edge carries it', () => {
    expect(run([dep('dep:1', 'fn:a', 'fac:r1', { channel: 'HOSTING', propagation: 0.3 })])).toEqual([
      "deps.jsonl:1: propagation 0.3 on 'dep:1' would never be used: a HOSTING edge carries no integrity (a compromise cannot cross it); set propagation to 0, or set carriesIntegrity: true where the supplier holds code execution or administrative rights on the dependent",
    ]);
    expect(run([dep('dep:1', 'fn:a', 'fac:r1', { channel: 'HOSTING', propagation: 0.3, carriesIntegrity: true })])).toEqual([]);
    expect(run([dep('dep:1', 'fn:a', 'fac:r1', { channel: 'SOFTWARE_UPDATE', propagation: 0.3 })])).toEqual([]);
    expect(run([dep('dep:1', 'fn:a', 'fac:r1', { channel: 'SOFTWARE_UPDATE', propagation: 0.3, carriesIntegrity: false })])[0]).toMatch(
      /carries no integrity .*because carriesIntegrity is false/,
    );
  });

  it('accepts capacityShare on every edge of a group or none, and outside groups as a partial dependency', () => {
    expect(run([dep('dep:1', 'fn:a', 'fac:r1', { capacityShare: 0.5 })])).toEqual([]);
    expect(
      run([
        dep('dep:1', 'fn:a', 'fac:r1', { redundancyGroup: 'g', capacityShare: 0.6 }),
        dep('dep:2', 'fn:a', 'fac:r2', { redundancyGroup: 'g' }),
      ]),
    ).toEqual(["deps.jsonl:1: redundancy group 'g' of 'fn:a': 1 of its 2 edges have a capacityShare; either every edge of a group has one or none does"]);
    expect(
      run([
        dep('dep:1', 'fn:a', 'fac:r1', { redundancyGroup: 'g', capacityShare: 0.6 }),
        dep('dep:2', 'fn:a', 'fac:r2', { redundancyGroup: 'g', capacityShare: 0.4 }),
      ]),
    ).toEqual([]);
  });
});

describe('facility rules', () => {
  const facility = (extra: Record<string, unknown>) =>
    checkIntegrity({
      nodes: [{ record: { id: 'fac:c', kind: 'SUBSEA_CABLE', country: 'DE', operator: 'prov:p', latitude: null, longitude: null, ...extra }, at: 'f:1' }],
      nodeKinds: new Map([['fac:c', 'Facility']]),
      dependencies: [],
      storedKinds: new Map<string, NodeKind>([...stored, ['NO', 'Country'], ['GB', 'Country']]),
      storedDependencies: [],
    }).map((p) => p.message);

  it('accepts unknown coordinates (both null) and landing countries on a linear asset', () => {
    expect(facility({ countries: ['NO', 'GB'] })).toEqual([]);
  });
  it('rejects one coordinate alone, landing countries on a point site, the primary repeated, an unknown country', () => {
    expect(facility({ latitude: 50 })).toEqual([
      'latitude and longitude are both given or both null (unknown position); got only one of them',
    ]);
    expect(facility({ kind: 'CLOUD_REGION', countries: ['NO'] })[0]).toMatch(/only for linear facilities/);
    expect(facility({ countries: ['DE'] })[0]).toMatch(/must not repeat the primary country 'DE'/);
    expect(facility({ countries: ['IS'] })).toEqual(["countries 'IS' does not exist"]);
  });
});

describe('markingProblems', () => {
  it('accepts markings that name who may see them', () => {
    expect(markingProblems({})).toEqual([]);
    expect(markingProblems({ tlp: 'GREEN' })).toEqual([]);
    expect(markingProblems({ tlp: 'AMBER', sharedWith: ['org:a'] })).toEqual([]);
    expect(markingProblems({ tlp: 'AMBER_STRICT', sharedWith: ['org:a', 'org:b'] })).toEqual([]);
    expect(markingProblems({ tlp: 'RED', sharedWithUsers: ['user:x'] })).toEqual([]);
  });

  it('rejects AMBER or RED that nobody could see, and shares a level does not use', () => {
    expect(markingProblems({ tlp: 'AMBER' })).toEqual(['a AMBER row needs sharedWith: the organisation ids it is shared with']);
    expect(markingProblems({ tlp: 'RED', sharedWithUsers: [] })).toEqual(['a RED row needs sharedWithUsers: the user ids it is shared with']);
    expect(markingProblems({ tlp: 'CLEAR', sharedWith: ['org:a'] })).toEqual([
      'sharedWith names organisations for AMBER and AMBER_STRICT; it means nothing on CLEAR',
    ]);
    expect(markingProblems({ tlp: 'AMBER', sharedWith: ['org:a'], sharedWithUsers: ['user:x'] })).toEqual([
      'sharedWithUsers names individuals for RED; it means nothing on AMBER',
    ]);
  });

  it('is part of checkIntegrity, as the seed loader runs it', () => {
    const problems = checkIntegrity({
      nodes: [{ record: { id: 'prov:m', name: 'M', kind: 'CLOUD', headquarters: null, tlp: 'RED', ...prov }, at: 'providers.jsonl:3' }],
      nodeKinds: new Map([['prov:m', 'Provider']]),
      dependencies: [{ record: dep('dep:m', 'prov:m', 'prov:m2', { tlp: 'GREEN', sharedWith: ['org:a'] }), at: 'dependencies.jsonl:7' }],
      storedKinds: new Map([['prov:m2', 'Provider']]),
      storedDependencies: [],
    });
    expect(problems).toEqual([
      { path: 'providers.jsonl:3', message: 'a RED row needs sharedWithUsers: the user ids it is shared with' },
      { path: 'dependencies.jsonl:7', message: 'sharedWith names organisations for AMBER and AMBER_STRICT; it means nothing on GREEN' },
    ]);
  });
});
