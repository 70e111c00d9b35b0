import { parseArgs } from 'node:util';
import { type AppConfig, describeStorage, loadConfig } from '../config/app-config.js';

/** One option of a command-line tool: its parseArgs type and the line `--help` prints for it. */
export type CliOption = {
  type: 'string' | 'boolean';
  short?: string;
  multiple?: boolean;
  default?: string | boolean;
  help: string;
};

export type CliSpec<O extends Record<string, CliOption>> = {
  /** `npm run <name>` */
  name: string;
  summary: string;
  options: O;
  /** Name of the positional arguments in the usage line, when the tool takes some. */
  positionals?: string;
};

type ValueOf<T extends CliOption> = T['type'] extends 'boolean'
  ? boolean
  : T['multiple'] extends true
    ? string[]
    : string;

export type CliValues<O extends Record<string, CliOption>> = { [K in keyof O]?: ValueOf<O[K]> };

export class CliUsageError extends Error {}

const usageOf = (spec: CliSpec<Record<string, CliOption>>): string => {
  const options = Object.keys(spec.options).length > 0 ? ' [options]' : '';
  const positionals = spec.positionals ? ` [${spec.positionals}…]` : '';
  return `usage: npm run ${spec.name} --${options}${positionals}`;
};

export const helpOf = (spec: CliSpec<Record<string, CliOption>>): string => {
  const rows = Object.entries(spec.options).map(([name, option]) => {
    const flag = `${option.short ? `-${option.short}, ` : '    '}--${name}${option.type === 'string' ? ' <value>' : ''}`;
    const fallback = option.default !== undefined ? ` (default: ${String(option.default)})` : '';
    return `  ${flag.padEnd(34)} ${option.help}${fallback}`;
  });
  return [
    usageOf(spec),
    '',
    spec.summary,
    '',
    'options:',
    ...rows,
    `  ${'-h, --help'.padEnd(34)} this help`,
    '',
    'Configuration: the environment over .env (DATABASE_URL, DATA_DIR, EVENTSTORE_URL; see README).',
  ].join('\n');
};

/** Parses argv with node:util parseArgs: `--help` prints the help and exits 0; a bad argument exits 2 with why. */
export function parseCli<O extends Record<string, CliOption>>(
  spec: CliSpec<O>,
  argv: string[] = process.argv.slice(2),
): { values: CliValues<O>; positionals: string[] } {
  const options = Object.fromEntries(
    Object.entries(spec.options).map(([name, { help: _help, ...option }]) => [name, option]),
  );
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options: { ...options, help: { type: 'boolean', short: 'h' } } as never,
      allowPositionals: spec.positionals !== undefined,
      strict: true,
    });
    if ((values as { help?: boolean }).help) {
      console.log(helpOf(spec));
      process.exit(0);
    }
    return { values: values, positionals };
  } catch (error) {
    return fail(spec, (error as Error).message);
  }
}

/** A bad argument: the reason, the usage line, exit code 2. */
export function fail(spec: CliSpec<Record<string, CliOption>>, reason: string): never {
  console.error(`${spec.name}: ${reason}\n${usageOf(spec)}\nMore: npm run ${spec.name} -- --help`);
  process.exit(2);
}

/** The configuration (environment over .env), announced on standard error so that the operator sees the store. */
export function cliConfig(spec: { name: string }): AppConfig {
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (error) {
    console.error(`${spec.name}: ${(error as Error).message}`);
    process.exit(2);
  }
  console.error(`${spec.name}: ${describeStorage(config)}`);
  return config;
}
