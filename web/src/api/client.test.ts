import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, describeErrors, request } from './client';

afterEach(() => vi.unstubAllGlobals());

const respond = (status: number, body: unknown) => vi.fn(() => Promise.resolve(new Response(typeof body === 'string' ? body : JSON.stringify(body), { status })));

describe('describeErrors', () => {
  it('names the operation, the kind of failure from extensions.code and the server’s words', () => {
    const e = describeErrors('NodeDetails', [{ message: "no node with id 'x'", extensions: { code: 'NOT_FOUND' } }]);
    expect(e).toBeInstanceOf(ApiError);
    expect(e.code).toBe('NOT_FOUND');
    expect(e.message).toBe("NodeDetails: not found — no node with id 'x'");
  });

  it('adds validation details and counts further errors', () => {
    const e = describeErrors('SaveScenario', [
      { message: 'invalid input', extensions: { code: 'BAD_USER_INPUT', details: [{ path: 'name', message: 'must not be empty' }] } },
      { message: 'second' },
    ]);
    expect(e.message).toBe('SaveScenario: the request was rejected — invalid input; name: must not be empty (and 1 more error)');
  });
});

describe('request', () => {
  it('returns data', async () => {
    vi.stubGlobal('fetch', respond(200, { data: { ok: 1 } }));
    await expect(request('query Q { ok }', 'Q')).resolves.toEqual({ ok: 1 });
  });

  it('turns GraphQL errors, HTTP failures and network failures into ApiErrors', async () => {
    vi.stubGlobal('fetch', respond(200, { errors: [{ message: 'Neo4j is not reachable', extensions: { code: 'UNAVAILABLE' } }] }));
    await expect(request('query Q { ok }', 'Q')).rejects.toThrow('Q: the database is unavailable — Neo4j is not reachable');
    vi.stubGlobal('fetch', respond(502, 'Bad Gateway'));
    await expect(request('query Q { ok }', 'Q')).rejects.toMatchObject({ code: 'HTTP' });
    vi.stubGlobal('fetch', vi.fn(() => Promise.reject(new TypeError('Failed to fetch'))));
    await expect(request('query Q { ok }', 'Q')).rejects.toThrow('Q: cannot reach the Linchpin API at /graphql — Failed to fetch');
  });
});
