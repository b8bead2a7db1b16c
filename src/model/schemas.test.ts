import { describe, expect, it } from 'vitest';
import { validateRecord } from './schemas';

const fn = {
  id: 'fn:x',
  name: 'X',
  sector: 'HEALTH',
  country: 'DE',
  importance: 1,
  importanceRule: 'test',
  source: 'test',
  confidence: 'HIGH',
  illustrative: false,
  updatedAt: '2026-01-01',
};

describe('record schemas', () => {
  it('rejects importance 0, naming the field', () => {
    expect(validateRecord('functions', { ...fn, importance: 0 }, 'in').map((p) => p.message)).toEqual(['importance must be > 0']);
    expect(validateRecord('functions', { ...fn, importance: 0.01 }, 'in')).toEqual([]);
  });
  it('limits the length of names and texts (Neo4j indexes reject very long strings)', () => {
    expect(validateRecord('functions', { ...fn, name: 'n'.repeat(201) }, 'in').map((p) => p.message)).toEqual([
      'name must NOT have more than 200 characters',
    ]);
    expect(validateRecord('functions', { ...fn, source: 's'.repeat(2001) }, 'in').map((p) => p.message)).toEqual([
      'source must NOT have more than 2000 characters',
    ]);
  });
});
