/** Every field of the API declares the role it needs (graph-schema/sdl, `@auth`), and the declarations follow the role ladder. */
import { describe, expect, it } from 'vitest';
import { fieldRoles } from '../../src/api/access';
import { buildSchema } from '../../src/api/schema';

const schema = buildSchema();
const roles = fieldRoles(schema);

describe('roles declared in the schema', () => {
  it('every field of every object type and interface has a declared role', () => {
    const missing = [...roles].filter(([, role]) => role === null).map(([field]) => field);
    expect(missing).toEqual([]);
    expect(roles.size).toBeGreaterThan(400);
  });

  it('analyses need PLANNER, saved scenarios ANALYST, stress tests RISK, writes EDITOR, users and audit ADMIN', () => {
    expect(roles.get('Query.graphStats')).toBe('VIEWER');
    expect(roles.get('Query.blastRadius')).toBe('PLANNER');
    expect(roles.get('Provider.metrics')).toBe('PLANNER');
    expect(roles.get('Mutation.saveScenario')).toBe('ANALYST');
    expect(roles.get('Mutation.stressTest')).toBe('RISK');
    expect(roles.get('Mutation.createProvider')).toBe('EDITOR');
    expect(roles.get('Query.auditLog')).toBe('ADMIN');
    expect(roles.get('Mutation.setUserRoles')).toBe('ADMIN');
    // Every mutation that changes the model needs EDITOR or more.
    const mutations = [...roles].filter(([f]) => f.startsWith('Mutation.'));
    for (const [field, role] of mutations) {
      if (/^Mutation\.(create|update|delete|set|claim)/.test(field) && !/Scenario|ApiKey/.test(field)) expect(['EDITOR', 'ADMIN'], field).toContain(role);
    }
  });
});
