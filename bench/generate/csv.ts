/** CSV writing as Excel and EES do it: quote only cells that need it, CRLF line ends. */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(cells: readonly (string | number | null | undefined)[]): string {
  return cells.map(csvCell).join(',');
}

export function csvText(rows: readonly (readonly (string | number | null | undefined)[])[], newline = '\r\n'): string {
  return rows.map(csvLine).join(newline) + newline;
}
