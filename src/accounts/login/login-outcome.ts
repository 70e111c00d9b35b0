/** What a login needs of an account: its hash, its state, its organisation. */
export type LoginCandidate = Readonly<{
  organisationId: string;
  passwordHash: string;
  disabledAt: Date | null;
}>;

/** Checks a password against a hash (argon2id in the application; counted in the tests). */
export type PasswordVerifier = (hash: string, password: string) => Promise<boolean>;

export type LoginOutcome<A extends LoginCandidate> =
  | { ok: true; account: A }
  | {
      ok: false;
      /** Kept for the security log only: the client is told the same thing in every case. */
      reason: 'unknown' | 'ambiguous' | 'disabled' | 'wrong_password';
      /** The account the e-mail names (disabled or wrong password), so that the log knows its organisation. */
      account?: A;
    };

/**
 * Decides a login from the accounts its e-mail names (one per organisation at most) and the organisation the
 * client gave, if any. Exactly one password verification runs whatever the case (unknown e-mail, e-mail in several
 * organisations without one named, disabled account, wrong or right password): a hash that does not exist is
 * replaced by the decoy, so that the answer's timing does not tell an attacker which case it was (issue 10,
 * defect 9).
 */
export async function loginOutcome<A extends LoginCandidate>(
  candidates: readonly A[],
  input: { password: string; organisation?: string },
  verify: PasswordVerifier,
  decoyHash: () => Promise<string>,
): Promise<LoginOutcome<A>> {
  const account =
    input.organisation !== undefined
      ? candidates.find((candidate) => candidate.organisationId === input.organisation)
      : candidates.length === 1
        ? candidates[0]
        : undefined;
  const valid = await verify(account ? account.passwordHash : await decoyHash(), input.password);
  if (!account) return { ok: false, reason: candidates.length > 1 ? 'ambiguous' : 'unknown' };
  if (account.disabledAt) return { ok: false, reason: 'disabled', account };
  if (!valid) return { ok: false, reason: 'wrong_password', account };
  return { ok: true, account };
}
