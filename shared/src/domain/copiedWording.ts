/** A council's names as its papers use them: the organisation, the area (DfE list) and its provider. */
export interface CouncilNames {
  /** As shown on screens, e.g. "Sandwell Metropolitan Borough Council". */
  name: string;
  /** The local authority's name in the DfE list, e.g. "Sandwell". */
  areaName: string;
  /** e.g. "Sandwell Children's Trust"; null when the council runs the service itself. */
  providerName: string | null;
}

/** How copied text that came from another council's papers starts, so it is reviewed. */
export const COPIED_FROM = 'Copied from';

export interface CopiedWording {
  /**
   * Text that says what a KPI or set is (title, definition, labels, set name): the source
   * council's names become the new council's, since the KPI as adopted is measured for it.
   */
  describing(text: string): string;
  describing(text: string | null): string | null;
  /**
   * Text that gives the source council's evidence (why it matters, where bands came from, why a
   * grace period was agreed): kept as written and marked as copied from it, for review.
   */
  citing(text: string): string;
  citing(text: string | null): string | null;
}

/**
 * The wording of a KPI configuration copied from one council to another. Two kinds of text, two
 * treatments, because an administrator onboarding Dudley from Sandwell expects Dudley's KPIs to
 * read as Dudley's, but never to credit Dudley with what Sandwell's papers said:
 * - a definition such as "per 10,000 of Sandwell's child population" is just the name of the
 *   council measured: it becomes "per 10,000 of Dudley's child population";
 * - "Sandwell has had more children in care than its neighbours (Annual Review 2020/21)", or a band
 *   "as printed in the Sandwell Children's Trust Annual Review", is Sandwell's evidence (even where
 *   it cites "the minutes of 8 September 2025" without naming Sandwell): rewriting the name would
 *   invent a Dudley paper, so it is kept and marked "Copied from Sandwell Metropolitan Borough
 *   Council for review: …" until Dudley's administrator replaces it with Dudley's own.
 * Text already marked (copied from a copy) keeps its first mark, which names whose papers it quotes.
 */
export function copiedWording(from: CouncilNames, to: CouncilNames): CopiedWording {
  const pairs = [
    [from.name, to.name],
    [from.providerName, to.providerName ?? 'the provider'],
    [from.areaName, to.areaName],
  ]
    .filter((pair): pair is [string, string] => !!pair[0]?.trim() && pair[0] !== pair[1])
    .sort(([a], [b]) => b.length - a.length);
  const replacements = new Map(pairs.map(([source, target]) => [apostrophesAlike(source), target]));
  const pattern =
    pairs.length === 0
      ? null
      : new RegExp(
          `(?<![\\p{L}\\p{N}])(?:${pairs.map(([source]) => namePattern(source)).join('|')})(?![\\p{L}\\p{N}])`,
          'gu',
        );
  const describing = (text: string | null) =>
    text === null || pattern === null
      ? text
      : text.replace(pattern, (found) => replacements.get(apostrophesAlike(found)) ?? found);
  const citing = (text: string | null) =>
    text === null || text.trim() === '' || text.startsWith(`${COPIED_FROM} `)
      ? text
      : `${COPIED_FROM} ${from.name} for review: ${text}`;
  return { describing, citing } as CopiedWording;
}

/** A name as a pattern: its apostrophe may be typed straight or curly. */
function namePattern(name: string): string {
  return name
    .split(/['’]/)
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join("['’]");
}

function apostrophesAlike(text: string): string {
  return text.replace(/’/g, "'");
}
