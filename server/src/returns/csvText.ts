/** Writing CSV that Excel opens correctly: UTF-8 with a byte-order mark, CRLF line ends, RFC 4180 quoting. */

const BOM = '\uFEFF';

/**
 * One CSV field. Text that a spreadsheet would run as a formula (starting =, +, -, @, tab or CR)
 * is prefixed with an apostrophe — "CSV injection" — unless it is a plain number such as -3.
 */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text) && !/^[-+]?\d+(\.\d+)?$/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvDocument(rows: ReadonlyArray<ReadonlyArray<string | number | null | undefined>>): Buffer {
  return Buffer.from(`${BOM + rows.map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`, 'utf8');
}
