import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { SERVICE_NAME } from '../../lib/useDocumentTitle';

type PageShellProps = {
  /** Account details and sign-out, shown on the right of the header when signed in. */
  account?: ReactNode;
  navigation?: ReactNode;
  /** Shown between the header and the page, e.g. a failed sign-out. */
  banner?: ReactNode;
  children: ReactNode;
};

/** Skip link, header, navigation, main and footer landmarks shared by every page. */
export function PageShell({ account, navigation, banner, children }: PageShellProps) {
  return (
    <>
      <a href="#main-content" className="skip-link">
        Skip to main content
      </a>
      <header className="header">
        <div className="width-container header__inner">
          <Link to="/" className="header__service">
            {SERVICE_NAME}
          </Link>
          {account}
        </div>
      </header>
      {navigation}
      <div className="width-container">
        {banner}
        <main id="main-content" className="main" tabIndex={-1}>
          {children}
        </main>
      </div>
      <footer className="footer">
        <div className="width-container">
          <p>
            {SERVICE_NAME}. Figures marked &lsquo;illustrative&rsquo; were generated to demonstrate the dashboard and
            are not real performance data.
          </p>
        </div>
      </footer>
    </>
  );
}
