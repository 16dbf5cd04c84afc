import type { ReturnUploadResponse } from '@kpi/shared';
import { useEffect, useRef, useState } from 'react';
import { isApiError } from '../../../lib/apiClient';
import { useCurrentUser } from '../../auth';
import { useAbandonReturnUpload } from '../api/abandonReturnUpload';

/**
 * "Abandon this upload", for a checked upload that will not be loaded, with a confirmation
 * first. Offered to the person who uploaded it and to commissioners and administrators (the
 * server decides; this only avoids offering a button that would be refused).
 */
export function AbandonUpload({ data }: { data: ReturnUploadResponse }) {
  const { user } = useCurrentUser();
  const abandon = useAbandonReturnUpload(data.upload.id);
  const [confirming, setConfirming] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const wasConfirming = useRef(false);
  useEffect(() => {
    if (confirming) heading.current?.focus();
    else if (wasConfirming.current) opener.current?.focus();
    wasConfirming.current = confirming;
  }, [confirming]);

  const mayAbandon =
    user.role === 'commissioner' || user.role === 'admin' || data.upload.uploadedBy === user.displayName;
  if (!mayAbandon) return null;

  const failure = abandon.error
    ? isApiError(abandon.error) && abandon.error.detail && !abandon.error.isServiceProblem
      ? abandon.error.detail
      : 'Sorry, the upload could not be abandoned. Try again.'
    : null;

  if (!confirming) {
    return (
      <section className="section" aria-labelledby="abandon-heading">
        <h2 id="abandon-heading">Not loading this file?</h2>
        <p>Abandon the upload so that it no longer waits to be loaded. Nothing from it is saved.</p>
        <button type="button" className="button button--secondary" ref={opener} onClick={() => setConfirming(true)}>
          Abandon this upload
        </button>
      </section>
    );
  }
  return (
    <section className="section" aria-labelledby="abandon-confirm-heading">
      <h2 id="abandon-confirm-heading" ref={heading} tabIndex={-1}>
        Abandon {data.upload.fileName}?
      </h2>
      {failure && (
        <p className="error-message" role="alert">
          <span className="visually-hidden">Error:</span> {failure}
        </p>
      )}
      <div className="warning-text">
        <span className="warning-text__icon" aria-hidden="true">
          !
        </span>
        <strong className="warning-text__text">
          <span className="visually-hidden">Warning</span>
          Nothing from this file will be saved, and this upload can never be loaded afterwards. To load the figures
          later, upload the file again.
        </strong>
      </div>
      <button
        type="button"
        className="button"
        onClick={() => {
          if (!abandon.isPending) abandon.mutate();
        }}
        aria-disabled={abandon.isPending || undefined}
      >
        Yes, abandon this upload
      </button>{' '}
      <button
        type="button"
        className="button button--secondary"
        onClick={() => {
          abandon.reset();
          setConfirming(false);
        }}
      >
        Cancel
      </button>
      <p className={abandon.isPending ? 'loading' : 'visually-hidden'} role="status">
        {abandon.isPending ? 'Abandoning the upload…' : ''}
      </p>
    </section>
  );
}
