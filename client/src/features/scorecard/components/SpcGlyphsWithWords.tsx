import { type ScorecardItem, spcIconSentences } from '@kpi/shared';
import { SpcGlyphs } from '../../../components/charts/SpcIcons';
import { ScorecardTip } from './ScorecardTip';

/**
 * The SPC icons in the compact row, beside the sparkline: the two glyphs (each carries a letter, so colour is never the
 * only cue), with their titles and meanings in words for screen readers and on hover or focus (a tip Escape dismisses).
 */
export function SpcGlyphsWithWords({ item }: { item: ScorecardItem }) {
  const { icons, withheld } = item.spc;
  const words = icons
    ? [spcIconSentences(icons).variation, spcIconSentences(icons).assurance ?? 'No assurance icon.'].join(' ')
    : (withheld ?? 'No SPC icons.');
  return (
    <span className="compact__spc">
      {icons ? (
        <ScorecardTip className="compact__spc-glyphs" tip={words}>
          <SpcGlyphs icons={icons} />
        </ScorecardTip>
      ) : (
        <span className="secondary-text" title={words}>
          <span aria-hidden="true">–</span>
          <span className="visually-hidden">{words}</span>
        </span>
      )}
    </span>
  );
}
