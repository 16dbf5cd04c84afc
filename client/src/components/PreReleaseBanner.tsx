/**
 * Shown to people who may see figures before their meeting publishes them: the marking the
 * council uses for unpublished figures, and what it means.
 */
export function PreReleaseBanner({ notes }: { notes: readonly string[] }) {
  return (
    <section
      className="notification-banner notification-banner--pre-release"
      aria-labelledby="pre-release-banner-title"
    >
      <h2 className="notification-banner__title" id="pre-release-banner-title">
        OFFICIAL-SENSITIVE: unpublished figures
      </h2>
      <div className="notification-banner__content">
        <p>
          Some figures on this page have not been published yet. You can see them because you prepare them or are on the
          pre-release list; your viewing is recorded. Do not share them before publication.
        </p>
        <ul>
          {[...new Set(notes)].map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      </div>
    </section>
  );
}
