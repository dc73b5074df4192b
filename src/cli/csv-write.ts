/**
 * CSV output of the CLI (RFC 4180): fields holding a comma, quote or line break are quoted, quotes doubled;
 * LF line ends and a final newline, so the same rows always give the same bytes.
 */

/** One field, quoted when needed. */
function csvField(value: string | number | null): string {
  const s =
    value === null ? '' : typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : value;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A whole CSV document from a header and rows. */
export function formatCsv(
  header: readonly string[],
  rows: readonly (readonly (string | number | null)[])[],
): string {
  return [header, ...rows].map((r) => r.map(csvField).join(',')).join('\n') + '\n';
}
