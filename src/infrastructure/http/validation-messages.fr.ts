/**
 * class-validator writes its default messages in English. Each failed constraint is rewritten here in French,
 * by the constraint's name, keeping the numbers the English message gives (lengths, bounds). Messages the
 * project wrote itself are already French and pass through unchanged.
 */

const numbers = (message: string): string[] => message.match(/-?\d+(?:\.\d+)?/g) ?? [];

const FRENCH: Record<string, (property: string, message: string) => string> = {
  isString: (p) => `${p} doit être un texte`,
  isNotEmpty: (p) => `${p} ne doit pas être vide`,
  isDefined: (p) => `${p} est obligatoire`,
  isBoolean: (p) => `${p} doit valoir true ou false`,
  isInt: (p) => `${p} doit être un nombre entier`,
  isNumber: (p) => `${p} doit être un nombre`,
  isObject: (p) => `${p} doit être un objet`,
  isArray: (p) => `${p} doit être une liste`,
  isEmail: (p) => `${p} doit être une adresse électronique`,
  isUrl: (p) => `${p} doit être une adresse web`,
  isUuid: (p) => `${p} doit être un UUID`,
  isIso8601: (p) => `${p} doit être une date ISO 8601`,
  isISO8601: (p) => `${p} doit être une date ISO 8601`,
  isDateString: (p) => `${p} doit être une date ISO 8601`,
  isCalendarDate: (p) => `${p} doit être une date du calendrier (AAAA-MM-JJ)`,
  isIn: (p, m) => {
    const values = /one of the following values: (.*)$/.exec(m)?.[1];
    return values
      ? `${p} doit valoir l’une des valeurs suivantes : ${values}`
      : `${p} n’est pas une valeur permise`;
  },
  isEnum: (p) => `${p} n’est pas une valeur permise`,
  matches: (p) => `${p} n’a pas le format attendu`,
  min: (p, m) => `${p} ne doit pas être inférieur à ${numbers(m).at(-1) ?? '?'}`,
  max: (p, m) => `${p} ne doit pas être supérieur à ${numbers(m).at(-1) ?? '?'}`,
  minLength: (p, m) => `${p} doit compter au moins ${numbers(m).at(-1) ?? '?'} caractères`,
  maxLength: (p, m) => `${p} doit compter au plus ${numbers(m).at(-1) ?? '?'} caractères`,
  isLength: (p, m) => {
    const [low, high] = numbers(m);
    if (/shorter/.test(m)) return `${p} doit compter au plus ${high ?? low ?? '?'} caractères`;
    return `${p} doit compter au moins ${low ?? '?'} caractère${low === '1' ? '' : 's'}`;
  },
  arrayMinSize: (p, m) =>
    `${p} doit compter au moins ${numbers(m).at(-1) ?? '?'} élément(s)`.replace(
      '(s)',
      numbers(m).at(-1) === '1' ? '' : 's',
    ),
  arrayMaxSize: (p, m) => `${p} doit compter au plus ${numbers(m).at(-1) ?? '?'} éléments`,
  arrayNotEmpty: (p) => `${p} ne doit pas être vide`,
  whitelistValidation: (p) => `le champ ${p} n’est pas attendu`,
  nestedValidation: (p) => `${p} doit être un objet ou une liste d’objets`,
  unknownValue: () => `valeur inattendue`,
};

/** The French message of one failed constraint. */
export const frenchConstraintMessage = (constraint: string, property: string, message: string): string => {
  if (/ (doit|ne doit|est|n’est) /.test(message)) return message;
  const each = /^each value in /.test(message);
  const french = FRENCH[constraint]?.(property, message);
  if (!french) return message;
  return each ? `chaque valeur de ${french}` : french;
};
