/**
 * Completion scripts generated from the declared commander program: every command, its options
 * (with their choices, and files where an option or argument names a file) and its arguments.
 */
import type { Argument, Command, Option } from 'commander';

/** The shells a script is printed for. */
export type Shell = 'bash' | 'zsh' | 'fish';

/** What an option or argument value completes to. */
type Value =
  | { readonly kind: 'none' }
  | { readonly kind: 'free'; readonly name: string }
  | { readonly kind: 'file'; readonly name: string }
  | { readonly kind: 'choices'; readonly name: string; readonly words: readonly string[] };

interface OptionSpec {
  readonly short: string | null;
  readonly long: string;
  readonly description: string;
  readonly value: Value;
  readonly repeatable: boolean;
}

interface CommandSpec {
  readonly name: string;
  readonly description: string;
  readonly options: readonly OptionSpec[];
  readonly args: readonly { readonly value: Value; readonly variadic: boolean }[];
}

/** Words a shell script may carry unquoted. */
const WORD = /^[\w.@%+-]+$/;

const FILE_VALUE = /file|path|json/i;

/** The first clause of a description, short enough for a completion menu. */
function short(text: string): string {
  const first = text.split(/;|\. /)[0]!.trim();
  return first.length > 72 ? `${first.slice(0, 71)}…` : first;
}

function valueSpec(placeholder: string | undefined, choices: readonly string[] | undefined): Value {
  if (placeholder === undefined) return { kind: 'none' };
  const name = placeholder.replace(/[<>[\].]/g, '') || 'value';
  const words = (choices ?? []).filter((w) => WORD.test(w));
  if (words.length > 0) return { kind: 'choices', name, words };
  return FILE_VALUE.test(placeholder) ? { kind: 'file', name } : { kind: 'free', name };
}

function optionSpec(option: Option): OptionSpec | null {
  if (option.hidden || !option.long || !WORD.test(option.long)) return null;
  const placeholder = /[<[][^>\]]*[>\]]/.exec(option.flags)?.[0];
  return {
    short: option.short && WORD.test(option.short) ? option.short : null,
    long: option.long,
    description: short(option.description),
    value: valueSpec(placeholder, option.argChoices),
    repeatable: option.variadic,
  };
}

const HELP: OptionSpec = { short: '-h', long: '--help', description: 'print help', value: { kind: 'none' }, repeatable: false };

function argumentSpec(argument: Argument): CommandSpec['args'][number] {
  const name = argument.name();
  return { value: valueSpec(`<${name}>`, argument.argChoices), variadic: argument.variadic };
}

/** The program's commands as plain data, and `help <command>`. */
function describe(program: Command): CommandSpec[] {
  const commands: CommandSpec[] = program.commands
    .filter((c) => WORD.test(c.name()))
    .map((c) => ({
      name: c.name(),
      description: short(c.description()),
      options: [...c.options.map(optionSpec).filter((o): o is OptionSpec => o !== null), HELP],
      args: c.registeredArguments.map(argumentSpec),
    }));
  const names = commands.map((c) => c.name);
  commands.push({
    name: 'help',
    description: 'print help for a command',
    options: [],
    args: [{ value: { kind: 'choices', name: 'command', words: names }, variadic: false }],
  });
  return commands;
}

function programOptions(program: Command): OptionSpec[] {
  return program.options
    .map(optionSpec)
    .filter((o): o is OptionSpec => o !== null)
    .concat(HELP);
}

export function completionScript(shell: Shell, program: Command): string {
  const commands = describe(program);
  const top = programOptions(program);
  switch (shell) {
    case 'bash':
      return bashScript(commands, top);
    case 'zsh':
      return zshScript(commands, top);
    case 'fish':
      return fishScript(commands, top);
  }
}

/** Every flag spelling of an option. */
function flagsOf(o: OptionSpec): string[] {
  return o.short ? [o.short, o.long] : [o.long];
}

function bashScript(commands: readonly CommandSpec[], top: readonly OptionSpec[]): string {
  const lines = [
    '# bash completion for polybook (printed by `polybook completion bash`).',
    '# Now: eval "$(polybook completion bash)"; for good: polybook completion bash > ~/.local/share/bash-completion/completions/polybook',
    '_polybook() {',
    '  local cur prev cmd word i',
    '  COMPREPLY=()',
    '  cur=${COMP_WORDS[COMP_CWORD]}',
    '  prev=${COMP_WORDS[COMP_CWORD-1]}',
    '  cmd=',
    '  for ((i = 1; i < COMP_CWORD; i++)); do',
    '    word=${COMP_WORDS[i]}',
    '    if [[ $word != -* ]]; then',
    '      cmd=$word',
    '      break',
    '    fi',
    '  done',
    '  case $cmd in',
    "    '')",
    '      if [[ $cur == -* ]]; then',
    `        COMPREPLY=($(compgen -W '${top.flatMap(flagsOf).join(' ')}' -- "$cur"))`,
    '      else',
    `        COMPREPLY=($(compgen -W '${commands.map((c) => c.name).join(' ')}' -- "$cur"))`,
    '      fi',
    '      ;;',
  ];
  for (const command of commands) {
    lines.push(`    ${command.name})`);
    const valued = command.options.filter((o) => o.value.kind !== 'none');
    if (valued.length > 0) {
      lines.push('      case $prev in');
      for (const o of valued) lines.push(`        ${flagsOf(o).join('|')})`, `          ${bashValue(o.value)}`, '          return 0', '          ;;');
      lines.push('      esac');
    }
    lines.push('      if [[ $cur == -* ]]; then', `        COMPREPLY=($(compgen -W '${command.options.flatMap(flagsOf).join(' ')}' -- "$cur"))`);
    const positional = command.args.find((a) => a.value.kind !== 'free' && a.value.kind !== 'none');
    if (positional) lines.push('      else', `        ${bashValue(positional.value)}`);
    lines.push('      fi', '      ;;');
  }
  lines.push('  esac', '  return 0', '}', 'complete -o bashdefault -o default -F _polybook polybook', '');
  return lines.join('\n');
}

function bashValue(value: Value): string {
  switch (value.kind) {
    case 'choices':
      return `COMPREPLY=($(compgen -W '${value.words.join(' ')}' -- "$cur"))`;
    case 'file':
      return `local IFS=$'\\n'; COMPREPLY=($(compgen -f -- "$cur"))`;
    default:
      // A number, a URL, a name: nothing to offer.
      return 'COMPREPLY=()';
  }
}

/** zsh: inside `[...]` and `:...:` of an _arguments spec, then single-quoted for the shell. */
function zshText(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/([[\]:])/g, '\\$1')
    .replace(/'/g, "'\\''");
}

function zshAction(value: Value): string {
  switch (value.kind) {
    case 'choices':
      return `:${value.name}:(${value.words.join(' ')})`;
    case 'file':
      return `:${value.name}:_files`;
    case 'free':
      return `:${value.name}: `;
    default:
      return '';
  }
}

function zshOption(o: OptionSpec): string {
  const repeat = o.repeatable ? '*' : '';
  const action = zshAction(o.value);
  const description = `[${zshText(o.description)}]`;
  if (o.short) return `'(${o.short} ${o.long})'{${o.short},${o.long}}'${description}${action}'`;
  return `'${repeat}${o.long}${description}${action}'`;
}

function zshScript(commands: readonly CommandSpec[], top: readonly OptionSpec[]): string {
  const lines = [
    '#compdef polybook',
    '# zsh completion for polybook (printed by `polybook completion zsh`).',
    '# Now: source <(polybook completion zsh); for good: polybook completion zsh > "${fpath[1]}/_polybook"',
    '_polybook() {',
    '  local curcontext="$curcontext" state line',
    '  typeset -A opt_args',
    '  local -a commands',
    '  commands=(',
    ...commands.map((c) => `    '${c.name}:${zshText(c.description)}'`),
    '  )',
    '  _arguments -C \\',
    ...top.map((o) => `    '(- *)'{${flagsOf(o).join(',')}}'[${zshText(o.description)}]' \\`),
    "    '1: :->command' \\",
    "    '*:: :->args' && return 0",
    '  case $state in',
    '    command)',
    "      _describe -t commands 'polybook command' commands",
    '      ;;',
    '    args)',
    '      case $words[1] in',
  ];
  for (const command of commands) {
    const specs = command.options.map(zshOption);
    command.args.forEach((a, i) => {
      const action = zshAction(a.value) || ': : ';
      specs.push(a.variadic ? `'*${action}'` : `'${i + 1}${action}'`);
    });
    lines.push(`        ${command.name})`);
    if (specs.length > 0) lines.push('          _arguments \\', ...specs.map((s, i) => `            ${s}${i < specs.length - 1 ? ' \\' : ''}`));
    lines.push('          ;;');
  }
  lines.push(
    '      esac',
    '      ;;',
    '  esac',
    '}',
    '',
    'if [ "$funcstack[1]" = "_polybook" ]; then',
    '  _polybook "$@"',
    'else',
    '  compdef _polybook polybook',
    'fi',
    '',
  );
  return lines.join('\n');
}

/** fish: a single-quoted string. */
function fishText(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function fishOption(o: OptionSpec): string {
  const parts = [];
  if (o.short) parts.push(`-s ${o.short.slice(1)}`);
  parts.push(`-l ${o.long.slice(2)}`);
  switch (o.value.kind) {
    case 'choices':
      parts.push(`-x -a ${fishText(o.value.words.join(' '))}`);
      break;
    case 'file':
      parts.push('-r -F');
      break;
    case 'free':
      parts.push('-x');
      break;
    default:
      break;
  }
  parts.push(`-d ${fishText(o.description)}`);
  return parts.join(' ');
}

function fishScript(commands: readonly CommandSpec[], top: readonly OptionSpec[]): string {
  const lines = [
    '# fish completion for polybook (printed by `polybook completion fish`).',
    '# Now: polybook completion fish | source; for good: polybook completion fish > ~/.config/fish/completions/polybook.fish',
    'complete -c polybook -f',
    ...top.map((o) => `complete -c polybook -n __fish_use_subcommand ${fishOption(o)}`),
    ...commands.map((c) => `complete -c polybook -n __fish_use_subcommand -a ${c.name} -d ${fishText(c.description)}`),
  ];
  for (const command of commands) {
    const when = `-n '__fish_seen_subcommand_from ${command.name}'`;
    for (const o of command.options) lines.push(`complete -c polybook ${when} ${fishOption(o)}`);
    for (const a of command.args) {
      if (a.value.kind === 'choices') lines.push(`complete -c polybook ${when} -x -a ${fishText(a.value.words.join(' '))}`);
      else if (a.value.kind === 'file') lines.push(`complete -c polybook ${when} -F`);
    }
  }
  lines.push('');
  return lines.join('\n');
}
