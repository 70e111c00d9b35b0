import { existsSync, readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { plainToInstance, Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Max,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';
import { parseEventStoreUrl } from '../infrastructure/event-store/eventstoredb/eventstoredb-url.js';

const toBoolean = ({ value }: { value: unknown }) =>
  value === undefined
    ? undefined
    : typeof value === 'boolean'
      ? value
      : typeof value === 'string' && ['1', 'true', 'yes', 'on'].includes(value.toLowerCase());

/**
 * Every setting the application reads, parsed and validated once at start. Nothing else reads `process.env`.
 * docs/configuration.md lists them.
 */
export class AppConfig {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsString()
  HOST = '127.0.0.1';

  /** The address people and API clients use (behind a proxy: its https:// address); the API description's server. */
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true })
  PUBLIC_URL?: string;

  /** PostgreSQL connection string. Unset: the embedded PGlite store in DATA_DIR. */
  @IsOptional()
  @IsUrl({ protocols: ['postgres', 'postgresql'], require_tld: false, require_protocol: true })
  DATABASE_URL?: string;

  @IsString()
  DATA_DIR = './data';

  /**
   * KurrentDB / EventStoreDB connection string (kurrentdb://, kurrent://, kdb:// or esdb://, optionally +discover).
   * Set: events are stored there; read models stay in SQL.
   */
  @IsOptional()
  @IsString()
  EVENTSTORE_URL?: string;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  DATABASE_POOL_SIZE = 20;

  /** Run the projection runners in this instance. */
  @Transform(toBoolean)
  @IsBoolean()
  PROJECTIONS_ENABLED = true;

  @Type(() => Number)
  @IsInt()
  @Min(10)
  PROJECTION_POLL_MS = 1000;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10000)
  PROJECTION_BATCH_SIZE = 500;

  /** Several instances on one PostgreSQL: how often an instance tries to take the projections no one holds. */
  @Type(() => Number)
  @IsInt()
  @Min(100)
  PROJECTION_LEASE_RETRY_MS = 2000;

  /**
   * How long the access guard may reuse what it read of an account (0: read it on every request). Disabling it,
   * logging out, changing its password or creating a section forgets it at once, in every instance (ADR 0022).
   */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(60_000)
  ACCESS_CACHE_MS = 2000;

  /** How long a command waits for the read models to show its events. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  READ_YOUR_WRITES_TIMEOUT_MS = 5000;

  /** How long an Idempotency-Key is remembered: its answer replayed, another body refused (422). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(8760)
  IDEMPOTENCY_KEY_TTL_HOURS = 24;

  /**
   * How long a request may hold its Idempotency-Key without answering: a retry meanwhile gets 409 with
   * Retry-After; after it, the request is presumed dead (a crash) and the retry runs in its place.
   */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(3600)
  IDEMPOTENCY_IN_PROGRESS_SECONDS = 15;

  /** How often the scheduled check records missed deadlines (0: never in this instance). */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  DEADLINE_CHECK_INTERVAL_MS = 60_000;

  /**
   * Load the demo dataset and the demo accounts on first start of the embedded store. Default: on for the embedded
   * store outside production; never in production (DEMO_DATA=true there is refused at start).
   */
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  DEMO_DATA?: boolean;

  /** Secret that signs access tokens. Required in production; elsewhere a random one is made at each start. */
  @IsOptional()
  @IsString()
  @MinLength(32)
  JWT_SECRET?: string;

  @Type(() => Number)
  @IsInt()
  @Min(60)
  @Max(86400)
  ACCESS_TOKEN_TTL_SECONDS = 900;

  /** Password of the demo accounts (embedded demo mode only). */
  @IsString()
  @MinLength(1)
  DEMO_PASSWORD = 'demo';

  /** Origins allowed by CORS, comma-separated. Empty: CORS closed. */
  @IsString()
  CORS_ORIGINS = '';

  /** Failed logins allowed per address per minute; also wrong current passwords per account on a password change. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  LOGIN_RATE_LIMIT = 10;

  /** Express `trust proxy` setting (e.g. 1 behind one reverse proxy), so rate limits see the client address. */
  @IsOptional()
  @IsString()
  TRUST_PROXY?: string;

  @IsIn(['json', 'text'])
  LOG_FORMAT: 'json' | 'text' = 'json';

  @IsIn(['fatal', 'error', 'warn', 'log', 'debug', 'verbose'])
  LOG_LEVEL: 'fatal' | 'error' | 'warn' | 'log' | 'debug' | 'verbose' = 'log';

  /** Ed25519 private key (PEM, or its base64) that signs audit seals. Kept outside the database (ADR 0012). */
  @IsOptional()
  @IsString()
  AUDIT_SEAL_KEY?: string;

  /** File of the seal key (PEM), made if missing. Default on the embedded store: beside DATA_DIR. */
  @IsOptional()
  @IsString()
  AUDIT_SEAL_KEY_FILE?: string;

  /** Seal the audit ledger every N events… */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  AUDIT_SEAL_EVERY_EVENTS = 1000;

  /** …and every T minutes when events were folded since the last seal (0: never by time). */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  AUDIT_SEAL_EVERY_MINUTES = 60;

  /**
   * Demo mode: the embedded store with the demo data (demo accounts exist only then). Never in production, whatever
   * the store: `validateConfig` refuses DEMO_DATA=true there, and the default is off.
   */
  get demoMode(): boolean {
    if (this.NODE_ENV === 'production') return false;
    return this.DEMO_DATA ?? this.storage === 'pglite';
  }

  get storage(): 'postgres' | 'pglite' {
    return this.DATABASE_URL ? 'postgres' : 'pglite';
  }
}

export function validateConfig(raw: Record<string, unknown>): AppConfig {
  const config = plainToInstance(AppConfig, raw, { exposeDefaultValues: true });
  const errors = validateSync(config, { skipMissingProperties: false, whitelist: false });
  const lines = errors.map((e) => `  ${e.property}: ${Object.values(e.constraints ?? {}).join('; ')}`);
  if (config.NODE_ENV === 'production' && !config.JWT_SECRET) {
    lines.unshift('  JWT_SECRET: required in production (at least 32 characters)');
  }
  // Demo accounts have a known password: production never creates them (issue 10, defect 6).
  if (config.NODE_ENV === 'production' && config.DEMO_DATA === true) {
    lines.push(
      '  DEMO_DATA: refused in production (the demo accounts have a known password); remove DEMO_DATA or set it to false',
    );
  }
  if (config.EVENTSTORE_URL) {
    try {
      parseEventStoreUrl(config.EVENTSTORE_URL);
    } catch (error) {
      lines.push(`  ${(error as Error).message}`);
    }
  }
  if (lines.length > 0) throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  return config;
}

/**
 * The environment the application and every command-line tool read: the variables of `.env` (or of the file named
 * by ENV_FILE) in the working directory, under the process environment (a variable set in the environment wins).
 */
export function readEnvironment(env: NodeJS.ProcessEnv = process.env): Record<string, string | undefined> {
  const file = env.ENV_FILE ?? '.env';
  if (!existsSync(file)) {
    if (env.ENV_FILE) throw new Error(`Invalid configuration:\n  ENV_FILE: ${file} does not exist`);
    return { ...env };
  }
  return { ...parseEnv(readFileSync(file, 'utf8')), ...env };
}

/** The one configuration loader, for the application (ConfigModule) and every command-line tool. */
export const loadConfig = (env: NodeJS.ProcessEnv = process.env): AppConfig =>
  validateConfig(readEnvironment(env));

/** Where the events and read models live, said in a few words for logs (no password). */
export function describeStorage(
  config: Pick<AppConfig, 'DATABASE_URL' | 'DATA_DIR' | 'EVENTSTORE_URL'>,
): string {
  const sql = config.DATABASE_URL
    ? `PostgreSQL ${redactUrl(config.DATABASE_URL)}`
    : `PGlite in ${config.DATA_DIR}`;
  return config.EVENTSTORE_URL
    ? `events in KurrentDB ${redactUrl(config.EVENTSTORE_URL)}, read models in ${sql}`
    : `${sql} (events and read models)`;
}

/** A connection string without its password. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}
