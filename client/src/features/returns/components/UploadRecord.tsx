import type { ReturnUploadResponse } from '@kpi/shared';
import { formatUkDateTime } from '@kpi/shared';
import type { ReactNode } from 'react';
import { plural } from '../words';
import { CellNote } from './CellNote';
import { OutcomeTag } from './OutcomeTag';

function Row({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="summary-list__row">
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

const FORMAT_WORDS = { csv: 'CSV', xlsx: 'Excel (.xlsx)' } as const;
const LAYOUT_WORDS = { wide: 'template (KPIs as rows, months as columns)', long: 'one row per figure' } as const;

function kilobytes(bytes: number): string {
  return bytes < 1024
    ? plural(bytes, 'byte')
    : `${(bytes / 1024).toLocaleString('en-GB', { maximumFractionDigits: 1 })} KB`;
}

/** The upload's record: the file (name, fingerprint, how it was read), who uploaded and who loaded it. */
export function UploadRecord({ data }: { data: ReturnUploadResponse }) {
  const { upload, commit } = data;
  const replacedIllustrative = data.preview.changedValues.some((item) => item.replacesIllustrative);
  return (
    <dl className="summary-list">
      <Row term="File">{upload.fileName}</Row>
      <Row term="SHA-256 fingerprint">
        <span className="reference">{upload.sha256}</span>
      </Row>
      <Row term="Size">{kilobytes(upload.byteSize)}</Row>
      <Row term="Read as">
        {[
          upload.format && FORMAT_WORDS[upload.format],
          upload.layout && LAYOUT_WORDS[upload.layout],
          upload.encoding,
          upload.sheetName && `sheet "${upload.sheetName}"`,
        ]
          .filter(Boolean)
          .join(', ') || 'Could not be read'}
      </Row>
      <Row term="Uploaded">
        {formatUkDateTime(upload.uploadedAt)}
        {upload.uploadedBy && ` by ${upload.uploadedBy}`}
      </Row>
      <Row term="Outcome">
        <OutcomeTag outcome={upload.outcome} />
      </Row>
      {commit && (
        <>
          <Row term="Loaded">
            {formatUkDateTime(commit.committedAt)}
            {commit.committedBy && ` by ${commit.committedBy}`}
          </Row>
          <Row term="Figures written">
            {commit.created} new, {commit.changed} changed ({plural(commit.revisionsWritten, 'revision')} recorded)
            {commit.commentsSaved > 0 && `, ${plural(commit.commentsSaved, 'comment')} saved`}
          </Row>
          <Row term="Reason for the change">
            {commit.reason ?? 'None given'}
            {!commit.reason && replacedIllustrative && (
              <CellNote>
                Each figure that replaced illustrative demo data is recorded with the reason “replaces illustrative demo
                data”.
              </CellNote>
            )}
          </Row>
        </>
      )}
    </dl>
  );
}
