import type { ReactNode } from 'react';

/** GOV.UK notification banner explaining that some figures on the page are demonstration data. */
export function IllustrativeBanner({ children }: { children?: ReactNode }) {
  return (
    <section className="notification-banner" aria-labelledby="illustrative-banner-title">
      <h2 className="notification-banner__title" id="illustrative-banner-title">
        Important: some figures are illustrative
      </h2>
      <div className="notification-banner__content">
        <p>
          Figures tagged <strong className="tag tag--illustrative">Illustrative data</strong> were generated to
          demonstrate the dashboard. They are not real performance data and must not be quoted.
        </p>
        {children}
      </div>
    </section>
  );
}
