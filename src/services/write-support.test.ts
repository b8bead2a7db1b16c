import { describe, expect, it } from 'vitest';
import type { Caller } from '../auth/caller';
import { ConflictError, NotFoundError, ValidationError } from '../errors';
import { applyMarkingDefaults, assertVisible, checkRevision, locate } from './write-support';

const alice: Caller = { via: 'token', id: 'user:alice', name: 'Alice', organisation: 'org:a', memberOf: ['org:a', 'org:parent'], roles: ['EDITOR'] };
const loner: Caller = { ...alice, id: 'user:loner', organisation: null, memberOf: [] };

function defaults(record: Record<string, unknown>, patch: Record<string, unknown>, caller = alice): Record<string, unknown> {
  const out = { ...record };
  applyMarkingDefaults(out, patch, caller, 'input');
  return out;
}

describe('applyMarkingDefaults', () => {
  it('shares AMBER with the caller’s organisation and RED with the caller when the input names nobody', () => {
    expect(defaults({ tlp: 'AMBER' }, { tlp: 'AMBER' })).toEqual({ tlp: 'AMBER', sharedWith: ['org:a'] });
    expect(defaults({ tlp: 'AMBER_STRICT', sharedWith: [] }, {})).toEqual({ tlp: 'AMBER_STRICT', sharedWith: ['org:a'] });
    expect(defaults({ tlp: 'RED' }, {})).toEqual({ tlp: 'RED', sharedWithUsers: ['user:alice'] });
    expect(defaults({ tlp: 'AMBER', sharedWith: ['org:b'] }, {})).toEqual({ tlp: 'AMBER', sharedWith: ['org:b'] });
  });

  it('drops stored shares the new level does not use, and leaves CLEAR alone', () => {
    expect(defaults({ tlp: 'GREEN', sharedWith: ['org:a'], sharedWithUsers: ['user:x'] }, { tlp: 'GREEN' })).toEqual({ tlp: 'GREEN' });
    expect(defaults({}, {})).toEqual({});
  });

  it('rejects AMBER for a caller without organisation, shares on levels that do not use them, and over-long lists', () => {
    expect(() => defaults({ tlp: 'AMBER' }, {}, loner)).toThrow(ValidationError);
    expect(() => defaults({ tlp: 'AMBER' }, {}, loner)).toThrow(/input\.provenance\.sharedWith: a AMBER element needs sharedWith/);
    expect(() => defaults({ tlp: 'GREEN', sharedWith: ['org:a'] }, { sharedWith: ['org:a'] })).toThrow(/it means nothing on GREEN/);
    expect(() => defaults({ tlp: 'AMBER', sharedWith: ['org:a'], sharedWithUsers: ['u'] }, { sharedWithUsers: ['u'] })).toThrow(/sharedWithUsers names individuals for RED/);
    const many = Array.from({ length: 51 }, (_, i) => `org:${i}`);
    expect(() => defaults({ tlp: 'AMBER', sharedWith: many }, { sharedWith: many })).toThrow(/sharedWith has 51 entries; at most 50/);
  });
});

describe('assertVisible', () => {
  it('passes what the caller may see; NOT_FOUND with the given message otherwise, as for a missing element', () => {
    expect(() => assertVisible(alice, { tlp: 'AMBER', sharedWith: ['org:parent'] }, 'no Provider with id x')).not.toThrow();
    expect(() => assertVisible(alice, { tlp: 'RED', sharedWithUsers: ['user:bob'] }, 'no Provider with id x')).toThrow(new NotFoundError('no Provider with id x'));
    expect(() => assertVisible(alice, undefined, 'no Provider with id x')).toThrow(new NotFoundError('no Provider with id x'));
  });
});

describe('checkRevision', () => {
  it('passes the current revision and names it when the expected one is stale', () => {
    expect(() => checkRevision("Provider 'p'", 3, 3)).not.toThrow();
    expect(() => checkRevision("Provider 'p'", 2, 3)).toThrow(ConflictError);
    expect(() => checkRevision("Provider 'p'", 2, 3)).toThrow(/Provider 'p' is at revision 3, not 2/);
  });
});

describe('locate', () => {
  it('keeps the kind of error and prefixes message and details with where in the batch it happened', () => {
    const located = locate(new ConflictError('taken', [{ path: 'id', message: 'exists' }]), 'changes[4]') as ConflictError;
    expect(located).toBeInstanceOf(ConflictError);
    expect(located.message).toBe('changes[4]: taken');
    expect(located.details).toEqual([{ path: 'changes[4].id', message: 'exists' }]);
    const plain = new Error('not ours');
    expect(locate(plain, 'changes[0]')).toBe(plain);
  });
});
