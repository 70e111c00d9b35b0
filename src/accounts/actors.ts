import { type SqlExecutor } from '../infrastructure/database/database.js';

/** Who recorded an event, as a person reads it: a name and a role, never a bare account id. */
export type Actor = {
  /** The account id, or `demo` / `system:…` for what the product recorded itself. */
  id: string;
  name: string;
  /** `admin`, `officer`, `observer`, or `system` for the product itself. */
  role: 'admin' | 'officer' | 'observer' | 'system' | 'unknown';
  /** The role in French, ready to show. */
  roleLabel: string;
};

const ROLE_LABELS: Record<Actor['role'], string> = {
  admin: 'administrateur·rice',
  officer: 'délégué·e',
  observer: 'lecteur·rice',
  system: 'application',
  unknown: 'compte inconnu',
};

const systemActor = (id: string): Actor | undefined => {
  if (id === 'demo')
    return { id, name: 'Jeu de démonstration', role: 'system', roleLabel: ROLE_LABELS.system };
  if (id.startsWith('system'))
    return { id, name: 'Contrôle automatique des échéances', role: 'system', roleLabel: ROLE_LABELS.system };
  return undefined;
};

/**
 * Names and roles of the given actor ids within one organisation (one query). An id that names no account of
 * the organisation reads as "Compte inconnu": another union's account is never named.
 */
export async function describeActors(
  db: SqlExecutor,
  organisationId: string | undefined,
  actorIds: readonly (string | null | undefined)[],
): Promise<Map<string, Actor>> {
  const ids = [...new Set(actorIds.filter((id): id is string => typeof id === 'string' && id !== ''))];
  const actors = new Map<string, Actor>();
  const accountIds: string[] = [];
  for (const id of ids) {
    const system = systemActor(id);
    if (system) actors.set(id, system);
    else accountIds.push(id);
  }
  if (accountIds.length > 0) {
    const { rows } = await db.query<{ account_id: string; display_name: string; role: Actor['role'] }>(
      `SELECT account_id::text AS account_id, display_name, role FROM app.accounts
        WHERE account_id::text = ANY($1::text[]) AND ($2::text IS NULL OR organisation_id = $2)`,
      [accountIds, organisationId ?? null],
    );
    for (const row of rows) {
      actors.set(row.account_id, {
        id: row.account_id,
        name: row.display_name,
        role: row.role,
        roleLabel: ROLE_LABELS[row.role] ?? ROLE_LABELS.unknown,
      });
    }
  }
  for (const id of accountIds) {
    if (!actors.has(id))
      actors.set(id, { id, name: 'Compte inconnu', role: 'unknown', roleLabel: ROLE_LABELS.unknown });
  }
  return actors;
}
