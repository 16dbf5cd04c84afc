import { loadSeedData } from '@kpi/seed';
import type { OrganisationSetup, ReferenceLoadResult, SetupStatus } from '@kpi/shared';
import type { FastifyRequest } from 'fastify';
import { audit, auditedChange } from '../contract/auditedChange';
import type { Db } from '../db/database';
import { BadRequestError, ConflictError } from '../errors';
import { adoptPeopleWithoutOrganisation } from '../organisations/membershipRepository';
import { findOrganisation, regionNameOf } from '../organisations/organisationRepository';
import { writeGeography } from '../seedLoader/writeSeed';
import {
  findArea,
  insertOrganisation,
  listLocalAuthorities,
  listSnModels,
  modelsListing,
  referenceCounts,
} from './setupRepository';

export async function setupStatus(db: Db): Promise<SetupStatus> {
  const [organisation, reference, localAuthorities, models] = await Promise.all([
    findOrganisation(db),
    referenceCounts(db),
    listLocalAuthorities(db),
    listSnModels(db),
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
 * Creates the organisation this installation serves (one per installation). Its region follows
 * from the authority; its statistical neighbours from the chosen DfE model, or the newest that lists it.
 */
export async function setUpOrganisation(db: Db, request: FastifyRequest, input: OrganisationSetup) {
  await auditedChange(db, request, { action: 'organisation.create', target: `area:${input.areaCode}` }, async (tx) => {
    if (await findOrganisation(tx)) throw new ConflictError('The organisation is already set up.', 'already_set_up');
    const area = await findArea(tx, input.areaCode);
    if (area?.level !== 'local_authority') {
      throw new BadRequestError('Choose a local authority from the list.', [
        { path: 'body.areaCode', message: 'Choose a local authority from the list (load the reference data first).' },
      ]);
    }
    const listing = await modelsListing(tx, area.code);
    const model = input.snModelCode ? listing.find((m) => m.code === input.snModelCode) : listing[0];
    if (input.snModelCode && !model) {
      throw new BadRequestError('That statistical-neighbour model does not list this authority.', [
        { path: 'body.snModelCode', message: 'That statistical-neighbour model does not list this authority.' },
      ]);
    }
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
  return setupStatus(db);
}
