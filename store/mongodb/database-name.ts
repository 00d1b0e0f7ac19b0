/** The database a MongoDB connection string names in its path, or m365ops when it names none. */
export const defaultDatabaseName = 'm365ops';

export function databaseNameOf(uri: string): string {
  const afterScheme = uri.replace(/^mongodb(\+srv)?:\/\//, '');
  const slash = afterScheme.indexOf('/');
  if (slash === -1) return defaultDatabaseName;
  const name = decodeURIComponent(afterScheme.slice(slash + 1).split('?')[0] ?? '');
  return name === '' ? defaultDatabaseName : name;
}
