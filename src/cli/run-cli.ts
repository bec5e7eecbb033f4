// Runs one command line: global flags, command lookup, options from flags + config file + environment + defaults.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { COMMANDS } from './commands.ts';
import { UsageError, commandHelp, mainHelp, parseArgs, readConfigObject, withDefaults, type CommandSpec, type OptionValues } from './option-table.ts';
import { packageVersion } from './version.ts';

export const CONFIG_FILE = 'coinpool-sandbox.config.json';

function configValues(command: CommandSpec, flags: OptionValues): OptionValues {
  if (!command.configFile) return {};
  const explicit = flags.config as string | undefined;
  const file = resolve(explicit ?? CONFIG_FILE);
  if (!existsSync(file)) {
    if (explicit) throw new UsageError(`--config: no such file ${explicit}`);
    return {};
  }
  let parsed: unknown;
  try { parsed = JSON.parse(readFileSync(file, 'utf8')); } catch (error) {
    throw new UsageError(`${explicit ?? CONFIG_FILE}: not valid JSON (${(error as Error).message})`);
  }
  return readConfigObject(command, parsed, explicit ?? CONFIG_FILE);
}

export async function runCli(argv: string[], env: Record<string, string | undefined> = process.env): Promise<void> {
  const first = argv[0];
  if (first === '--help' || first === '-h' || first === 'help') {
    const target = first === 'help' ? COMMANDS.find((c) => c.name === argv[1]) : undefined;
    console.log(target ? commandHelp(target) : mainHelp(COMMANDS, packageVersion()));
    return;
  }
  if (first === '--version' || first === '-v') { console.log(packageVersion()); return; }
  // No command, or options straight away: `start`, as `npm start -- --port 4020` expects.
  const named = first !== undefined && !first.startsWith('-');
  const command = COMMANDS.find((c) => c.name === (named ? first : 'start'));
  if (!command) throw new UsageError(`unknown command "${first}"; commands: ${COMMANDS.map((c) => c.name).join(', ')} (see coinpool-sandbox --help)`);
  const args = named ? argv.slice(1) : argv;
  if (args.includes('--help') || args.includes('-h')) { console.log(commandHelp(command)); return; }
  const { values: flags, positionals } = parseArgs(command, args);
  const values = withDefaults(command, { ...configValues(command, flags), ...flags }, env);
  await command.run(values, positionals, args);
}
