/** The KPI detail page, optionally ending at a month (as opened from a scorecard or a briefing). */
export function indicatorPath(code: string, { to }: { to?: string } = {}): string {
  const path = `/indicators/${encodeURIComponent(code)}`;
  return to ? `${path}?${new URLSearchParams({ to })}` : path;
}
