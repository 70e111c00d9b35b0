import argon2 from 'argon2';

/** Argon2id at OWASP's recommended minimum (19 MiB, 2 iterations, 1 lane): sound, and affordable on 2 cores. */
export const hashPassword = (password: string): Promise<string> =>
  argon2.hash(password, { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 });

export const verifyPassword = async (hash: string, password: string): Promise<boolean> => {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
};

/** Verified against when the e-mail is unknown, so that a failed login takes the same time either way. */
let decoy: Promise<string> | undefined;
export const decoyHash = (): Promise<string> => (decoy ??= hashPassword('decoy-password-never-valid'));
