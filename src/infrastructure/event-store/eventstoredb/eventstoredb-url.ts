/**
 * EVENTSTORE_URL, read without the client (pure, so that configuration checks and logs need no gRPC module).
 *
 * Accepted schemes: `kurrentdb://`, `kurrent://`, `kdb://` and the older `esdb://`, each with `+discover` (DNS
 * discovery of a cluster). `@kurrent/kurrentdb-client` accepts `esdb` too but prints a deprecation warning on every
 * connection, so the adapter hands it the same string under `kurrentdb`.
 */

export type EventStoreUrl = Readonly<{
  /** The scheme as written, lower-cased (`esdb`, `kurrentdb`…), without `+discover`. */
  scheme: 'kurrentdb' | 'kurrent' | 'kdb' | 'esdb';
  /** `+discover`: the hosts are DNS names resolved to the cluster's nodes. */
  discover: boolean;
  /** What the client is given: the same string under `kurrentdb://` (or `kurrentdb+discover://`). */
  connectionString: string;
  /** For logs and /health: the same string with its password replaced by `***`. */
  redacted: string;
  /** TLS is on unless the string says `tls=false` (the client's default is on). */
  tls: boolean;
  /** Whether the string carries `user:password@` (reading `$all` needs an authorised user on a secure server). */
  credentials: boolean;
}>;

const SCHEMES = ['kurrentdb', 'kurrent', 'kdb', 'esdb'] as const;
const PATTERN = /^([a-z]+)(\+discover)?:\/\/(.*)$/i;

export class InvalidEventStoreUrlError extends Error {
  constructor(reason: string) {
    super(
      `EVENTSTORE_URL: ${reason} (expected kurrentdb://, kurrent://, kdb:// or esdb://, optionally +discover, then [user:password@]host:port[,host:port…][?tls=…])`,
    );
    this.name = 'InvalidEventStoreUrlError';
  }
}

export function parseEventStoreUrl(value: string): EventStoreUrl {
  const match = PATTERN.exec(value.trim());
  if (!match) throw new InvalidEventStoreUrlError('not a connection string');
  const scheme = (match[1] ?? '').toLowerCase();
  if (!isScheme(scheme)) throw new InvalidEventStoreUrlError(`unknown scheme "${match[1]}"`);
  const discover = match[2] !== undefined;
  const rest = match[3] ?? '';
  const at = rest.lastIndexOf('@', rest.search(/[/?]|$/));
  const userInfo = at >= 0 ? rest.slice(0, at) : undefined;
  const afterUser = at >= 0 ? rest.slice(at + 1) : rest;
  const queryAt = afterUser.indexOf('?');
  const hostPart = (queryAt >= 0 ? afterUser.slice(0, queryAt) : afterUser).replace(/\/+$/, '');
  const query = queryAt >= 0 ? afterUser.slice(queryAt + 1) : '';
  if (hostPart === '' || hostPart.split(',').some((host) => !/^[^\s:/,]+(:\d{1,5})?$/.test(host))) {
    throw new InvalidEventStoreUrlError('no host, or a host that is not name[:port]');
  }
  if (userInfo !== undefined && !/^[^:]+:.*$/.test(userInfo)) {
    throw new InvalidEventStoreUrlError('credentials must be user:password');
  }
  const params = new URLSearchParams(query);
  const tlsParam = [...params.entries()].find(([key]) => key.toLowerCase() === 'tls')?.[1];
  if (tlsParam !== undefined && !['true', 'false'].includes(tlsParam.toLowerCase())) {
    throw new InvalidEventStoreUrlError(`tls must be true or false, not "${tlsParam}"`);
  }
  const target = `kurrentdb${discover ? '+discover' : ''}://${rest}`;
  const user = userInfo === undefined ? '' : `${userInfo.slice(0, userInfo.indexOf(':'))}:***@`;
  return {
    scheme,
    discover,
    connectionString: target,
    redacted: `${scheme}${discover ? '+discover' : ''}://${user}${afterUser}`,
    tls: tlsParam === undefined || tlsParam.toLowerCase() === 'true',
    credentials: userInfo !== undefined,
  };
}

const isScheme = (value: string): value is EventStoreUrl['scheme'] =>
  (SCHEMES as readonly string[]).includes(value);
