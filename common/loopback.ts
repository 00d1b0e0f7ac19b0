/** The names that address this machine: what dev mode, /metrics and the dev serviceUrl check accept as loopback. */
const loopbackHostNames = new Set(['localhost', '127.0.0.1', '[::1]']);

/** A host name as URL.hostname or hostNameOf gives it (IPv6 in brackets). */
export function isLoopbackHostName(hostName: string): boolean {
  return loopbackHostNames.has(hostName.toLowerCase());
}

/** The host name of a Host header, without its port: "localhost:3978" → "localhost", "[::1]:3978" → "[::1]". */
export function hostNameOf(hostHeader: string | undefined): string {
  const host = (hostHeader ?? '').trim().toLowerCase();
  if (host.startsWith('[')) return host.slice(0, host.indexOf(']') + 1);
  const colon = host.indexOf(':');
  return colon === -1 ? host : host.slice(0, colon);
}
