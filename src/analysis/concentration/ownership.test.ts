import { describe, expect, it } from 'vitest';
import { at } from '../stress-test/test-graphs';
import { buildOwnershipContext, validateOwnershipContext } from './ownership';
import { fixture } from './test-fixture';
import { expectInvalid } from './test-utils';

describe('buildOwnershipContext: bad input throws first', () => {
  const { g, records } = fixture();
  it('rejects unknown countries and sectors, duplicates and SUBSIDIARY_OF cycles', () => {
    expectInvalid(
      () => buildOwnershipContext(g, { ...records, facilities: [{ id: 'fra', country: 'XX', operator: 'awseu' }] }),
      'facilities[0].country',
    );
    expectInvalid(
      () => buildOwnershipContext(g, { ...records, functions: [{ id: 'bank', country: 'DE', sector: 'NOPE' }] }),
      'functions[0].sector',
    );
    expectInvalid(
      () => buildOwnershipContext(g, { ...records, countries: [...records.countries, { id: 'US', natoMember: true }] }),
      'countries[6]',
    );
    expectInvalid(
      () => buildOwnershipContext(g, { ...records, services: [...records.services, { id: 's3', provider: 'ovh' }] }),
      'services[4]',
    );
    const cyclic = records.providers.map((p) => (p.id === 'aws' ? { ...p, parent: 'awseu' } : p));
    expectInvalid(() => buildOwnershipContext(g, { ...records, providers: cyclic }), 'providers');
  });
  it('validateOwnershipContext rejects arrays of the wrong length or range, and owners that are not providers', () => {
    const { ctx } = fixture();
    expectInvalid(() => validateOwnershipContext(g, { ...ctx, owner: new Int32Array(2) }), 'ctx.owner');
    const badCountry = ctx.location.slice();
    badCountry[0] = 6;
    expectInvalid(() => validateOwnershipContext(g, { ...ctx, location: badCountry }), 'ctx.location[0]');
    const badOwner = ctx.owner.slice();
    badOwner[at(g, 's3')] = at(g, 'fra');
    expectInvalid(() => validateOwnershipContext(g, { ...ctx, owner: badOwner }), `ctx.owner[${at(g, 's3')}]`);
  });
});

describe('buildOwnershipContext: values', () => {
  it('owners, jurisdictions through the top parent, locations and sectors', () => {
    const { g, ctx } = fixture();
    const row = (id: string): [number, number, number, number] => {
      const v = at(g, id);
      return [ctx.owner[v]!, ctx.jurisdiction[v]!, ctx.location[v]!, ctx.functionSector[v]!];
    };
    const [US, FR, DE, LU, CN, CH] = [0, 1, 2, 3, 4, 5];
    expect(row('aws')).toEqual([at(g, 'aws'), US, US, -1]);
    expect(row('awseu')).toEqual([at(g, 'awseu'), US, LU, -1]); // jurisdiction of the parent, location its own
    expect(row('fra')).toEqual([at(g, 'awseu'), US, DE, -1]);
    expect(row('s3')).toEqual([at(g, 'aws'), US, -1, -1]);
    expect(row('vps')).toEqual([at(g, 'ovh'), FR, -1, -1]);
    expect(row('oss')).toEqual([at(g, 'ali'), CN, -1, -1]);
    expect(row('bank')).toEqual([-1, -1, DE, 0]);
    expect(row('zrh')).toEqual([-1, -1, CH, 1]);
  });
  it('an owner outside the graph still gives the jurisdiction', () => {
    const { g, records } = fixture();
    const ctx = buildOwnershipContext(g, {
      ...records,
      providers: [...records.providers, { id: 'ghost', headquarters: 'FR' }],
      services: records.services.map((s) => (s.id === 'vps' ? { ...s, provider: 'ghost' } : s)),
    });
    expect(ctx.owner[at(g, 'vps')]).toBe(-1);
    expect(ctx.jurisdiction[at(g, 'vps')]).toBe(1);
  });
});
