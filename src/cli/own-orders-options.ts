/**
 * The flags of `watch --orders`, declared apart from watch-orders.ts (which loads the user feed)
 * so that declaring the command loads nothing heavy.
 */
import type { Command } from 'commander';
import { credentialsFlag, userUrlFlag } from './options.js';

export interface OwnOrdersFlags {
  /** `--orders`: also follow the user channel. */
  readonly orders?: boolean;
  readonly userUrl?: string;
  readonly credentials?: string;
  readonly maxAttempts?: number;
}

/** `--orders`, `--user-url`, `--credentials` (the last two as `polybook orders` has them). */
export function addOwnOrdersOptions(command: Command): Command {
  return command
    .option('--orders', 'also follow your orders on the user channel: resting orders marked ◆ on the ladder, fills in the tape (credentials as for orders)')
    .addOption(userUrlFlag('with --orders: '))
    .addOption(credentialsFlag('with --orders: '));
}
