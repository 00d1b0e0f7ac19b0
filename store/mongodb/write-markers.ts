/**
 * Whether conditional updates need the marker protocol of atomic-update.ts: only FerretDB, whose filtered updates
 * are not atomic, does. Asked once at open through buildInfo, which FerretDB answers with a `ferretdbVersion`
 * field; MongoDB and Cosmos DB answer without one.
 */
import { type Db, MongoServerError } from 'mongodb';

export interface ServerWrites {
  markers: boolean;
  /** What the server said it is, for the log. */
  server: string;
}

export async function detectWriteMarkers(db: Db): Promise<ServerWrites> {
  let info: { version?: unknown; ferretdbVersion?: unknown };
  try {
    info = await db.admin().command({ buildInfo: 1 });
  } catch (error) {
    if (!(error instanceof MongoServerError)) throw error;
    // A server that will not say what it is gets the protocol that is safe everywhere.
    return { markers: true, server: `unknown (buildInfo refused: ${error.message})` };
  }
  if (typeof info.ferretdbVersion === 'string') return { markers: true, server: `FerretDB ${info.ferretdbVersion}` };
  return { markers: false, server: `MongoDB-compatible ${String(info.version ?? 'unknown')}` };
}
