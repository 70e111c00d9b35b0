import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit, Optional } from '@nestjs/common';
import { AppConfig } from '../config/app-config.js';
import { DATABASE, type Database, type SqlExecutor } from '../infrastructure/database/database.js';
import { type Role } from './roles.js';

export type Account = {
  accountId: string;
  organisationId: string;
  email: string;
  displayName: string;
  role: Role;
  sectionIds: string[];
  passwordHash: string;
  disabledAt: Date | null;
  sessionVersion: number;
};

type AccountRow = {
  account_id: string;
  organisation_id: string;
  email: string;
  display_name: string;
  role: Role;
  section_ids: string[];
  password_hash: string;
  disabled_at: Date | null;
  session_version: number;
};

const toAccount = (row: AccountRow): Account => ({
  accountId: row.account_id,
  organisationId: row.organisation_id,
  email: row.email,
  displayName: row.display_name,
  role: row.role,
  sectionIds: row.section_ids,
  passwordHash: row.password_hash,
  disabledAt: row.disabled_at,
  sessionVersion: row.session_version,
});

export type SecurityEvent =
  | 'login_succeeded'
  | 'login_failed'
  | 'logout'
  | 'password_changed'
  | 'account_created'
  | 'account_disabled'
  | 'section_created'
  | 'organisation_created';

/** Accounts, organisations, sections and the security log (plain tables: see migration 005). */
export type AccessAccount = Account & { sectionUnitIds: string[] };

/** Channel on which every instance learns that an account (payload: its id; empty: every account) changed. */
export const ACCOUNTS_CHANGED_CHANNEL = 'accounts_changed';
const MAX_CACHED_ACCOUNTS = 10_000;

@Injectable()
export class AccountsRepository implements OnModuleInit, OnModuleDestroy {
  /** What the access guard read of an account, and when (ADR 0022). */
  private readonly access = new Map<string, { at: number; account: AccessAccount | undefined }>();
  /** Moves on every change: a read started before a change is never kept after it. */
  private generation = 0;
  private unlisten?: () => Promise<void>;

  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Optional() private readonly config?: AppConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    if (!this.config?.ACCESS_CACHE_MS) return;
    this.unlisten = await this.db.listen(ACCOUNTS_CHANGED_CHANNEL, (accountId) => this.forget(accountId));
  }

  async onModuleDestroy(): Promise<void> {
    await this.unlisten?.();
  }

  /**
   * The account a request authenticates as (`withSectionUnits`), read again at most every ACCESS_CACHE_MS; any change
   * to accounts or sections, in this instance or another, forgets it first.
   */
  async forAccess(accountId: string): Promise<AccessAccount | undefined> {
    const ttl = this.config?.ACCESS_CACHE_MS ?? 0;
    if (ttl <= 0) return this.withSectionUnits(accountId);
    const now = Date.now();
    const cached = this.access.get(accountId);
    if (cached && now - cached.at < ttl) return cached.account;
    const generation = this.generation;
    const account = await this.withSectionUnits(accountId);
    if (generation === this.generation) {
      if (this.access.size >= MAX_CACHED_ACCOUNTS) this.access.clear();
      this.access.set(accountId, { at: now, account });
    }
    return account;
  }

  /** Forgets what the guard read of one account ('' or undefined: of every account). */
  private forget(accountId?: string): void {
    this.generation += 1;
    if (accountId) this.access.delete(accountId);
    else this.access.clear();
  }

  /** After a change has committed: forgotten here at once, and in every other instance by a notification. */
  private async changed(accountId?: string): Promise<void> {
    this.forget(accountId);
    if (this.config?.ACCESS_CACHE_MS) await this.db.notify(ACCOUNTS_CHANGED_CHANNEL, accountId ?? '');
  }

  /**
   * The accounts an e-mail address names: at most one per organisation (migration 016), so several when the same
   * person belongs to several unions. The login picks among them by the organisation it is given.
   */
  async byEmail(email: string): Promise<Account[]> {
    const { rows } = await this.db.query<AccountRow>(
      `SELECT * FROM app.accounts WHERE lower(email) = lower($1) ORDER BY organisation_id`,
      [email],
    );
    return rows.map(toAccount);
  }

  async byId(accountId: string): Promise<Account | undefined> {
    if (!/^[0-9a-f-]{36}$/i.test(accountId)) return undefined;
    const { rows } = await this.db.query<AccountRow>(`SELECT * FROM app.accounts WHERE account_id = $1`, [
      accountId,
    ]);
    return rows[0] ? toAccount(rows[0]) : undefined;
  }

  /**
   * The account a request authenticates as, with the units of its sections, in one indexed query: what the access
   * guard needs on every request.
   */
  async withSectionUnits(accountId: string): Promise<(Account & { sectionUnitIds: string[] }) | undefined> {
    if (!/^[0-9a-f-]{36}$/i.test(accountId)) return undefined;
    const { rows } = await this.db.query<AccountRow & { section_unit_ids: string[] | null }>(
      `SELECT a.*,
              (SELECT array_agg(DISTINCT u.unit_id) FROM app.sections s, unnest(s.unit_ids) AS u(unit_id)
                WHERE s.organisation_id = a.organisation_id AND s.section_id = ANY(a.section_ids)) AS section_unit_ids
         FROM app.accounts a WHERE a.account_id = $1`,
      [accountId],
      { prepareAs: 'accounts_with_section_units' },
    );
    const row = rows[0];
    return row ? { ...toAccount(row), sectionUnitIds: row.section_unit_ids ?? [] } : undefined;
  }

  async list(organisationId: string): Promise<Account[]> {
    const { rows } = await this.db.query<AccountRow>(
      `SELECT * FROM app.accounts WHERE organisation_id = $1 ORDER BY email`,
      [organisationId],
    );
    return rows.map(toAccount);
  }

  async ensureOrganisation(
    organisationId: string,
    name: string,
    tx: SqlExecutor = this.db,
  ): Promise<boolean> {
    const result = await tx.query(
      `INSERT INTO app.organisations (organisation_id, name) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
      [organisationId, name],
    );
    return result.rowCount > 0;
  }

  async createSection(section: {
    sectionId: string;
    organisationId: string;
    name: string;
    unitIds: string[];
  }) {
    const result = await this.db.query(
      `INSERT INTO app.sections (section_id, organisation_id, name, unit_ids) VALUES ($1, $2, $3, $4)
       ON CONFLICT DO NOTHING`,
      [section.sectionId, section.organisationId, section.name, section.unitIds],
    );
    // Accounts may already name this section: the units they reach change.
    if (result.rowCount > 0) await this.changed();
    return result.rowCount > 0;
  }

  async sections(organisationId: string): Promise<{ sectionId: string; name: string; unitIds: string[] }[]> {
    const { rows } = await this.db.query<{ section_id: string; name: string; unit_ids: string[] }>(
      `SELECT section_id, name, unit_ids FROM app.sections WHERE organisation_id = $1 ORDER BY section_id`,
      [organisationId],
    );
    return rows.map((r) => ({ sectionId: r.section_id, name: r.name, unitIds: r.unit_ids }));
  }

  /** Creates the account; false when the e-mail is taken in its organisation (another one may hold it too). */
  async create(account: Omit<Account, 'disabledAt' | 'sessionVersion'>): Promise<boolean> {
    const result = await this.db.query(
      `INSERT INTO app.accounts (account_id, organisation_id, email, display_name, role, section_ids, password_hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING`,
      [
        account.accountId,
        account.organisationId,
        account.email,
        account.displayName,
        account.role,
        account.sectionIds,
        account.passwordHash,
      ],
    );
    return result.rowCount > 0;
  }

  async disable(accountId: string): Promise<void> {
    await this.db.query(
      `UPDATE app.accounts SET disabled_at = COALESCE(disabled_at, now()), session_version = session_version + 1,
              updated_at = now() WHERE account_id = $1`,
      [accountId],
    );
    await this.changed(accountId);
  }

  async endSessions(accountId: string): Promise<void> {
    await this.db.query(
      `UPDATE app.accounts SET session_version = session_version + 1, updated_at = now() WHERE account_id = $1`,
      [accountId],
    );
    await this.changed(accountId);
  }

  async setPassword(accountId: string, passwordHash: string): Promise<void> {
    await this.db.query(
      `UPDATE app.accounts SET password_hash = $2, session_version = session_version + 1, updated_at = now()
        WHERE account_id = $1`,
      [accountId, passwordHash],
    );
    await this.changed(accountId);
  }

  async log(
    kind: SecurityEvent,
    entry: { accountId?: string; organisationId?: string; email?: string; ip?: string; detail?: object },
  ): Promise<void> {
    await this.db.query(
      `INSERT INTO app.security_log (kind, account_id, organisation_id, email, ip, detail) VALUES ($1, $2, $3, $4, $5, $6)`,
      [
        kind,
        entry.accountId ?? null,
        entry.organisationId ?? null,
        entry.email?.slice(0, 320) ?? null,
        entry.ip ?? null,
        JSON.stringify(entry.detail ?? {}),
      ],
    );
  }

  /**
   * The organisation's own entries only: a failed login is the organisation's when its e-mail names one of its
   * accounts; one for an unknown address belongs to no organisation and is shown to none.
   */
  async securityLog(organisationId: string, limit: number) {
    const { rows } = await this.db.query<{
      entry_id: string;
      at: Date;
      kind: string;
      account_id: string | null;
      email: string | null;
      ip: string | null;
      detail: object;
    }>(
      // Ordered by the numeric column (l.entry_id), not by the text alias: entry 10 is newer than entry 9.
      `SELECT l.entry_id::text AS entry_id, l.at, l.kind, l.account_id::text AS account_id, l.email, l.ip, l.detail
         FROM app.security_log l WHERE l.organisation_id = $1
        ORDER BY l.entry_id DESC LIMIT $2`,
      [organisationId, limit],
    );
    return rows.map((r) => ({
      id: Number(r.entry_id),
      at: new Date(r.at).toISOString(),
      kind: r.kind,
      accountId: r.account_id,
      email: r.email,
      ip: r.ip,
      detail: r.detail,
    }));
  }
}
