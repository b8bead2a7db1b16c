import { describe, expect, it } from 'vitest';
import { at } from '../stress-test/test-graphs';
import { dependenceFootprint } from './dependence-footprint';
import { fixture } from './test-fixture';
import { expectInvalid } from './test-utils';

// The graph is drawn in ./test-fixture.ts.
describe('dependenceFootprint: bad input throws first', () => {
  const { g, ctx } = fixture();
  it('rejects bad node indices and critical functions', () => {
    expectInvalid(() => dependenceFootprint(g, ctx, -1), 'nodeIndex');
    expectInvalid(() => dependenceFootprint(g, ctx, 1.5), 'nodeIndex');
    expectInvalid(() => dependenceFootprint(g, ctx, at(g, 'bank')), 'nodeIndex');
  });
});

describe('dependenceFootprint: values', () => {
  /* fra ◄── s3 ◄── hosp, zrh;  fra ◄── bank;  bank also ──► s3. */
  it('a facility: bank (DE), hosp (FR) and zrh (CH, not a member)', () => {
    const { g, ctx } = fixture();
    const r = dependenceFootprint(g, ctx, at(g, 'fra'));
    expect(r.targets).toBe(1);
    expect(r.functions).toBe(3);
    expect(r.importance).toBe(4);
    expect(r.memberStateIds).toEqual(['DE', 'FR']);
    expect(r.bySector).toEqual([
      { sector: 'BANKING', functions: 1, importance: 1, memberStates: 1, memberStateIds: ['DE'] },
      { sector: 'HEALTH', functions: 2, importance: 3, memberStates: 1, memberStateIds: ['FR'] },
    ]);
  });

  /* ali owns oss ◄── pay (DE) ◄── hosp (FR): a function depending on a function counts. */
  it('a provider reaches through what it owns and through functions', () => {
    const { g, ctx } = fixture();
    const r = dependenceFootprint(g, ctx, at(g, 'ali'));
    expect(r.targets).toBe(2);
    expect(r.functions).toBe(2);
    expect(r.memberStates).toBe(2);
    expect(r.bySector.map((s) => [s.sector, s.functions, s.importance, s.memberStateIds])).toEqual([
      ['BANKING', 1, 3, ['DE']],
      ['HEALTH', 1, 2, ['FR']],
    ]);
  });

  /* awseu owns fra; nothing depends on awseu itself. aws owns s3 but not fra (its subsidiary's). */
  it('subsidiaries are separate providers', () => {
    const { g, ctx } = fixture();
    expect(dependenceFootprint(g, ctx, at(g, 'awseu')).functions).toBe(3);
    const aws = dependenceFootprint(g, ctx, at(g, 'aws'));
    expect(aws.targets).toBe(2);
    expect(aws.functions).toBe(3); // bank, hosp and zrh through s3
  });

  it('a node nothing depends on has an empty footprint', () => {
    const { g, ctx } = fixture();
    const r = dependenceFootprint(g, ctx, at(g, 'idle'));
    expect(r).toMatchObject({ targets: 1, functions: 0, memberStates: 0, bySector: [] });
  });
});
