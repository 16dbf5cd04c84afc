import type { ReactNode } from 'react';

/**
 * A smaller line under a cell's main text. The space before it keeps words apart when the cell
 * is read as one phrase (a row header's name, a screen reader's table navigation).
 */
export function CellNote({ children, plain = false }: { children: ReactNode; plain?: boolean }) {
  return (
    <>
      {' '}
      <span className={plain ? 'cell-note' : 'cell-note secondary-text'}>{children}</span>
    </>
  );
}
