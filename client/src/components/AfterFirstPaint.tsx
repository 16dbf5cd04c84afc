import { type ReactNode, useEffect, useState } from 'react';

/**
 * Draws its children only once the browser has painted what is above them (issue 17): a KPI
 * page's second chart (SPC) and its recharts work would otherwise hold the first chart off the
 * screen for as long again. Until then, an empty block about a chart's height keeps what is
 * below from jumping much. Nothing is announced: the content simply arrives a frame later.
 */
export function AfterFirstPaint({ children }: { children: ReactNode }) {
  const [shown, setShown] = useState(false);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    // the task after the next frame: that frame paints what was drawn before this
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => setShown(true), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      if (timer !== undefined) clearTimeout(timer);
    };
  }, []);
  return shown ? children : <div className="after-first-paint" />;
}
