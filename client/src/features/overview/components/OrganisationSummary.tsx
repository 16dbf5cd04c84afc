import { neighbourModelYearsWords, type OverviewResponse } from '@kpi/shared';

const NOT_RECORDED = 'Not recorded';

export function OrganisationSummary({ organisation }: { organisation: OverviewResponse['organisation'] }) {
  const rows: [string, string][] = [
    ['Name', organisation.name],
    [
      'Local authority code',
      organisation.oldLaCode ? `${organisation.laCode} (old code ${organisation.oldLaCode})` : organisation.laCode,
    ],
    ['Region', organisation.regionName ?? NOT_RECORDED],
    ["Children's services provider", organisation.providerName ?? NOT_RECORDED],
    // Each year's neighbour average is over the model in force then, so name each with its years.
    organisation.statisticalNeighbourModelYears.length > 1
      ? ['Statistical neighbour models', `${neighbourModelYearsWords(organisation.statisticalNeighbourModelYears)}.`]
      : ['Statistical neighbour model', organisation.statisticalNeighbourModel ?? NOT_RECORDED],
  ];
  return (
    <section className="section" aria-labelledby="organisation-heading">
      <h2 id="organisation-heading">Organisation</h2>
      <dl className="summary-list">
        {rows.map(([key, value]) => (
          <div className="summary-list__row" key={key}>
            <dt>{key}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
