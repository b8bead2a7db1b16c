/** CSV text (RFC 4180: CRLF line ends, fields quoted when they hold a comma, quote or line break). */
export type CsvValue = string | number | boolean | null | undefined;

function field(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  for (const [i, row] of rows.entries()) {
    if (row.length !== header.length) throw new Error(`CSV row ${i + 1} has ${row.length} fields; the header has ${header.length}`);
  }
  return [header, ...rows].map((row) => row.map(field).join(',')).join('\r\n') + '\r\n';
}
