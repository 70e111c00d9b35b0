/**
 * Confirmations shown once after a post/redirect/get (`?ok=<code>`): only these codes, never text from the URL.
 */
export const CONFIRMATIONS: Readonly<Record<string, string>> = {
  deconnexion: 'Vous êtes déconnecté·e.',
  'mot-de-passe': 'Mot de passe changé. Toutes vos sessions sont fermées : reconnectez-vous avec le nouveau.',
};

export const confirmationOf = (code: unknown): string | null =>
  typeof code === 'string' && Object.hasOwn(CONFIRMATIONS, code) ? (CONFIRMATIONS[code] ?? null) : null;
