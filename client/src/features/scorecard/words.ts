/** The first sentences of a commentary, cut at a word boundary. */
export function excerpt(text: string, limit = 220): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= limit) return clean;
  const cut = clean.slice(0, limit);
  const lastSpace = cut.lastIndexOf(' ');
  return `${cut.slice(0, lastSpace > limit * 0.6 ? lastSpace : limit).replace(/[\s,;:.]+$/, '')}…`;
}
