/**
 * Child-process entry for cli.test.ts: `polybook sim` as the lead's program would register it.
 */
import { Command } from 'commander';
import { registerSimCommand } from '../../src/cli/sim-command.js';

const program = new Command().name('polybook').exitOverride();
registerSimCommand(program, { stdout: process.stdout, stderr: process.stderr });
try {
  await program.parseAsync(process.argv.slice(2), { from: 'user' });
} catch (error) {
  process.exitCode = 2;
  if (!(error instanceof Error && 'exitCode' in error)) process.stderr.write(`polybook: ${String(error)}\n`);
}
