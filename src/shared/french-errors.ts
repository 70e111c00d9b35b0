/** "Impossible d’enregistrer…" / "Impossible de clore…": the elision French needs before a vowel or a mute h. */
export const impossibleTo = (action: string): string =>
  /^[aeiouyàâéèêëîïôûh]/i.test(action) ? `Impossible d’${action}` : `Impossible de ${action}`;
