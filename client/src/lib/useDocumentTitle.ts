import { useEffect } from 'react';

export const SERVICE_NAME = "Children's services KPI dashboard";

export function pageTitle(title: string, { hasErrors = false } = {}): string {
  return `${hasErrors ? 'Error: ' : ''}${title} – ${SERVICE_NAME}`;
}

/** Sets `document.title` to "<page> – <service>", prefixed "Error: " when the page shows errors. */
export function useDocumentTitle(title: string, options: { hasErrors?: boolean } = {}): void {
  const full = pageTitle(title, options);
  useEffect(() => {
    document.title = full;
  }, [full]);
}
