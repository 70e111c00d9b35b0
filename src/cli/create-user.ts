import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config/app-config.js';
import { hashPassword } from '../accounts/passwords.js';
import { ROLES, type Role } from '../accounts/roles.js';
import { migrate } from '../infrastructure/database/migrations.js';
import { openDatabase } from '../infrastructure/database/open-database.js';

/**
 * `npm run user:create -- --email a@b.fr --organisation fo-justice-cpip [--organisation-name "FO Justice CPIP"]
 *  [--role admin] [--name "…"]`: makes an account (the first admin). The password is read from standard input
 * (prompted on a terminal), never from the command line.
 */
const { values } = parseArgs({
  options: {
    email: { type: 'string' },
    organisation: { type: 'string' },
    'organisation-name': { type: 'string' },
    role: { type: 'string', default: 'admin' },
    name: { type: 'string' },
  },
});
const usage =
  'usage: npm run user:create -- --email <e-mail> --organisation <id> [--organisation-name <name>] [--role admin|officer|observer] [--name <display name>]';
if (!values.email || !values.organisation || !ROLES.includes(values.role as Role)) {
  console.error(usage);
  process.exit(2);
}
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
  console.error('The password must have at least 12 characters.');
  process.exit(2);
}
const db = await openDatabase(loadConfig());
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
    console.error(`An account already exists for ${values.email}.`);
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
