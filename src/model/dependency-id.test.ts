import { describe, expect, it } from 'vitest';
import { ENTITY_ID_PATTERN } from '../../graph-schema/vocabulary';
import { MAX_DEPENDENCY_ID_LENGTH, defaultDependencyId } from './dependency-id';

describe('defaultDependencyId', () => {
  it('keeps the kind prefixes, so fn:x → svc:y and fac:x → prov:y on one channel differ', () => {
    const a = defaultDependencyId('fn:x', 'svc:y', 'HOSTING');
    const b = defaultDependencyId('fac:x', 'prov:y', 'HOSTING');
    expect(a).toBe('dep:fn.x--svc.y--hosting');
    expect(b).toBe('dep:fac.x--prov.y--hosting');
    expect(defaultDependencyId('fn:x', 'svc:y', 'SOFTWARE_UPDATE')).toBe('dep:fn.x--svc.y--software-update');
  });

  it('cuts a long id to the limit and ends it with a stable hash of the full triple, never colliding', () => {
    const long = 'a'.repeat(118);
    const one = defaultDependencyId(`fn:${long}`, `svc:${long}-1`, 'HOSTING');
    const two = defaultDependencyId(`fn:${long}`, `svc:${long}-2`, 'HOSTING');
    expect(one.length).toBe(MAX_DEPENDENCY_ID_LENGTH);
    expect(two.length).toBe(MAX_DEPENDENCY_ID_LENGTH);
    expect(one).not.toBe(two);
    expect(one.slice(0, -13)).toBe(two.slice(0, -13)); // same cut, told apart by the hash
    expect(one).toMatch(/-[0-9a-f]{12}$/);
    expect(defaultDependencyId(`fn:${long}`, `svc:${long}-1`, 'HOSTING')).toBe(one); // stable
    expect(ENTITY_ID_PATTERN.test(one)).toBe(true);
    expect(defaultDependencyId(`fn:${long}`, `svc:${long}-1`, 'POWER')).not.toBe(one);
  });

  it('hashes ids whose parts could be split another way', () => {
    const a = defaultDependencyId('fn:x--fn.y', 'svc:z', 'HOSTING');
    const b = defaultDependencyId('fn:x', 'fn:y--svc.z', 'HOSTING');
    expect(a).not.toBe(b);
    expect(ENTITY_ID_PATTERN.test(a) && ENTITY_ID_PATTERN.test(b)).toBe(true);
  });
});
