/**
 * Redaction of personal data in exports (domain.md 4.5 point 9): by default agents and people followed appear by
 * role only. E-mail addresses, account ids (UUIDs) and names after a civility ("Mme X", "M. Y") are masked in free
 * text, and so are the names the organisation's own accounts carry. `none` keeps everything (admins only).
 */
export type Redaction = 'roles' | 'none';

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu;
const UUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi;
/** A civility followed by one to three capitalised words: "Mme NEEL", "Monsieur Jean DUPONT". */
const CIVILITY_NAME =
  /\b(?:M\.|MM\.|Mme|Mmes|Mlle|Monsieur|Madame|Mademoiselle)\s+(?:\p{Lu}[\p{L}'’-]*\.?\s?){1,3}/gu;

const CIVILITY = /\b(?:M|MM|Mmes?|Mlle|Monsieur|Madame|Mademoiselle)\b/;

export const MASKED_NAME = '[nom masqué]';
export const MASKED_EMAIL = '[courriel masqué]';
export const MASKED_ID = '[identifiant masqué]';

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A text redactor for one dossier: the names to mask are known up front (accounts of the organisation). */
export const textRedactor = (
  redaction: Redaction,
  knownNames: readonly string[] = [],
): ((text: string) => string) => {
  if (redaction === 'none') return (text) => text;
  const names = [...new Set(knownNames.map((n) => n.trim()).filter((n) => n.length >= 4))].sort(
    (a, b) => b.length - a.length,
  );
  const namePattern = names.length > 0 ? new RegExp(names.map(escapeRegExp).join('|'), 'giu') : null;
  const done = new Map<string, string>();
  return (text) => {
    const known = done.get(text);
    if (known !== undefined) return known;
    // Cheap tests first: most texts hold no e-mail, no id and no civility.
    let out = text.includes('@') ? text.replace(EMAIL, MASKED_EMAIL) : text;
    if (out.length >= 36 && out.includes('-')) out = out.replace(UUID, MASKED_ID);
    if (CIVILITY.test(out)) {
      out = out.replace(CIVILITY_NAME, (match) => `${MASKED_NAME}${/\s$/.test(match) ? ' ' : ''}`);
    }
    if (namePattern) out = out.replace(namePattern, MASKED_NAME);
    if (done.size > 50_000) done.clear();
    done.set(text, out);
    return out;
  };
};

/** How an actor (account id, `demo`, `system:…`) appears in the dossier. */
export type ActorInfo = { role?: string; displayName?: string; email?: string };

export const actorLabel = (
  actorId: string | null,
  redaction: Redaction,
  info: ActorInfo | undefined,
): string => {
  if (!actorId) return 'inconnu';
  if (actorId === 'demo') return 'jeu de démonstration';
  if (actorId.startsWith('system')) return 'contrôle automatique des échéances';
  if (redaction === 'none' && info?.displayName) {
    return info.email ? `${info.displayName} <${info.email}>` : info.displayName;
  }
  if (info?.role === 'observer') return 'lecteur·rice de l’OS';
  return 'délégué·e';
};
