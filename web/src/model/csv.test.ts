import { describe, expect, it } from 'vitest';
import { toCsv } from './csv';

describe('toCsv', () => {
  it('rejects a row whose width differs from the header', () => {
    expect(() => toCsv(['a', 'b'], [['1']])).toThrow(/row 1 has 1 fields; the header has 2/);
  });

  it('quotes fields with commas, quotes or line breaks and ends lines with CRLF', () => {
    expect(toCsv(['id', 'note'], [['x', 'plain'], ['y', 'a, "b"\nc'], ['z', null]])).toBe('id,note\r\nx,plain\r\ny,"a, ""b""\nc"\r\nz,\r\n');
  });
});
