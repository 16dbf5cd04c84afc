import { type RefObject, useLayoutEffect, useState } from 'react';

/** The class of the council's markers in recharts' drawing (TrendChart's dot renderer sets it). */
export const COUNCIL_DOT = 'chart-council-dot';

/**
 * Whether recharts has finished drawing the trend chart inside `drawing`. It draws over several
 * commits (grid and axes, then the lines, then their markers, each in its own layer), so the first
 * sign of its `<svg>` is not enough: the chart counts as drawn once every council marker and the
 * y axis's labels are there. Until then TrendChart keeps the plain chart on screen and recharts'
 * hidden, so the swap happens in one commit and nothing blinks. Once drawn, it stays drawn.
 */
export function useDrawnByRecharts(drawing: RefObject<HTMLElement | null>, councilFigures: number): boolean {
  const [drawn, setDrawn] = useState(false);
  useLayoutEffect(() => {
    const box = drawing.current;
    if (drawn || !box) return;
    const complete = () =>
      box.querySelectorAll(`.${COUNCIL_DOT}`).length >= councilFigures &&
      box.querySelector('.recharts-yAxis-tick-labels') !== null;
    if (complete()) {
      setDrawn(true);
      return;
    }
    const observer = new MutationObserver(() => {
      if (!complete()) return;
      observer.disconnect();
      setDrawn(true);
    });
    observer.observe(box, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, [drawing, drawn, councilFigures]);
  return drawn;
}
