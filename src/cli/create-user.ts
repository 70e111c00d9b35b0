import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline/promises';
import { hashPassword } from '../accounts/passwords.js';
import { ROLES, type Role } from '../accounts/roles.js';
import { migrate } from '../infrastructure/database/migrations.js';
import { openDatabase } from '../infrastructure/database/open-database.js';
import { cliConfig, fail, parseCli } from './cli.js';

/**
 * `npm run user:create -- --email a@b.fr --organisation fo-justice-cpip [--organisation-name "FO Justice CPIP"]
 *  [--role admin] [--name "…"]`: makes an account (the first admin). The password is read from standard input
 * (prompted on a terminal), never from the command line.
 */
const spec = {
  name: 'user:create',
  summary:
    'Makes an account (the first admin). The password is read from standard input, never from the command line.',
  options: {
    email: { type: 'string', help: "the account's e-mail (required)" },
    organisation: { type: 'string', help: 'organisation id, e.g. fo-justice-cpip (required)' },
    'organisation-name': { type: 'string', help: 'display name of the organisation when it is new' },
    role: { type: 'string', default: 'admin', help: `one of ${ROLES.join(', ')}` },
    name: { type: 'string', help: 'display name of the account' },
  },
} as const;
const { values } = parseCli(spec);
if (!values.email) fail(spec, '--email is required');
if (!values.organisation) fail(spec, '--organisation is required');
if (!ROLES.includes(values.role as Role)) fail(spec, `--role must be one of ${ROLES.join(', ')}`);
const config = cliConfig(spec);
const readPassword = async (): Promise<string> => {
  const rl = createInterface({
    input: process.stdin,
    output: process.stdin.isTTY ? process.stdout : undefined,
  });
  const answer = await rl.question(process.stdin.isTTY ? 'Mot de passe (12 caractères au moins) : ' : '');
  rl.close();
  return answer.trim();
};
const password = await readPassword();
if (password.length < 12) {
  fail(spec, 'the password must have at least 12 characters');
}
const db = await openDatabase(config);
try {
  await migrate(db);
  await db.query(
    `INSERT INTO app.organisations (organisation_id, name) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
    [values.organisation, values['organisation-name'] ?? values.organisation],
  );
  const accountId = randomUUID();
  const created = await db.query(
    `INSERT INTO app.accounts (account_id, organisation_id, email, display_name, role, password_hash)
     VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
    [
      accountId,
      values.organisation,
      values.email,
      values.name ?? values.email,
      values.role,
      await hashPassword(password),
    ],
  );
  if (created.rowCount === 0) {
    console.error(`An account already exists for ${values.email} in ${values.organisation}.`);
    process.exitCode = 1;
  } else {
    await db.query(
      `INSERT INTO app.security_log (kind, account_id, organisation_id, email, detail) VALUES ('account_created', $1, $2, $3, $4)`,
      [
        accountId,
        values.organisation,
        values.email,
        JSON.stringify({ by: 'user:create', role: values.role }),
      ],
    );
    console.log(`Account ${values.email} (${values.role}) created in ${values.organisation}.`);
  }
} finally {
  await db.close();
}
