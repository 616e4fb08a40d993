import { COMMANDS } from './commands';

/** Operations commands: `migrate` applies pending migrations; `seed` loads the demo data. */
async function main(): Promise<void> {
  const name = process.argv[2] ?? '';
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`usage: cli <${Object.keys(COMMANDS).join('|')}>\n`);
    process.exit(2);
  }
  const result = await command();
  process.stdout.write(`${name}: ${JSON.stringify(result)}\n`);
}

main().catch((error: Error) => {
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
});
