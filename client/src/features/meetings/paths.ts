/** A meeting's briefing page. */
export function meetingPath(id: number): string {
  return `/meetings/${id}`;
}
