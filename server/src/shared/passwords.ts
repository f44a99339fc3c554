import { randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

// Algorithm.Argon2id; the package's const enum cannot be imported under verbatimModuleSyntax.
const ARGON2ID = 2;
import { buildOneTimePassword } from '@yingji/domain';

// argon2id with the library's defaults (19 MiB, 2 passes): OWASP's recommended minimum.
export const hashPassword = (password: string): Promise<string> => hash(password, { algorithm: ARGON2ID });

export const verifyPassword = async (passwordHash: string, password: string): Promise<boolean> => {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
};

let dummyHash: Promise<string> | undefined;
/** Spend the same time on an unknown user name as on a wrong password, so timing does not tell which names exist. */
export const burnVerify = async (password: string): Promise<void> => {
  dummyHash ??= hashPassword('yingji-no-such-user');
  await verifyPassword(await dummyHash, password);
};

export const newOneTimePassword = (): string => buildOneTimePassword(randomBytes(32), 16);
