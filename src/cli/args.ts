/**
 * The command line as a table: each command's words, positionals and
 * options, parsed without a library (the one the CLI used took a tenth of a
 * second to load, more than everything `zine status` does) and described
 * for `--help` from the same table. Pure: argv in, a command and its values
 * (or the help to print) out; a mistake is a ZineError of one line.
 */
import { ZineError } from '../errors.js';

export interface OptionSpec {
  type: 'string' | 'number' | 'boolean';
  describe: string;
  choices?: readonly string[];
  /** A value, or where it depends on where the command runs (the project), a function giving it. */
  default?: string | number | boolean | (() => string);
  /** The default as the help shows it, where it is not a value (`the example zine`). */
  defaultDescription?: string;
  /** May be given more than once, the values joined by commas (`--locale en --locale ru`). */
  repeatable?: boolean;
}

export interface PositionalSpec {
  name: string;
  describe: string;
  /** Takes every word that is left (`[sections..]`). */
  rest?: boolean;
}

export interface CommandSpec {
  /** The command's words: `['build']`, `['locale', 'add']`. */
  words: readonly string[];
  describe: string;
  positionals: readonly PositionalSpec[];
  options: Readonly<Record<string, OptionSpec>>;
}

/** Options every command takes. */
export const GLOBAL_OPTIONS: Readonly<Record<string, OptionSpec>> = {
  debug: { type: 'boolean', describe: 'show the stack trace of an error' },
  help: { type: 'boolean', describe: 'show help' },
};

export type Values = Record<string, string | number | boolean | string[] | undefined>;

export type CommandLine =
  | { kind: 'run'; command: CommandSpec; values: Values }
  | { kind: 'help'; text: string }
  | { kind: 'version' };

/** Reads argv against the table of commands. */
export function parseCommandLine(argv: readonly string[], commands: readonly CommandSpec[]): CommandLine {
  const words: string[] = [];
  while (words.length < argv.length && !argv[words.length]!.startsWith('-')) words.push(argv[words.length]!);
  const command = commandOf(words, commands, argv.includes('--help'));
  if (command === undefined) {
    if (argv.includes('--help')) return { kind: 'help', text: overview(commands, words[0]) };
    if (argv.includes('--version')) return { kind: 'version' };
    throw new ZineError(`name a command: ${commandNames(commands).join(', ')}`);
  }
  const options = { ...command.options, ...GLOBAL_OPTIONS };
  const values: Values = {};
  for (const [name, spec] of Object.entries(options)) if (spec.default !== undefined) values[name] = typeof spec.default === 'function' ? spec.default() : spec.default;
  const given = new Set<string>();
  const positionals: string[] = [...words.slice(command.words.length)];
  for (let i = words.length; i < argv.length; i++) {
    const token = argv[i]!;
    if (token === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!token.startsWith('--')) {
      positionals.push(token);
      continue;
    }
    const eq = token.indexOf('=');
    let name = eq < 0 ? token.slice(2) : token.slice(2, eq);
    let inline = eq < 0 ? undefined : token.slice(eq + 1);
    let negated = false;
    if (!(name in options) && name.startsWith('no-') && options[name.slice(3)]?.type === 'boolean') [name, negated] = [name.slice(3), true];
    const spec = Object.hasOwn(options, name) ? options[name]! : undefined;
    if (!spec) throw new ZineError(`unknown option --${name} (zine ${command.words.join(' ')} --help lists them)`);
    if (given.has(name) && !spec.repeatable) throw new ZineError(`--${name} is given twice`);
    given.add(name);
    if (spec.type === 'boolean') {
      if (inline !== undefined && inline !== 'true' && inline !== 'false') throw new ZineError(`--${name} takes no value, not "${inline}"`);
      values[name] = negated !== (inline !== 'false');
      continue;
    }
    if (negated) throw new ZineError(`unknown option --no-${name}`);
    // the next word is the value whatever it starts with (`--bleed -3mm` is a negative length, refused as such),
    // unless it is one of the command's options: `--locale --project p` lacks the locale, not the project
    if (inline === undefined) {
      const next = argv[i + 1];
      if (next === undefined) throw new ZineError(`--${name} needs a value`);
      if (namesOption(next, options)) throw new ZineError(`--${name} needs a value before ${next}`);
      inline = next;
      i++;
    }
    values[name] = valueOf(name, spec, inline, values[name]);
  }
  if (values.help === true) return { kind: 'help', text: commandHelp(command) };
  for (const p of command.positionals) {
    if (p.rest) values[p.name] = positionals.splice(0);
    else if (positionals.length === 0) throw new ZineError(`zine ${command.words.join(' ')} needs <${p.name}>: ${p.describe}`);
    else values[p.name] = positionals.shift()!;
  }
  if (positionals.length > 0) throw new ZineError(`unexpected argument "${positionals[0]}" (zine ${command.words.join(' ')} --help says what it takes)`);
  return { kind: 'run', command, values };
}

/** Whether a word names one of the options (`--project`, `--project=p`, `--no-cache`). */
function namesOption(word: string, options: Readonly<Record<string, OptionSpec>>): boolean {
  if (!word.startsWith('--')) return false;
  const name = word.slice(2).split('=')[0]!;
  return Object.hasOwn(options, name) || (name.startsWith('no-') && options[name.slice(3)]?.type === 'boolean');
}

/** The command the leading words name; a command group (`locale`) without its command is an error, unless help is asked for. */
function commandOf(words: readonly string[], commands: readonly CommandSpec[], help: boolean): CommandSpec | undefined {
  if (words.length === 0) return undefined;
  const found = commands.filter((c) => c.words.every((w, i) => words[i] === w)).sort((a, b) => b.words.length - a.words.length)[0];
  if (found) return found;
  const group = commands.filter((c) => c.words.length > 1 && c.words[0] === words[0]);
  if (help && (group.length > 0 || !commands.some((c) => c.words[0] === words[0]))) return undefined;
  if (group.length > 0) throw new ZineError(`name a ${words[0]} command: ${group.map((c) => c.words[1]).join(' or ')}`);
  throw new ZineError(`unknown command "${words[0]}" (commands: ${commandNames(commands).join(', ')})`);
}

function valueOf(name: string, spec: OptionSpec, text: string, before: Values[string]): string | number {
  if (spec.choices && !spec.choices.includes(text)) throw new ZineError(`--${name} must be one of ${spec.choices.join(', ')}, not "${text}"`);
  if (spec.type === 'number') {
    const n = Number(text);
    if (text.trim() === '' || !Number.isFinite(n)) throw new ZineError(`--${name} must be a number, not "${text}"`);
    return n;
  }
  return spec.repeatable && typeof before === 'string' ? `${before},${text}` : text;
}

const commandNames = (commands: readonly CommandSpec[]): string[] => [...new Set(commands.map((c) => c.words[0]!))];

const usage = (c: CommandSpec): string =>
  ['zine', ...c.words, ...c.positionals.map((p) => (p.rest ? `[${p.name}..]` : `<${p.name}>`))].join(' ');

/** `zine --help`: every command, a line each; or a group's commands (`zine locale --help`). */
function overview(commands: readonly CommandSpec[], group: string | undefined): string {
  const shown = commands.filter((c) => group === undefined || c.words[0] === group);
  const inGroup = shown.length > 0 && group !== undefined;
  const listed = shown.length > 0 ? shown : commands;
  // the version is the tool's, asked of `zine` alone
  const options = inGroup ? GLOBAL_OPTIONS : { ...GLOBAL_OPTIONS, version: { type: 'boolean' as const, describe: 'show the version number' } };
  return [
    inGroup ? `zine ${group} <command> [options]` : 'zine <command> [options]', '', 'Commands:',
    ...table(listed.map((c) => [usage(c), c.describe])),
    '', 'Options:', ...optionLines(options), '',
  ].join('\n');
}

/** `zine build --help`: what the command does and takes. */
function commandHelp(c: CommandSpec): string {
  const positionals = c.positionals.length > 0 ? ['', 'Arguments:', ...table(c.positionals.map((p) => [p.name, p.describe]))] : [];
  return [`${usage(c)} [options]`, '', c.describe, ...positionals, '', 'Options:', ...optionLines({ ...c.options, ...GLOBAL_OPTIONS }), ''].join('\n');
}

function optionLines(options: Readonly<Record<string, OptionSpec>>): string[] {
  return table(Object.entries(options).map(([name, o]) => {
    const notes: string[] = [];
    if (o.choices) notes.push(`one of: ${o.choices.join(', ')}`);
    const fallback = o.defaultDescription ?? (o.default === undefined ? undefined : String(o.default));
    if (fallback !== undefined) notes.push(`default: ${fallback}`);
    const value = o.type === 'boolean' ? '' : ` <${o.type === 'number' ? 'n' : 'value'}>`;
    return [`--${name}${value}`, notes.length > 0 ? `${o.describe} [${notes.join('; ')}]` : o.describe];
  }));
}

/** Two columns, the first padded to its widest entry. */
function table(rows: readonly (readonly [string, string])[]): string[] {
  const width = Math.max(...rows.map(([a]) => a.length));
  return rows.map(([a, b]) => `  ${a.padEnd(width)}  ${b}`);
}
