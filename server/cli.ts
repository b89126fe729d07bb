import { createInterface } from 'node:readline/promises';
import { AuthService } from './auth/auth-service';
import { ConfigError, loadConfig } from './config';
import { openStore } from './store/database';
import { migrateToLatest } from './store/migrate';
import { Email, Password, DisplayName } from '../shared/schemas/auth';

const HELP = `Mutua operator commands (run with: npm run mutua -- <command>)

  create-admin <email> <display name>   create an admin account; asks for the password
  reset-password <email>                set a new password; ends every session of the account
                                        and revokes its API tokens (open pages are closed
                                        at the server's next check, within a minute)
  help                                  this text

The password is read from standard input (one line), so it never shows in the process list.
Uses the same DATA_DIR / DATABASE_URL as the server.`;

async function readPassword(): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: false });
  if (process.stdin.isTTY) process.stderr.write('Password: ');
  for await (const line of rl) {
    rl.close();
    return line;
  }
  return '';
}

function check<T>(
  schema: {
    safeParse(
      v: unknown,
    ): { success: true; data: T } | { success: false; error: { issues: { message: string }[] } };
  },
  value: unknown,
  what: string,
): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    console.error(`${what}: ${result.error.issues[0]?.message ?? 'not valid'}`);
    process.exit(2);
  }
  return result.data;
}

async function main(args: string[]) {
  const [command, ...rest] = args;
  if (!command || command === 'help' || command === '--help') {
    console.log(HELP);
    return;
  }
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  const store = openStore(config);
  try {
    await migrateToLatest(store.db);
    const auth = new AuthService(store);
    if (command === 'create-admin') {
      const email = check(Email, rest[0], 'email');
      const displayName = check(DisplayName, rest.slice(1).join(' '), 'display name');
      const password = check(Password, await readPassword(), 'password');
      if (await auth.findUserIdByEmail(email)) {
        console.error(`An account with ${email} exists already.`);
        process.exit(1);
      }
      await auth.createUser({ email, displayName, password, isAdmin: true, locale: 'en' });
      console.log(`Admin ${displayName} <${email}> created.`);
    } else if (command === 'reset-password') {
      const email = check(Email, rest[0], 'email');
      const userId = await auth.findUserIdByEmail(email);
      if (!userId) {
        console.error(`No account with ${email}.`);
        process.exit(1);
      }
      const password = check(Password, await readPassword(), 'password');
      await auth.setPassword(userId, password);
      await auth.revokeAllSessions(userId);
      const tokens = await auth.tokens.revokeAll(userId);
      console.log(
        `Password of ${email} changed; every session of the account has ended` +
          (tokens > 0 ? ` and its ${tokens} API token(s) are revoked.` : '.'),
      );
    } else {
      console.error(`Unknown command ${command}.\n\n${HELP}`);
      process.exit(2);
    }
  } finally {
    await store.close();
  }
}

main(process.argv.slice(2)).catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
