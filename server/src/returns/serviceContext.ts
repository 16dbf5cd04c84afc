import type { Db } from '../db/database';
import type { FileReaderPool } from '../fileReaders/fileReaderPool';

/** What every monthly-returns operation is given besides the request context: the database, the clock, the file readers. */

export interface ReturnsDeps {
  db: Db;
  /** The clock; injectable so tests can fix "today". */
  now: () => Date;
  /** Reads uploaded files off the event loop; without it (scripts, benches) they are read in-process. */
  readers?: FileReaderPool;
}
