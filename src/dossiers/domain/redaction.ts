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

// ---- Names found, with or without a civility ------------------------------------------------------------------

/**
 * Common French given names (INSEE's most given, plus those of the report's era). A capitalised word after one of
 * them ("Jean-Pierre Martin", "Sophie DURAND") is taken for a surname: that is how names without a civility are
 * found. Compound given names are matched part by part ("Jean-Pierre", "Marie-Claire").
 */
const GIVEN_NAMES = new Set(
  (
    'adèle agnès alain alexandra alexandre alice aline amandine amélie anaïs andré andrée angélique anne annie ' +
    'antoine arnaud arthur audrey aurélie aurélien baptiste benjamin benoît bernadette bernard brigitte bruno ' +
    'camille carole caroline catherine cécile céline chantal charles charlotte chloé christelle christian ' +
    'christine christophe claire claude claudine clément colette coralie corinne cyril damien daniel danielle ' +
    'david delphine denis denise didier dominique dorothée édith élisabeth élise élodie émilie emma emmanuel ' +
    'emmanuelle éric estelle étienne eugène éve fabien fabienne fabrice fanny florence florian francis franck ' +
    'françois françoise frédéric frédérique gabriel gaëlle geneviève georges gérard ghislaine gilbert gilles ' +
    'ginette grégory guillaume guy hélène henri hervé hugo hugues inès irène isabelle jacqueline jacques ' +
    'jean jeanne jérémy jérôme joël joëlle jonathan josé joseph josiane julie julien juliette justine karine ' +
    'karim kevin laetitia laura laurence laurent léa léon line lionel louis louise luc lucas lucie lucien ' +
    'ludovic lydie madeleine magali manon marc marcel marguerite marie marina marine mario marion marius ' +
    'martine mathieu mathilde matthieu maurice maxime mélanie michel michèle micheline mireille monique ' +
    'muriel mylène nadia nadine nathalie nicolas nicole noël noémie océane odette olivier pascal pascale ' +
    'patrice patricia patrick paul paule pauline philippe pierre quentin rachel raphaël raymond régine ' +
    'régis rémi renée richard robert roger roland romain sabine sabrina samuel sandra sandrine sarah ' +
    'sébastien serge simon simone solange sophie stéphane stéphanie suzanne sylvain sylvie thierry thomas ' +
    'thibault valérie vanessa véronique vincent virginie xavier yann yannick yves yvette yvonne zoé'
  ).split(' '),
);

const CAPITALISED = "\\p{Lu}[\\p{L}’'-]*";
/** "Jean-Pierre Martin", "Sophie DURAND", "Marie Le Gall": a listed given name, then one or two capitalised words. */
const BARE_NAME = new RegExp(
  `(?<![\\p{L}])(${CAPITALISED})\\s+(${CAPITALISED}(?:\\s+${CAPITALISED})?)(?![\\p{L}])`,
  'gu',
);

const isGivenName = (word: string): boolean =>
  word
    .toLowerCase()
    .split('-')
    .every((part) => GIVEN_NAMES.has(part));

/** The people's names a set of texts contains: after a civility, after a known given name, or an account's name. */
export const findNames = (
  texts: readonly string[],
  knownNames: readonly string[] = [],
): Map<string, number> => {
  const found = new Map<string, number>();
  const add = (name: string) => found.set(name, (found.get(name) ?? 0) + 1);
  const known = knownNames.map((n) => n.trim()).filter((n) => n.length >= 4);
  for (const text of texts) {
    if (!text) continue;
    for (const match of text.matchAll(CIVILITY_NAME)) {
      const surname = match[0].replace(/^\S+\s+/, '').trim();
      if (surname) add(surname);
    }
    for (const match of text.matchAll(BARE_NAME)) {
      if (match[1] && isGivenName(match[1])) add(match[0].trim());
    }
    const lower = text.toLowerCase();
    for (const name of known) if (lower.includes(name.toLowerCase())) add(name);
  }
  return found;
};

/**
 * What redaction will do with each name found in the dossier's texts (before issuing, the officer sees this list).
 * With `roles` every name is masked; with `none` none is.
 */
export const namesFound = (
  redaction: Redaction,
  texts: readonly string[],
  knownNames: readonly string[],
): { name: string; occurrences: number; masked: boolean }[] =>
  [...findNames(texts, knownNames)]
    .map(([name, occurrences]) => ({ name, occurrences, masked: redaction !== 'none' }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
