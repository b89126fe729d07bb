import { createMutua } from './app';
import { ConfigError, loadConfig } from './config';
import { createYjsEndpoint } from './boards/yjs-endpoint';

/** Exit codes: 0 clean stop, 1 crash, 2 bad configuration. */
async function main() {
  let config;
  try {
    config = loadConfig(
      process.argv.includes('--demo') ? { ...process.env, MUTUA_DEMO: '1' } : process.env,
    );
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`Mutua cannot start: the configuration is not valid.\n`);
      for (const p of err.problems) process.stderr.write(`  ${p.variable}: ${p.expected}\n`);
      process.exit(2);
    }
    throw err;
  }
  const mutua = await createMutua(config, { boards: createYjsEndpoint });
  const url = await mutua.listen();
  const publicUrl = config.publicUrl?.origin ?? url;
  process.stdout.write(`Mutua is running at ${publicUrl}\n`);
  if (mutua.demo) {
    process.stdout.write(
      `\nDemo program ready (made-up people). Sign in at ${publicUrl}/sign-in with password ${mutua.demo.password} as:\n` +
        mutua.demo.people.map((p) => `  ${p.email}  ${p.displayName}`).join('\n') +
        '\n\n',
    );
  }
  if (mutua.setupToken) {
    process.stdout.write(
      `\nFirst start: create the first admin within 24 hours at\n  ${publicUrl}/setup#token=${mutua.setupToken}\n\n`,
    );
  }

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    mutua.logger.info({ signal }, 'signal received');
    const force = setTimeout(() => {
      mutua.logger.error('shutdown took longer than 10 s; exiting');
      process.exit(1);
    }, 10_000);
    force.unref();
    mutua.close().then(
      () => process.exit(0),
      (err: unknown) => {
        mutua.logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
