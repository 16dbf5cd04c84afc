import { type CouncilOnboarding, copiedWording, type OnboardedCouncil, type OnboardingCandidates } from '@kpi/shared';
import type { FastifyRequest } from 'fastify';
import { audit, auditedChange } from '../audit/auditedChange';
import type { Db, DbOrTx } from '../db/database';
import { withTenantScope } from '../db/tenantScope';
import { BadRequestError, ConflictError, ForbiddenError, UnauthorisedError } from '../errors';
import type { RequestContext } from '../http/requestContext';
import {
  administersWholeDeployment,
  councilSightOf,
  ONBOARDING_IS_FOR_THE_DEPLOYMENT,
} from '../organisations/councilSight';
import { grantMembership, membershipsOf } from '../organisations/membershipRepository';
import { findOrganisation, regionNameOf } from '../organisations/organisationRepository';
import { refuseNameTaken } from './councilSettings';
import { copyKpiConfiguration, kpiConfigurationSummaries } from './kpiTemplateRepository';
import { councilAndModel } from './organisationSetup';
import {
  areasListedBy,
  findArea,
  insertOrganisation,
  listLocalAuthorities,
  listOrganisations,
  listSnModels,
} from './setupRepository';

type OrganisationRow = Awaited<ReturnType<typeof listOrganisations>>[number];

/**
 * The councils whose KPI configuration a person may start a new council from: those they hold a
 * membership in, and the one in view. Another council's configuration is its own business until
 * the person belongs to it.
 */
async function templateCouncils(db: DbOrTx, context: RequestContext, organisations: OrganisationRow[]) {
  const user = context.user;
  if (!user) throw new UnauthorisedError();
  const [mine, inView] = await Promise.all([membershipsOf(db, user.id), context.organisation(db)]);
  const allowed = new Set([...mine.map((m) => m.organisationId), ...(inView ? [inView.id] : [])]);
  return organisations.filter((o) => allowed.has(o.id));
}

/** The deployment's current statistical-neighbour model: that of the council in view. */
async function currentModelCode(db: DbOrTx, context: RequestContext, models: { id: number; code: string }[]) {
  const inView = await context.organisation(db);
  return models.find((m) => m.id === inView?.snModelId)?.code ?? null;
}

/**
 * Adding a council is the deployment administrator's (organisations/councilSight.ts): the refusal
 * is the same whatever the person asked for, so it says nothing of which councils are served.
 */
function refuseUnlessDeploymentAdministrator(request: FastifyRequest, organisations: OrganisationRow[]) {
  const sight = councilSightOf(request.sessionUser);
  if (
    !administersWholeDeployment(
      sight,
      organisations.map((o) => o.id),
    )
  )
    throw new ForbiddenError(ONBOARDING_IS_FOR_THE_DEPLOYMENT);
}

/** What the "Add a council" screen chooses from: DfE local authorities not yet onboarded, models, templates. */
export async function onboardingCandidates(db: Db, request: FastifyRequest): Promise<OnboardingCandidates> {
  // The templates are other councils (those the person belongs to): the system scope, past
  // row-level security, with the choice of councils made here.
  return withTenantScope('system', () => candidatesInScope(db, request));
}

async function candidatesInScope(db: Db, request: FastifyRequest): Promise<OnboardingCandidates> {
  const context = request.context;
  const [authorities, organisations, models] = await Promise.all([
    listLocalAuthorities(db),
    listOrganisations(db),
    listSnModels(db),
  ]);
  refuseUnlessDeploymentAdministrator(request, organisations);
  const onboarded = new Set(organisations.map((o) => o.areaCode));
  // Councils abolished since (Bournemouth and Poole in 2019, Northamptonshire in 2021, Cumbria in
  // 2023) are still areas of older DfE files, but the newest model no longer lists them.
  const newest = models[0];
  const current = newest ? await areasListedBy(db, newest.id) : null;
  const isCurrent = (code: string) => current === null || current.size === 0 || current.has(code);
  const templates = await templateCouncils(db, context, organisations);
  const summaries = await kpiConfigurationSummaries(
    db,
    templates.map((t) => t.id),
  );
  return {
    localAuthorities: authorities.filter((la) => !onboarded.has(la.code) && isCurrent(la.code)),
    snModels: models.map(({ code, name, publishedOn }) => ({ code, name, publishedOn })),
    currentSnModelCode: await currentModelCode(db, context, models),
    templates: templates.map((t) => ({ areaCode: t.areaCode, name: t.name, ...summaries.get(t.id)! })),
  };
}

/**
 * Onboards another council into the deployment, in one transaction with one audit row: the
 * organisation (its region, neighbours, populations and comparators follow from the reference data,
 * as at first-run set-up), the creator's administrator membership there, and, when asked, a copy of
 * another council's KPI configuration (never its figures, history or people).
 */
export async function onboardCouncil(
  db: Db,
  request: FastifyRequest,
  input: CouncilOnboarding,
): Promise<OnboardedCouncil> {
  const context = request.context;
  const user = context.user;
  if (!user) throw new UnauthorisedError();
  const refusal = {
    action: 'organisation.onboard',
    target: `area:${input.areaCode}`,
    duplicate: 'That council is already onboarded.',
  };
  // A council that does not exist yet, a copy from another: the system scope, past row-level security.
  return withTenantScope('system', () => onboardInScope(db, request, input, refusal));
}

async function onboardInScope(
  db: Db,
  request: FastifyRequest,
  input: CouncilOnboarding,
  refusal: { action: string; target: string; duplicate: string },
): Promise<OnboardedCouncil> {
  const context = request.context;
  const user = context.user;
  if (!user) throw new UnauthorisedError();
  return auditedChange(db, request, refusal, async (tx) => {
    // The route admits administrators; this holds to the role in the council in view, which is
    // the context's role, should the two ever differ.
    if (context.role !== 'admin') throw new ForbiddenError('Only an administrator can add a council.');
    const [organisations, models] = await Promise.all([listOrganisations(tx), listSnModels(tx)]);
    refuseUnlessDeploymentAdministrator(request, organisations);
    const existing = organisations.find((o) => o.areaCode === input.areaCode);
    if (existing) throw new ConflictError(`${existing.name} is already onboarded.`, 'already_onboarded');
    const template = input.templateFrom
      ? (await templateCouncils(tx, context, organisations)).find((o) => o.areaCode === input.templateFrom)
      : null;
    if (input.templateFrom && !template) {
      throw new BadRequestError('Choose a council to start from in the list.', [
        { path: 'body.templateFrom', message: 'Choose a council you belong to from the list, or start empty.' },
      ]);
    }
    const { area, model } = await councilAndModel(
      tx,
      input.areaCode,
      input.snModelCode,
      await currentModelCode(tx, context, models),
    );
    const name = input.name || area.name;
    refuseNameTaken(organisations, name);
    const row = await insertOrganisation(tx, {
      name,
      areaCode: area.code,
      providerName: input.providerName || null,
      snModelId: model?.id ?? null,
    });
    await grantMembership(tx, { userId: user.id, organisationId: row.id, role: 'admin', preRelease: false });
    const copied = template
      ? await copyKpiConfiguration(
          tx,
          template.id,
          row.id,
          copiedWording(await councilNames(tx, template.id), {
            name,
            areaName: area.name,
            providerName: row.providerName,
          }),
        )
      : null;
    await audit(request, tx, 'organisation.onboard', `organisation:${row.id}`, {
      areaCode: area.code,
      name,
      snModel: model?.code ?? null,
      templateFrom: template?.areaCode ?? null,
      copied,
      membership: { userId: user.id, role: 'admin' },
    });
    return {
      organisation: {
        name,
        areaCode: area.code,
        oldLaCode: area.oldLaCode,
        regionName: await regionNameOf(tx, area.regionCode),
        providerName: row.providerName,
        snModelCode: model?.code ?? null,
        snModelName: models.find((m) => m.id === model?.id)?.name ?? null,
      },
      template: template && copied ? { areaCode: template.areaCode, name: template.name, ...copied } : null,
      role: 'admin',
    };
  });
}

/** A council's names as its papers use them, for the wording of a configuration copied from it. */
async function councilNames(tx: DbOrTx, organisationId: number) {
  const council = (await findOrganisation(tx, organisationId))!;
  const area = await findArea(tx, council.areaCode);
  return { name: council.name, areaName: area?.name ?? council.name, providerName: council.providerName };
}
