/**
 * `polybook completion bash|zsh|fish`: the scripts are valid for their shell (bash -n; zsh -n and
 * fish --no-execute where installed), and bash's completes what the program declares.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/program.js';
import { capture } from '../helpers/cli.js';
import { run } from './bin-helper.js';

const has = (shell: string): boolean => spawnSync(shell, ['-c', 'exit 0']).status === 0;

let bash = '';
let file = '';
beforeAll(async () => {
  const result = await run(['completion', 'bash']);
  expect({ code: result.code, err: result.err }).toEqual({ code: 0, err: '' });
  bash = result.out;
  file = join(mkdtempSync(join(tmpdir(), 'polybook-completion-')), 'polybook.bash');
  writeFileSync(file, bash);
});

/** What bash's completion offers for the words typed so far (the last one being completed). */
function complete(...words: string[]): string[] {
  const script = `source "$1"; shift; COMP_WORDS=(polybook "$@"); COMP_CWORD=$#; _polybook; printf '%s\\n' "\${COMPREPLY[@]}"`;
  const out = execFileSync('bash', ['-c', script, 'complete', file, ...words], { encoding: 'utf8', cwd: tmpdir() });
  return out.split('\n').filter((l) => l !== '');
}

describe('polybook completion bash', () => {
  it('is valid bash (bash -n)', () => {
    const check = spawnSync('bash', ['-n', file], { encoding: 'utf8' });
    expect({ status: check.status, stderr: check.stderr }).toEqual({ status: 0, stderr: '' });
    expect(bash.trimEnd().split('\n').at(-1)).toBe('complete -o bashdefault -o default -F _polybook polybook');
  });

  it('completes commands, each command’s options, their choices and files', () => {
    expect(complete('')).toEqual(['replay', 'demo', 'watch', 'markets', 'status', 'orders', 'sim', 'completion', 'help']);
    expect(complete('wa')).toEqual(['watch']);
    expect(complete('s')).toEqual(['status', 'sim']);
    expect(complete('-')).toEqual(['-V', '--version', '-h', '--help']);
    expect(complete('watch', '--out')).toEqual(['--output']);
    expect(complete('watch', '-o', '')).toEqual(['tui', 'ndjson']);
    expect(complete('watch', '--format', 'n')).toEqual(['ndjson']);
    expect(complete('replay', 'x.jsonl', '-o', '')).toEqual(['json', 'tui']);
    expect(complete('status', '1', '--output', '')).toEqual(['table', 'json']);
    expect(complete('watch', '--log-level', 'w')).toEqual(['warn']);
    expect(complete('completion', '')).toEqual(['bash', 'zsh', 'fish']);
    expect(complete('help', 'or')).toEqual(['orders']);
    expect(complete('sim', '--user')).toEqual(['--user-activity']);
    expect(complete('watch', '--depth', '')).toEqual([]);
  }, 30_000);

  it('offers every option of every command', () => {
    const program = buildProgram(capture().io, []);
    for (const command of program.commands as Command[]) {
      const offered = new Set(complete(command.name(), '-'));
      for (const option of command.options) expect(offered.has(option.long!), `${command.name()} ${option.long}`).toBe(true);
      expect(offered.has('--help')).toBe(true);
    }
  });
});

describe.skipIf(!has('zsh'))('polybook completion zsh', () => {
  it('is valid zsh (zsh -n)', async () => {
    const { code, out } = await run(['completion', 'zsh']);
    expect(code).toBe(0);
    expect(out.split('\n')[0]).toBe('#compdef polybook');
    const check = spawnSync('zsh', ['-n'], { input: out, encoding: 'utf8' });
    expect({ status: check.status, stderr: check.stderr }).toEqual({ status: 0, stderr: '' });
  });
});

describe('polybook completion zsh and fish: generated for every command', () => {
  it('zsh names every command and its options', async () => {
    const { code, out } = await run(['completion', 'zsh']);
    expect(code).toBe(0);
    expect(out).toContain("'watch:watch live order books (a screen on a terminal, NDJSON when piped)'");
    expect(out).toContain("'(-o --output)'{-o,--output}'[tui on a terminal, else ndjson]:format:(tui ndjson)'");
    expect(out).toContain("'--record[append every received frame to <file>, one per line (replay reads it)]:file:_files'");
    expect(out.trimEnd().split('\n').slice(-5)).toEqual([
      'if [ "$funcstack[1]" = "_polybook" ]; then',
      '  _polybook "$@"',
      'else',
      '  compdef _polybook polybook',
      'fi',
    ]);
  });

  it('fish names every command and its options', async () => {
    const { code, out } = await run(['completion', 'fish']);
    expect(code).toBe(0);
    const lines = out.split('\n');
    expect(lines).toContain("complete -c polybook -n __fish_use_subcommand -a watch -d 'watch live order books (a screen on a terminal, NDJSON when piped)'");
    expect(lines).toContain(
      "complete -c polybook -n '__fish_seen_subcommand_from watch' -s o -l output -x -a 'tui ndjson' -d 'tui on a terminal, else ndjson'",
    );
    expect(lines).toContain("complete -c polybook -n '__fish_seen_subcommand_from replay' -F");
    expect(lines).toContain("complete -c polybook -n '__fish_seen_subcommand_from completion' -x -a 'bash zsh fish'");
  });
});

describe.skipIf(!has('fish'))('polybook completion fish (fish installed)', () => {
  it('is valid fish (fish --no-execute) and completes', async () => {
    const { out } = await run(['completion', 'fish']);
    const script = join(mkdtempSync(join(tmpdir(), 'polybook-completion-')), 'polybook.fish');
    writeFileSync(script, out);
    const check = spawnSync('fish', ['--no-execute', script], { encoding: 'utf8' });
    expect({ status: check.status, stderr: check.stderr }).toEqual({ status: 0, stderr: '' });
    const offered = (line: string) =>
      execFileSync('fish', ['-c', `source ${script}; complete -C '${line}'`], { encoding: 'utf8', cwd: tmpdir() })
        .split('\n')
        .filter((l) => l !== '')
        .map((l) => l.split('\t')[0]);
    expect(offered('polybook wa')).toEqual(['watch']);
    expect(offered('polybook watch -o ')).toEqual(['ndjson', 'tui']);
    expect(offered('polybook orders --max')).toEqual(['--max-attempts']);
    expect(offered('polybook completion ')).toEqual(['bash', 'fish', 'zsh']);
  });
});
