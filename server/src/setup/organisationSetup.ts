import { loadSeedData } from '@kpi/seed';
import { chooseSnModel, type OrganisationSetup, type ReferenceLoadResult, type SetupStatus } from '@kpi/shared';
import type { FastifyRequest } from 'fastify';
import { audit, auditedChange } from '../audit/auditedChange';
import type { Db, DbOrTx } from '../db/database';
import { withTenantScope } from '../db/tenantScope';
import { BadRequestError, ConflictError } from '../errors';
import { adoptPeopleWithoutOrganisation } from '../organisations/membershipRepository';
import { findOrganisation, regionNameOf } from '../organisations/organisationRepository';
import { writeGeography } from '../seedLoader/writeSeed';
import { mayAddCouncils } from './deploymentAdministrator';
import {
  findArea,
  insertOrganisation,
  listLocalAuthorities,
  listSnModels,
  modelsListing,
  referenceCounts,
} from './setupRepository';

/**
 * `organisationId`: the organisation in view, whose administrator asks (with several councils in
 * one deployment, each sees their own); null before any organisation exists.
 */
export async function setupStatus(
  db: Db,
  request: FastifyRequest,
  organisationId: number | null = null,
): Promise<SetupStatus> {
  const [organisation, reference, localAuthorities, models, addCouncils] = await Promise.all([
    findOrganisation(db, organisationId ?? undefined),
    referenceCounts(db),
    listLocalAuthorities(db),
    listSnModels(db),
    mayAddCouncils(db, request),
  ]);
  return {
    organisation: organisation
      ? {
          name: organisation.name,
          areaCode: organisation.areaCode,
          oldLaCode: organisation.oldLaCode,
          regionName: await regionNameOf(db, organisation.regionCode),
          providerName: organisation.providerName,
          snModelName: organisation.snModelName,
        }
      : null,
    reference,
    localAuthorities,
    snModels: models.map(({ code, name, publishedOn }) => ({ code, name, publishedOn })),
    mayAddCouncils: addCouncils,
  };
}

/**
 * Loads the reference geography shipped in the repository (data/reference/: every English local
 * authority and region from the DfE files, both DfE statistical-neighbour models, ONS 0–17
 * populations) without any demo data, so a production installation can be set up from the
 * screens. Idempotent: rows already held are kept.
 */
export async function loadReferenceData(
  db: Db,
  request: FastifyRequest,
  referenceDir: string,
): Promise<ReferenceLoadResult> {
  const data = await loadSeedData(referenceDir);
  return auditedChange(db, request, { action: 'reference.load', target: 'reference-data' }, async (tx) => {
    const inserted = { areas: 0, sn_models: 0, sn_neighbours: 0, populations: 0 };
    await writeGeography(tx, data, inserted);
    const result = {
      areas: inserted.areas,
      snModels: inserted.sn_models,
      snNeighbours: inserted.sn_neighbours,
      populations: inserted.populations,
    };
    await audit(request, tx, 'reference.load', 'reference-data', { inserted: result });
    return { inserted: result };
  });
}

/**
 * The local authority and statistical-neighbour model a new organisation is created for, refused
 * in the one error shape when the area is not a local authority from the DfE list or the model
 * does not list it. Everything else follows from the reference data already loaded: the region
 * from the area's row, the neighbours from the model, and populations and comparators, which are
 * held by area code. Used by the first-run set-up and by onboarding another council.
 */
export async function councilAndModel(
  tx: DbOrTx,
  areaCode: string,
  snModelCode: string | null | undefined,
  currentModelCode: string | null,
) {
  const area = await findArea(tx, areaCode);
  if (area?.level !== 'local_authority') {
    throw new BadRequestError('Choose a local authority from the list.', [
      { path: 'body.areaCode', message: 'Choose a local authority from the list (load the reference data first).' },
    ]);
  }
  const chosen = chooseSnModel(await modelsListing(tx, area.code), snModelCode, currentModelCode);
  if ('refused' in chosen) {
    throw new BadRequestError('That statistical-neighbour model does not list this authority.', [
      { path: 'body.snModelCode', message: 'That statistical-neighbour model does not list this authority.' },
    ]);
  }
  return { area, model: chosen.model };
}

/**
 * Creates the organisation this installation serves (one per installation). Its region follows
 * from the authority; its statistical neighbours from the chosen DfE model, or the newest that lists it.
 */
export async function setUpOrganisation(db: Db, request: FastifyRequest, input: OrganisationSetup) {
  // The organisation does not exist until this creates it, and takes in the people made before it:
  // the system scope, past row-level security.
  await withTenantScope('system', () => setUpOrganisationInScope(db, request, input));
  return setupStatus(db, request);
}

async function setUpOrganisationInScope(db: Db, request: FastifyRequest, input: OrganisationSetup) {
  await auditedChange(db, request, { action: 'organisation.create', target: `area:${input.areaCode}` }, async (tx) => {
    if (await findOrganisation(tx)) throw new ConflictError('The organisation is already set up.', 'already_set_up');
    const { area, model } = await councilAndModel(tx, input.areaCode, input.snModelCode, null);
    const row = await insertOrganisation(tx, {
      name: input.name,
      areaCode: area.code,
      providerName: input.providerName || null,
      snModelId: model?.id ?? null,
    });
    // The administrator setting it up, and anyone made before it, take their roles here.
    await adoptPeopleWithoutOrganisation(tx, row.id);
    await audit(request, tx, 'organisation.create', `organisation:${row.id}`, {
      areaCode: area.code,
      name: input.name,
      snModel: model?.code ?? null,
    });
  });
}
