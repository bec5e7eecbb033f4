// The CLI's options as data: one entry per flag (name, type, default, help). Parsing, `--help` text and the config
// file's validation all come from these entries, so a new flag is one entry in commands.ts.

export type OptionType = 'string' | 'integer' | 'port' | 'boolean' | 'date';

export interface OptionSpec {
  /** Long name without dashes: `port` is `--port N` on the command line and `"port": N` in the config file. */
  name: string;
  type: OptionType;
  /** Shown in --help; applied when neither the flag nor the config file sets the option. */
  default?: string | number | boolean;
  /** Where the default comes from when it is not a constant (shown in --help), e.g. "$PORT or 4010". */
  defaultText?: string;
  help: string;
  /** Placeholder in --help, e.g. FILE (defaults from the type). */
  value?: string;
  /** Can be given several times; the value is the list. */
  repeatable?: boolean;
  /** Environment variable read when neither the flag nor the config file sets the option. */
  env?: string;
  /** Not allowed in the config file (e.g. --config itself). */
  flagOnly?: boolean;
}

export interface CommandSpec {
  name: string;
  summary: string;
  /** Positional arguments in usage, e.g. `<public-dir>`. */
  positionals?: { name: string; help: string; required: boolean }[];
  options: OptionSpec[];
  /** Reads coinpool-sandbox.config.json (or --config FILE) for its options. */
  configFile?: boolean;
  run(values: OptionValues, positionals: string[], raw: string[]): Promise<void>;
}

export type OptionValue = string | number | boolean | string[] | undefined;
export type OptionValues = Record<string, OptionValue>;

/** A mistake in how the command was called: printed as one `error: ...` line, exit code 2. */
export class UsageError extends Error {}

const PLACEHOLDER: Record<OptionType, string> = { string: 'TEXT', integer: 'N', port: 'PORT', boolean: '', date: 'ISO-DATE' };

/** Converts one raw value of an option (from the command line or the config file) to its type, or throws. */
export function convert(spec: OptionSpec, raw: unknown, from: string): string | number | boolean {
  const bad = (what: string) => new UsageError(`${from}: ${what}, got ${JSON.stringify(raw)}`);
  switch (spec.type) {
    case 'boolean':
      if (typeof raw === 'boolean') return raw;
      throw bad('expected true or false');
    case 'integer':
    case 'port': {
      const n = typeof raw === 'number' ? raw : typeof raw === 'string' && /^-?\d+$/.test(raw.trim()) ? Number(raw) : NaN;
      if (!Number.isSafeInteger(n)) throw bad('expected a whole number');
      if (spec.type === 'port' && (n < 0 || n > 65535)) throw bad('expected a port number from 0 to 65535');
      return n;
    }
    case 'date':
      if (typeof raw !== 'string' || Number.isNaN(Date.parse(raw))) throw bad('expected an ISO 8601 date-time such as 2026-01-15T10:30:00Z');
      return raw;
    case 'string':
      if (typeof raw !== 'string' || raw === '') throw bad('expected a non-empty value');
      return raw;
  }
}

/**
 * Parses a command's arguments: `--name value`, `--name=value`, `--flag`, `--no-flag` (booleans). Unknown flags,
 * missing or malformed values are UsageErrors. Returns only what was given on the command line.
 */
export function parseArgs(command: CommandSpec, args: string[]): { values: OptionValues; positionals: string[] } {
  const byName = new Map(command.options.map((o) => [o.name, o]));
  const values: OptionValues = {};
  const positionals: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (!arg.startsWith('--') || arg === '--') {
      if (arg !== '--') positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    let name = arg.slice(2, eq < 0 ? undefined : eq);
    let spec = byName.get(name);
    let negated = false;
    if (!spec && name.startsWith('no-') && byName.get(name.slice(3))?.type === 'boolean') {
      spec = byName.get(name.slice(3));
      name = name.slice(3);
      negated = true;
    }
    if (!spec) throw new UsageError(`unknown option --${name} for "${command.name}" (see coinpool-sandbox ${command.name} --help)`);
    let value: string | number | boolean;
    if (spec.type === 'boolean') {
      if (eq >= 0) {
        const text = arg.slice(eq + 1);
        if (text !== 'true' && text !== 'false') throw new UsageError(`--${name}: expected true or false, got "${text}"`);
        value = (text === 'true') !== negated;
      } else value = !negated;
    } else {
      const text = eq >= 0 ? arg.slice(eq + 1) : args[++i];
      if (text === undefined || (eq < 0 && text.startsWith('--'))) throw new UsageError(`--${name} needs a value (${spec.value ?? PLACEHOLDER[spec.type]})`);
      value = convert(spec, text, `--${name}`);
    }
    if (spec.repeatable) values[name] = [...((values[name] as string[] | undefined) ?? []), String(value)];
    else values[name] = value;
  }
  const required = (command.positionals ?? []).filter((p) => p.required);
  if (positionals.length < required.length) throw new UsageError(`"${command.name}" needs ${required.map((p) => p.name).join(' ')} (see coinpool-sandbox ${command.name} --help)`);
  if (positionals.length > (command.positionals ?? []).length) throw new UsageError(`unexpected argument "${positionals[(command.positionals ?? []).length]}" for "${command.name}"`);
  return { values, positionals };
}

/** Validates a config file's object against the command's options (unknown keys and wrong types are errors). */
export function readConfigObject(command: CommandSpec, config: unknown, file: string): OptionValues {
  if (!config || typeof config !== 'object' || Array.isArray(config)) throw new UsageError(`${file}: expected a JSON object of options`);
  const out: OptionValues = {};
  for (const [key, raw] of Object.entries(config)) {
    const spec = command.options.find((o) => o.name === key && !o.flagOnly);
    if (!spec) {
      const known = command.options.filter((o) => !o.flagOnly).map((o) => o.name).join(', ');
      throw new UsageError(`${file}: unknown option "${key}" for "${command.name}" (known: ${known})`);
    }
    if (spec.repeatable) {
      if (!Array.isArray(raw)) throw new UsageError(`${file}: "${key}" expects a list`);
      out[key] = raw.map((r) => String(convert(spec, r, `${file}: "${key}"`)));
    } else out[key] = convert(spec, raw, `${file}: "${key}"`);
  }
  return out;
}

/** Fills in what neither the command line nor the config file set: the option's environment variable, else its default. */
export function withDefaults(command: CommandSpec, values: OptionValues, env: Record<string, string | undefined>): OptionValues {
  const out: OptionValues = { ...values };
  for (const o of command.options) {
    if (out[o.name] !== undefined) continue;
    if (o.env && env[o.env] !== undefined && env[o.env] !== '') out[o.name] = convert(o, env[o.env], `$${o.env}`);
    else if (o.default !== undefined) out[o.name] = o.default;
  }
  return out;
}

function flagText(o: OptionSpec): string {
  if (o.type === 'boolean') return o.default === true ? `--${o.name} / --no-${o.name}` : `--${o.name}`;
  return `--${o.name} ${o.value ?? PLACEHOLDER[o.type]}`;
}

function defaultText(o: OptionSpec): string {
  if (o.defaultText) return ` (default: ${o.defaultText})`;
  if (o.default === undefined) return o.env ? ` (default: $${o.env})` : '';
  const value = o.type === 'boolean' ? (o.default ? 'on' : 'off') : String(o.default);
  return ` (default: ${o.env ? `$${o.env}, else ` : ''}${value})`;
}

/** `coinpool-sandbox <command> --help`: usage line, every option with its default. */
export function commandHelp(command: CommandSpec): string {
  const positionals = (command.positionals ?? []).map((p) => (p.required ? p.name : `[${p.name}]`)).join(' ');
  const lines = [`usage: coinpool-sandbox ${command.name}${positionals ? ` ${positionals}` : ''} [options]`, '', `  ${command.summary}`, ''];
  for (const p of command.positionals ?? []) lines.push(`  ${p.name.padEnd(28)} ${p.help}`);
  if (command.positionals?.length) lines.push('');
  lines.push('options:');
  const all = [...command.options, { name: 'help', type: 'boolean', help: 'print this help' } as OptionSpec];
  for (const o of all) {
    const repeat = o.repeatable ? ' (repeatable)' : '';
    lines.push(`  ${flagText(o).padEnd(28)} ${o.help}${repeat}${defaultText(o)}`);
  }
  if (command.configFile) {
    lines.push('', `Options can also come from coinpool-sandbox.config.json in the current folder (or --config FILE): a JSON object`,
      `keyed by option name, e.g. {"port": 4020, "seed": 7, "strict": false}. Flags override the file.`);
  }
  return lines.join('\n');
}

/** `coinpool-sandbox --help`: the commands. */
export function mainHelp(commands: CommandSpec[], version: string): string {
  return [
    `coinpool-sandbox ${version}: a local, stateful sandbox of the CoinPool API`,
    '',
    'usage: coinpool-sandbox [command] [options]      (no command: start)',
    '',
    'commands:',
    ...commands.map((c) => `  ${c.name.padEnd(14)} ${c.summary}`),
    '',
    'options:',
    `  ${'--help, -h'.padEnd(14)} print this help; \`coinpool-sandbox <command> --help\` lists a command's options and defaults`,
    `  ${'--version, -v'.padEnd(14)} print the version`,
  ].join('\n');
}
