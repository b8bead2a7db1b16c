import { describe, expect, it } from 'vitest';
import { at } from '../stress-test/test-graphs';
import { singlePointShare } from './single-point-share';
import { fixture } from './test-fixture';
import { expectInvalid } from './test-utils';

// The graph is drawn in ./test-fixture.ts. Single points of failure are given
// (they are computed elsewhere): bank: s3, fra (and bank itself, ignored);
// pay: oss; hosp: s3, pay; zrh: s3.
function spofs(g: ReturnType<typeof fixture>['g']): Map<number, number[]> {
  return new Map([
    [at(g, 'bank'), [at(g, 's3'), at(g, 'fra'), at(g, 'bank')]],
    [at(g, 'pay'), [at(g, 'oss')]],
    [at(g, 'hosp'), [at(g, 's3'), at(g, 'pay')]],
    [at(g, 'zrh'), [at(g, 's3')]],
  ]);
}

describe('singlePointShare: bad input throws first', () => {
  const { g, ctx } = fixture();
  it('rejects unknown sectors, missing entries and bad node indices', () => {
    expectInvalid(() => singlePointShare(g, ctx, { sector: 'POSTAL', spofs: spofs(g) }), 'options.sector');
    expectInvalid(() => singlePointShare(g, ctx, { sector: 'BANKING', spofs: {} as Map<number, number[]> }), 'options.spofs');
    const missing = spofs(g);
    missing.delete(at(g, 'pay'));
    expectInvalid(() => singlePointShare(g, ctx, { sector: 'BANKING', spofs: missing }), 'options.spofs');
    const bad = spofs(g);
    bad.set(at(g, 'pay'), [-3]);
    expectInvalid(() => singlePointShare(g, ctx, { sector: 'BANKING', spofs: bad }), 'options.spofs[pay][0]');
    expectInvalid(() => singlePointShare(g, ctx, { sector: 'BANKING', spofs: spofs(g), top: 1.5 }), 'options.top');
  });
});

describe('singlePointShare: values', () => {
  /*
   * BANKING: bank (DE, importance 1): s3 (aws, US), fra (awseu, US, a facility);
   *          pay  (DE, importance 3): oss (ali, CN: foreign and not a member).
   */
  it('banking: providers 2/2, facilities 1/2, foreign 2/2, non-member 1/2 (3/4 by importance)', () => {
    const { g, ctx } = fixture();
    const r = singlePointShare(g, ctx, { sector: 'BANKING', spofs: spofs(g) });
    expect(r.functions).toBe(2);
    expect(r.importance).toBe(4);
    expect(r.provider).toEqual({ functions: 2, share: 1, importanceShare: 1 });
    expect(r.facility).toEqual({ functions: 1, share: 0.5, importanceShare: 0.25 });
    expect(r.foreignJurisdiction).toEqual({ functions: 2, share: 1, importanceShare: 1 });
    expect(r.nonMemberJurisdiction).toEqual({ functions: 1, share: 0.5, importanceShare: 0.75 });
    expect(r.topProviders.map((p) => [p.id, p.functions])).toEqual([
      ['aws', 1],
      ['awseu', 1],
      ['ali', 1],
    ]);
  });

  /*
   * HEALTH: hosp (FR, 2): s3 (aws, US) and pay (a function: no owner, no jurisdiction);
   *         zrh  (CH, 1): s3 (aws, US).
   * aws is a provider SPOF of both; both are foreign (US ≠ FR, US ≠ CH); no facility, no non-member.
   */
  it('health: one provider is a SPOF of every function', () => {
    const { g, ctx } = fixture();
    const r = singlePointShare(g, ctx, { sector: 'HEALTH', spofs: spofs(g) });
    expect(r.provider).toEqual({ functions: 2, share: 1, importanceShare: 1 });
    expect(r.facility.functions).toBe(0);
    expect(r.foreignJurisdiction.functions).toBe(2);
    expect(r.nonMemberJurisdiction.functions).toBe(0);
    expect(r.topProviders).toEqual([{ node: at(g, 'aws'), id: 'aws', functions: 2, share: 1 }]);
  });

  it('a sector without functions gives zero shares', () => {
    const { g, ctx } = fixture();
    const r = singlePointShare(g, ctx, { sector: 'ENERGY', spofs: new Map() });
    expect(r.functions).toBe(0);
    expect(r.provider).toEqual({ functions: 0, share: 0, importanceShare: 0 });
  });
});
