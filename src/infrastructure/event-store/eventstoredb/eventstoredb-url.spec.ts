import 'reflect-metadata';
import { describeStorage, validateConfig } from '../../../config/app-config.js';
import { InvalidEventStoreUrlError, parseEventStoreUrl } from './eventstoredb-url.js';

describe('parseEventStoreUrl', () => {
  it.each([
    ['esdb://localhost:2113?tls=false', 'esdb', false, 'kurrentdb://localhost:2113?tls=false'],
    ['kurrentdb://localhost:2113?tls=false', 'kurrentdb', false, 'kurrentdb://localhost:2113?tls=false'],
    ['kurrent://db.example.org:2113', 'kurrent', false, 'kurrentdb://db.example.org:2113'],
    ['kdb://10.0.0.5:2113', 'kdb', false, 'kurrentdb://10.0.0.5:2113'],
    [
      'esdb+discover://cluster.example.org:2113',
      'esdb',
      true,
      'kurrentdb+discover://cluster.example.org:2113',
    ],
    [
      'KurrentDB+Discover://a:2113,b:2113,c:2113',
      'kurrentdb',
      true,
      'kurrentdb+discover://a:2113,b:2113,c:2113',
    ],
  ])('%s → scheme %s, discover %s, handed to the client as %s', (url, scheme, discover, connectionString) => {
    const parsed = parseEventStoreUrl(url);
    expect(parsed.scheme).toBe(scheme);
    expect(parsed.discover).toBe(discover);
    expect(parsed.connectionString).toBe(connectionString);
  });

  it('tls is on unless tls=false is written (the client default)', () => {
    expect(parseEventStoreUrl('kurrentdb://h:2113').tls).toBe(true);
    expect(parseEventStoreUrl('kurrentdb://h:2113?tls=true&tlsVerifyCert=true').tls).toBe(true);
    expect(parseEventStoreUrl('kurrentdb://h:2113?tls=false').tls).toBe(false);
    expect(parseEventStoreUrl('kurrentdb://h:2113?TLS=False').tls).toBe(false);
  });

  it('keeps the credentials for the client and hides the password from logs', () => {
    const parsed = parseEventStoreUrl('esdb://admin:s3cr%40t@db.example.org:2113?tls=true');
    expect(parsed.credentials).toBe(true);
    expect(parsed.connectionString).toBe('kurrentdb://admin:s3cr%40t@db.example.org:2113?tls=true');
    expect(parsed.redacted).toBe('esdb://admin:***@db.example.org:2113?tls=true');
    expect(parsed.redacted).not.toContain('s3cr');
    expect(parseEventStoreUrl('kdb://h:2113').credentials).toBe(false);
  });

  it.each([
    ['', 'not a connection string'],
    ['localhost:2113', 'not a connection string'],
    ['postgres://localhost:5432/x', 'unknown scheme "postgres"'],
    ['http://localhost:2113', 'unknown scheme "http"'],
    ['kurrentdb://', 'no host'],
    ['kurrentdb://a b:2113', 'no host'],
    ['kurrentdb://admin@h:2113', 'credentials must be user:password'],
    ['kurrentdb://h:2113?tls=maybe', 'tls must be true or false'],
  ])('refuses %j: %s', (url, reason) => {
    expect(() => parseEventStoreUrl(url)).toThrow(InvalidEventStoreUrlError);
    expect(() => parseEventStoreUrl(url)).toThrow(reason);
  });
});

describe('EVENTSTORE_URL in the configuration', () => {
  it('refuses a bad connection string at start, naming the variable', () => {
    expect(() => validateConfig({ EVENTSTORE_URL: 'http://localhost:2113' })).toThrow(
      /Invalid configuration:\n {2}EVENTSTORE_URL: unknown scheme "http"/,
    );
  });

  it('accepts every supported scheme and logs the store without its password', () => {
    for (const url of ['esdb://h:2113', 'kurrentdb+discover://h:2113', 'kurrent://h:2113', 'kdb://h:2113']) {
      expect(validateConfig({ EVENTSTORE_URL: url }).EVENTSTORE_URL).toBe(url);
    }
    const config = validateConfig({ EVENTSTORE_URL: 'kurrentdb://ops:hunter22@h:2113?tls=true' });
    expect(describeStorage(config)).toBe(
      'events in KurrentDB kurrentdb://ops:***@h:2113?tls=true, read models in PGlite in ./data',
    );
  });
});
