import type { Role } from '@kpi/shared';
import type { Db, DbOrTx } from '../db/database';
import { NotFoundError } from '../errors';
import { findOrganisation } from '../organisations/organisationRepository';
import type { ReturnReaderPool } from './readerPool';

/** What every monthly-returns operation is given: the database, the clock, who asks and from where. */

export interface ReturnsDeps {
  db: Db;
  /** The clock; injectable so tests can fix "today". */
  now: () => Date;
  /** Reads uploaded files off the event loop; without it (scripts, benches) they are read in-process. */
  readers?: ReturnReaderPool;
}

export interface Actor {
  id: number;
  username: string;
  displayName: string;
  role: Role;
}

export interface RequestMeta {
  requestId: string;
  ipAddress: string;
}

export async function requireOrganisation(db: DbOrTx) {
  const organisation = await findOrganisation(db);
  if (!organisation) throw new NotFoundError('No organisation is configured yet.');
  return organisation;
}
