import { describe, expect, it } from 'vitest';
import { at } from '../stress-test/test-graphs';
import { directDependenceConcentration } from './direct-dependence';
import { fixture } from './test-fixture';
import { expectInvalid } from './test-utils';

// The graph is drawn in ./test-fixture.ts.
describe('directDependenceConcentration: bad input throws first', () => {
  const { g, ctx } = fixture();
  it('rejects bad function sets, options and contexts', () => {
    expectInvalid(() => directDependenceConcentration(g, ctx, 'bank' as unknown as number[]), 'functionSet');
    expectInvalid(() => directDependenceConcentration(g, ctx, [99]), 'functionSet[0]');
    expectInvalid(() => directDependenceConcentration(g, ctx, [at(g, 's3')]), 'functionSet[0]');
    expectInvalid(() => directDependenceConcentration(g, ctx, [at(g, 'bank'), at(g, 'bank')]), 'functionSet[1]');
    expectInvalid(() => directDependenceConcentration(g, ctx, [at(g, 'bank')], { top: -1 }), 'options.top');
    expectInvalid(
      () => directDependenceConcentration(g, { ...ctx, jurisdiction: new Int32Array(1) }, [at(g, 'bank')]),
      'ctx.jurisdiction',
    );
  });
});

describe('directDependenceConcentration: values', () => {
  /*
   * bank (importance 1): s3 → aws 1; fra 0.5 → awseu 0.5; group g = {blob 0.6, vps 1}:
   *   one need of mean strength 0.8, split in two: azure 0.4, ovh 0.4.
   * hosp (importance 2): s3 → aws 2; pay 0.5 × 2 → pay (no owner: its own row) 1.
   * Providers: aws 3, pay 1, awseu 0.5, azure 0.4, ovh 0.4 (total 5.3).
   * Jurisdictions: US 3 + 0.5 (awseu's parent is aws) + 0.4 = 3.9, FR 0.4; pay unattributed 1.
   */
  it('credits strength × importance, splits groups equally, follows parents for jurisdiction', () => {
    const { g, ctx } = fixture();
    const r = directDependenceConcentration(g, ctx, [at(g, 'bank'), at(g, 'hosp')]);
    expect(r.functions).toBe(2);
    expect(r.totalCredit).toBeCloseTo(5.3, 12);
    expect(r.byProvider.rows).toBe(5);
    expect(r.byProvider.hhi).toBeCloseTo((10_000 * (9 + 1 + 0.25 + 0.16 + 0.16)) / 5.3 ** 2, 9); // 3762.9
    expect(r.byProvider.band).toBe('HIGHLY_CONCENTRATED');
    expect(r.byProvider.top.map((row) => [row.id, row.credit])).toEqual([
      ['aws', 3],
      ['pay', 1],
      ['awseu', 0.5],
      ['azure', expect.closeTo(0.4, 12)],
      ['ovh', expect.closeTo(0.4, 12)],
    ]);
    expect(r.byProvider.top[0]!.share).toBeCloseTo(3 / 5.3, 12);
    expect(r.byJurisdiction.rows).toBe(2);
    expect(r.byJurisdiction.top.map((row) => [row.id, row.credit])).toEqual([
      ['US', expect.closeTo(3.9, 12)],
      ['FR', expect.closeTo(0.4, 12)],
    ]);
    expect(r.byJurisdiction.hhi).toBeCloseTo((10_000 * (3.9 ** 2 + 0.4 ** 2)) / 4.3 ** 2, 9); // 8312.6
    expect(r.byJurisdiction.unattributedCredit).toBeCloseTo(1, 12);
    expect(r.byJurisdiction.unattributedShare).toBeCloseTo(1 / 5.3, 12);
  });

  /* pay ──► oss (ali, CN): one supplier, one owner, one country. */
  it('a single supplier is a monopoly; top limits the rows listed', () => {
    const { g, ctx } = fixture();
    const r = directDependenceConcentration(g, ctx, [at(g, 'pay')], { top: 0 });
    expect(r.byProvider.hhi).toBe(10_000);
    expect(r.byProvider.top).toEqual([]);
    expect(r.byJurisdiction.hhi).toBe(10_000);
    expect(r.totalCredit).toBe(3);
  });

  it('nothing to credit gives null indices', () => {
    const { g, ctx } = fixture();
    const r = directDependenceConcentration(g, ctx, []);
    expect(r.byProvider).toEqual({ hhi: null, band: null, rows: 0, totalCredit: 0, top: [] });
    expect(r.byJurisdiction.unattributedShare).toBe(0);
  });
});
