/**
 * A credentials file that cannot be read says so (not "not valid JSON"), and one owned by someone
 * else is refused like a 0644 one. Tests run as root, where chmod cannot make a file unreadable
 * and every file is root's: a directory stands for EISDIR, and the caller's uid is passed in.
 */
import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkOwnership, loadCredentials } from '../../src/feed/credentials.js';

const BIN = new URL('../../bin/polybook.js', import.meta.url).pathname;
const BODY = { apiKey: 'k-test', secret: 's-test', passphrase: 'p-test' };

function credentialsFile(mode = 0o600): string {
  const file = join(mkdtempSync(join(tmpdir(), 'polybook-cred-err-')), 'credentials.json');
  writeFileSync(file, JSON.stringify(BODY));
  chmodSync(file, mode);
  return file;
}

function message(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    return `${(error as { code: string }).code}: ${(error as Error).message}`;
  }
  return 'no error';
}

describe('credentials file that cannot be read', () => {
  it('a directory (EISDIR), whatever its mode: cannot read it (is a directory)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'polybook-cred-err-'));
    const wide = join(dir, 'wide.json');
    const tight = join(dir, 'tight.json');
    mkdirSync(wide, { mode: 0o755 });
    mkdirSync(tight, { mode: 0o700 });
    expect(message(() => loadCredentials({}, wide))).toBe(`feed.credentials: credentials file ${wide}: cannot read it (is a directory)`);
    expect(message(() => loadCredentials({}, tight))).toBe(`feed.credentials: credentials file ${tight}: cannot read it (is a directory)`);
  });

  it('a path under a regular file (ENOTDIR) and a missing file name the reason', () => {
    const file = credentialsFile();
    expect(message(() => loadCredentials({}, join(file, 'x.json')))).toBe(
      `feed.credentials: credentials file ${join(file, 'x.json')}: cannot read it (a parent is not a directory)`,
    );
    const missing = join(file, '..', 'missing.json');
    expect(message(() => loadCredentials({}, missing))).toBe(`feed.credentials: credentials file ${missing}: cannot read it (no such file)`);
  });

  it('through the bin: one line on stderr, exit 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'polybook-cred-err-'));
    const child = spawn(process.execPath, [BIN, 'orders', '--credentials', dir, '--user-url', 'ws://127.0.0.1:9/ws/user', '--log-level', 'silent'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { PATH: process.env.PATH ?? '', XDG_CONFIG_HOME: dir, XDG_STATE_HOME: dir },
    });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect({ code, err }).toEqual({ code: 2, err: `polybook: credentials file ${dir}: cannot read it (is a directory)\n` });
  });
});

describe('credentials file owned by someone else', () => {
  it('checkOwnership: the owner is fine; anyone else is told who owns it and what to run', () => {
    expect(checkOwnership({ uid: 1000 }, 1000, '/home/u/c.json')).toBeNull();
    expect(checkOwnership({ uid: 1001 }, 1000, '/home/u/c.json')).toBe(
      'credentials file /home/u/c.json is owned by uid 1001, not by you (uid 1000); make it yours: sudo chown 1000 /home/u/c.json',
    );
    // Root gets no pass: a file another user can rewrite is as unsafe for root as for anyone.
    expect(checkOwnership({ uid: 1000 }, 0, '/home/u/c.json')).toMatch(/is owned by uid 1000, not by you \(uid 0\)/);
    // No uids on this platform: nothing to compare.
    expect(checkOwnership({ uid: 0 }, undefined, '/c.json')).toBeNull();
  });

  it('loadCredentials refuses a 0600 file whose owner is not the caller, and reads it for its owner', () => {
    const file = credentialsFile(0o600);
    const owner = process.getuid!();
    expect(message(() => loadCredentials({}, file, owner + 1))).toBe(
      `feed.credentials: credentials file ${file} is owned by uid ${owner}, not by you (uid ${owner + 1}); make it yours: sudo chown ${owner + 1} ${file}`,
    );
    expect(loadCredentials({}, file, owner).authPayload()).toEqual(BODY);
  });
});
