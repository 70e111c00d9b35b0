import { type LoginCandidate, loginOutcome, type PasswordVerifier } from './login-outcome.js';

/** A verifier that counts its calls and accepts one password per hash ("hash-of:<password>"). */
const countingVerifier = () => {
  const calls: string[] = [];
  const verify: PasswordVerifier = (hash, password) => {
    calls.push(hash);
    return Promise.resolve(hash === `hash-of:${password}`);
  };
  return { verify, calls };
};
const decoy = () => Promise.resolve('decoy-hash');

const account = (organisationId: string, disabled = false): LoginCandidate & { id: string } => ({
  id: `${organisationId}-account`,
  organisationId,
  passwordHash: `hash-of:secret-${organisationId}`,
  disabledAt: disabled ? new Date('2024-01-01T00:00:00Z') : null,
});

describe('Login outcome: one password verification whatever the account (issue 10, defect 9)', () => {
  const cases: {
    name: string;
    candidates: (LoginCandidate & { id: string })[];
    password: string;
    organisation?: string;
    expected: { ok: boolean; reason?: string; hash: string };
  }[] = [
    {
      name: 'unknown e-mail',
      candidates: [],
      password: 'anything',
      expected: { ok: false, reason: 'unknown', hash: 'decoy-hash' },
    },
    {
      name: 'disabled account, right password',
      candidates: [account('a', true)],
      password: 'secret-a',
      expected: { ok: false, reason: 'disabled', hash: 'hash-of:secret-a' },
    },
    {
      name: 'disabled account, wrong password',
      candidates: [account('a', true)],
      password: 'wrong',
      expected: { ok: false, reason: 'disabled', hash: 'hash-of:secret-a' },
    },
    {
      name: 'enabled account, wrong password',
      candidates: [account('a')],
      password: 'wrong',
      expected: { ok: false, reason: 'wrong_password', hash: 'hash-of:secret-a' },
    },
    {
      name: 'enabled account, right password',
      candidates: [account('a')],
      password: 'secret-a',
      expected: { ok: true, hash: 'hash-of:secret-a' },
    },
    {
      name: 'e-mail in two organisations, none named',
      candidates: [account('a'), account('b')],
      password: 'secret-a',
      expected: { ok: false, reason: 'ambiguous', hash: 'decoy-hash' },
    },
    {
      name: 'e-mail in two organisations, one named',
      candidates: [account('a'), account('b')],
      password: 'secret-b',
      organisation: 'b',
      expected: { ok: true, hash: 'hash-of:secret-b' },
    },
    {
      name: 'organisation named where the e-mail has no account',
      candidates: [account('a')],
      password: 'secret-a',
      organisation: 'c',
      expected: { ok: false, reason: 'unknown', hash: 'decoy-hash' },
    },
  ];

  it.each(cases)('When $name, then exactly one verification runs', async (c) => {
    const { verify, calls } = countingVerifier();
    const outcome = await loginOutcome(
      c.candidates,
      { password: c.password, organisation: c.organisation },
      verify,
      decoy,
    );
    expect(calls).toEqual([c.expected.hash]);
    expect(outcome.ok).toBe(c.expected.ok);
    if (!outcome.ok) expect(outcome.reason).toBe(c.expected.reason);
  });

  it('When the account is disabled, then the outcome names it for the security log, never as a success', async () => {
    const { verify } = countingVerifier();
    const disabled = account('a', true);
    const outcome = await loginOutcome([disabled], { password: 'secret-a' }, verify, decoy);
    expect(outcome).toEqual({ ok: false, reason: 'disabled', account: disabled });
  });
});
