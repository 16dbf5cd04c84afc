import type { DataDownloadLinks } from '../api/exportsApi';
import '../exports.css';

/** The "|" between download links and buttons: seen, not read out (each control has its own name). */
export function DownloadSeparator() {
  return (
    <span className="downloads__separator" aria-hidden="true">
      |
    </span>
  );
}

/**
 * "Download data: CSV | … | Notes | Excel" for a view (short, to share the scorecard's status row). Each CSV is one tidy
 * table, so a view's other tables are their own links, and the notes (title, period, sources,
 * notes) are a file beside them; the workbook holds it all. Plain links: the server names the
 * file and sends it as an attachment, so nothing runs in the page and nothing is navigated away from.
 */
export function DataDownloads({ what, paths }: { what: string; paths: DataDownloadLinks }) {
  return (
    <p className="downloads no-print">
      <span className="downloads__label">Download data:</span>{' '}
      <a href={paths.csv} download className="downloads__link">
        <span className="downloads__word">CSV</span> <span className="visually-hidden">of {what}</span>
      </a>
      {paths.more.map(({ label, href }) => (
        <span key={href}>
          <DownloadSeparator />
          <a href={href} download className="downloads__link">
            <span className="downloads__word">{label}</span> <span className="visually-hidden">(CSV) for {what}</span>
          </a>
        </span>
      ))}
      <DownloadSeparator />
      <a href={paths.notes} download className="downloads__link">
        <span className="downloads__word">Notes</span>{' '}
        <span className="visually-hidden">(CSV) with the sources, for {what}</span>
      </a>
      <DownloadSeparator />
      <a href={paths.xlsx} download className="downloads__link">
        <span className="downloads__word">Excel</span> <span className="visually-hidden">workbook of {what}</span>
      </a>
    </p>
  );
}
