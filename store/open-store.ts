/** The one way to open the store: MongoDB when a connection string is given, else the embedded store in dataDir. */
import type { Clock } from '../common/clock';
import type { Logger } from '../common/logger';
import { openEmbeddedStore } from './embedded/open-embedded-store';
import { openMongoStore } from './mongodb/open-mongo-store';
import type { Store } from './ports';

export interface OpenStoreOptions {
  /** MONGODB_URI; the database is the one its path names, default m365ops. */
  mongodbUri?: string;
  /** DATA_DIR, used by the embedded store. */
  dataDir: string;
  logger?: Logger;
  clock?: Clock;
}

export function openStore(options: OpenStoreOptions): Promise<Store> {
  if (options.mongodbUri) {
    return openMongoStore({ mongodbUri: options.mongodbUri, logger: options.logger, clock: options.clock });
  }
  return openEmbeddedStore({ dataDir: options.dataDir, logger: options.logger, clock: options.clock });
}
