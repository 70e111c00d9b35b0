import { type FormState } from '../forms/form.js';

export type ConnexionPage = {
  form: FormState;
  /** A refused login: one message that never says whether the account exists. */
  refused: boolean;
  locked: boolean;
};

export const connexionPage = (form: FormState, outcome?: 'refused' | 'locked'): ConnexionPage => ({
  form,
  refused: outcome === 'refused',
  locked: outcome === 'locked',
});

export type PasswordPage = { form: FormState };

export const passwordPage = (form: FormState): PasswordPage => ({ form });
