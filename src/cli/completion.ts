/**
 * `polybook completion bash|zsh|fish`: prints a completion script for every command and its
 * options, generated from the declared program (so it cannot drift from `--help`).
 */
import { Argument, type Command } from 'commander';
import type { Shell } from './completion-run.js';
import type { CliIo } from './io.js';

const SHELLS: readonly Shell[] = ['bash', 'zsh', 'fish'];

export function registerCompletionCommand(program: Command, io: CliIo): void {
  program
    .command('completion')
    .description('print a shell completion script (bash, zsh or fish) for the commands and their options')
    .addArgument(new Argument('<shell>', 'bash, zsh or fish').choices(SHELLS))
    .addHelpText(
      'after',
      [
        '',
        'Examples:',
        '  eval "$(polybook completion bash)"                    # bash, now (add it to ~/.bashrc to keep it)',
        '  polybook completion bash > ~/.local/share/bash-completion/completions/polybook',
        '  polybook completion zsh > "${fpath[1]}/_polybook"     # zsh (or: source <(polybook completion zsh))',
        '  polybook completion fish > ~/.config/fish/completions/polybook.fish',
      ].join('\n'),
    )
    .action(async (shell: Shell) => {
      const { completionScript } = await import('./completion-run.js');
      io.stdout.write(completionScript(shell, program));
    });
}
