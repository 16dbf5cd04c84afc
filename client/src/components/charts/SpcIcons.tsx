import type { AssuranceIcon, SpcIconsDto, VariationIcon } from '@kpi/shared';
import './spcIcons.css';

/**
 * The two "Making Data Count" icons, each with its title and meaning in words beside it: the
 * glyph's colour and letter repeat what the words say, never replace them. Colours: improvement
 * blue, concern orange, neutral purple, common cause grey; all take white text at 4.5:1 or more.
 */
const FILL = { improvement: '#005eb8', concern: '#a14a0b', neutral: '#801650', common: '#505a5f' } as const;

const VARIATION_GLYPHS: Record<VariationIcon, { fill: string; letter: string }> = {
  common_cause: { fill: FILL.common, letter: '~' },
  improvement_high: { fill: FILL.improvement, letter: 'H' },
  improvement_low: { fill: FILL.improvement, letter: 'L' },
  concern_high: { fill: FILL.concern, letter: 'H' },
  concern_low: { fill: FILL.concern, letter: 'L' },
  neutral_high: { fill: FILL.neutral, letter: 'H' },
  neutral_low: { fill: FILL.neutral, letter: 'L' },
};

const ASSURANCE_GLYPHS: Record<AssuranceIcon, { fill: string; letter: string }> = {
  consistent_pass: { fill: FILL.improvement, letter: 'P' },
  consistent_fail: { fill: FILL.concern, letter: 'F' },
  inconsistent: { fill: FILL.common, letter: '?' },
};

function Glyph({ fill, letter, square }: { fill: string; letter: string; square?: boolean }) {
  return (
    <svg className="spc-icon__glyph" viewBox="0 0 40 40" aria-hidden="true" focusable="false">
      {square ? (
        <rect x="2" y="2" width="36" height="36" rx="6" fill={fill} />
      ) : (
        <circle cx="20" cy="20" r="18" fill={fill} />
      )}
      <text
        x="20"
        y="27"
        textAnchor="middle"
        fill="#ffffff"
        fontSize="20"
        fontWeight="700"
        fontFamily="Arial, sans-serif"
      >
        {letter}
      </text>
    </svg>
  );
}

/** The two glyphs alone, small, for a table row; the caller gives their meaning in words. */
export function SpcGlyphs({ icons }: { icons: SpcIconsDto }) {
  return (
    <span className="spc-glyphs">
      <Glyph {...VARIATION_GLYPHS[icons.variation.icon]} />
      {icons.assurance && <Glyph {...ASSURANCE_GLYPHS[icons.assurance.icon]} square />}
    </span>
  );
}

export function SpcIcons({
  icons,
  withheld,
  compact = false,
}: {
  icons: SpcIconsDto | null;
  withheld: string | null;
  compact?: boolean;
}) {
  if (!icons) return <p className="secondary-text">{withheld ?? 'No SPC icons.'}</p>;
  const variation = VARIATION_GLYPHS[icons.variation.icon];
  return (
    <ul className={`spc-icons${compact ? ' spc-icons--compact' : ''}`}>
      <li className="spc-icon">
        <Glyph {...variation} />
        <span>
          <span className="spc-icon__title">Variation: {icons.variation.title}</span>
          <span className="spc-icon__words">{icons.variation.words}</span>
        </span>
      </li>
      {icons.assurance ? (
        <li className="spc-icon">
          <Glyph {...ASSURANCE_GLYPHS[icons.assurance.icon]} square />
          <span>
            <span className="spc-icon__title">Assurance: {icons.assurance.title}</span>
            <span className="spc-icon__words">{icons.assurance.words}</span>
          </span>
        </li>
      ) : (
        <li className="secondary-text">
          No assurance icon: there is no target, or higher is neither better nor worse.
        </li>
      )}
    </ul>
  );
}
