export function NoOrganisation() {
  return (
    <section className="section" aria-labelledby="no-organisation-heading">
      <h2 id="no-organisation-heading">No organisation has been set up yet</h2>
      <p>
        The dashboard does not yet know which council it is for, so it holds no KPI sets or performance figures. An
        administrator needs to load the organisation and its reference data first.
      </p>
    </section>
  );
}
