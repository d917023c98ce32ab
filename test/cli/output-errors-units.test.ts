/**
 * The pieces behind "output that cannot be written", in process: stdout errors (a closed pipe vs
 * a full disk), the logger's single warning with real paths, and the exit status of each feed
 * error code.
 */
import { EventEmitter } from 'node:events';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliErrorOf, fileProblem } from '../../src/cli/errors.js';
import { watchStdout } from '../../src/cli/main.js';
import { FeedError } from '../../src/feed/errors.js';
import { createLogger } from '../../src/log.js';

function errno(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: injected, write`), { code });
}

function stderrSink(): { stream: NodeJS.WritableStream; text: () => string } {
  let text = '';
  return {
    stream: {
      write: (s: string) => {
        text += s;
        return true;
      },
    } as unknown as NodeJS.WritableStream,
    text: () => text,
  };
}

describe('watchStdout', () => {
  it('a full disk: one line however many writes fail, and `failed` once', () => {
    const stdout = new EventEmitter();
    const err = stderrSink();
    const calls: string[] = [];
    const failed = watchStdout(stdout, err.stream, { closed: () => calls.push('closed'), failed: () => calls.push('failed') });
    expect(failed()).toBe(false);
    stdout.emit('error', errno('ENOSPC'));
    stdout.emit('error', errno('ENOSPC'));
    expect(err.text()).toBe('polybook: cannot write to standard output: no space left on device\n');
    expect(calls).toEqual(['failed']);
    expect(failed()).toBe(true);
  });

  it('a closed pipe is quiet', () => {
    const stdout = new EventEmitter();
    const err = stderrSink();
    const calls: string[] = [];
    const failed = watchStdout(stdout, err.stream, { closed: () => calls.push('closed'), failed: () => calls.push('failed') });
    stdout.emit('error', errno('EPIPE'));
    expect({ err: err.text(), calls, failed: failed() }).toEqual({ err: '', calls: ['closed'], failed: false });
  });
});

describe('createLogger with a log file that cannot be written', () => {
  it('says so once through warn and logs nothing; a good file gets the lines', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'polybook-log-err-'));
    const warnings: string[] = [];
    const bad = createLogger('info', dir, (line) => warnings.push(line));
    bad.info('lost');
    expect(bad.level).toBe('silent');
    expect(warnings).toEqual([`polybook: cannot write the log file ${dir}: is a directory; logging is off\n`]);

    const file = join(dir, 'deeper', 'still', 'polybook.log');
    const good = createLogger('info', file, (line) => warnings.push(line));
    good.info('kept');
    good.flush();
    await new Promise((r) => setTimeout(r, 50));
    expect(JSON.parse(readFileSync(file, 'utf8').trim())).toMatchObject({ msg: 'kept', level: 30 });
    expect(warnings).toHaveLength(1);
  });

  it('a write that fails later (/dev/full): said once, then silent', async () => {
    const warnings: string[] = [];
    const log = createLogger('info', '/dev/full', (line) => warnings.push(line));
    expect(warnings).toEqual([]);
    log.info('one');
    log.flush();
    await new Promise((r) => setTimeout(r, 50));
    log.info('two');
    log.flush();
    await new Promise((r) => setTimeout(r, 50));
    expect(warnings).toEqual(['polybook: cannot write the log file /dev/full: no space left on device; logging is off\n']);
    expect(log.level).toBe('silent');
  });
});

describe('exit statuses of feed errors', () => {
  it('the user’s own input is 2, a failing venue or disk at run time is 1', () => {
    const cases = (['feed.credentials', 'feed.recordUnwritable', 'feed.recordFailed', 'feed.unreachable', 'feed.badBody'] as const).map((code) => {
      const error = cliErrorOf(new FeedError(code, 'x'));
      return [code, error.code, error.exitCode];
    });
    expect(cases).toEqual([
      ['feed.credentials', 'feed.credentials', 2],
      ['feed.recordUnwritable', 'cli.unwritable', 2],
      ['feed.recordFailed', 'feed.recordFailed', 1],
      ['feed.unreachable', 'feed.unreachable', 1],
      ['feed.badBody', 'feed.badBody', 1],
    ]);
  });

  it('fileProblem keeps its words for reading, and says "no such directory" when creating', () => {
    expect([
      fileProblem(errno('ENOENT')),
      fileProblem(errno('ENOENT'), true),
      fileProblem(errno('EISDIR')),
      fileProblem(errno('EACCES')),
      fileProblem(errno('EXDEV')),
    ]).toEqual(['no such file', 'no such directory', 'is a directory', 'permission denied', 'EXDEV: injected, write']);
  });
});
