/**
 * A V8 code cache for the bundle's CommonJS files (dist/bundle/*.cjs): compiling them is a large
 * part of a short command's start-up, and Node 20 has no cache of its own for user code
 * (`module.enableCompileCache` is Node 22). Each file is compiled with the cache V8 produced for
 * it in an earlier run, which already holds the functions that run then compiled too.
 *
 * A cache holds the functions of the run that wrote it, so the bin keeps one per command (the
 * `variant`): a cache written by `--version` would leave `replay` compiling most of its functions.
 *
 * Safe to be missing, stale or broken: a cache is looked up by the hash bin/bundle.mjs wrote at
 * the end of the file (a changed file has another name) and the variant; V8 rejects data from another V8 version,
 * other flags or a damaged file, and the file is then compiled as usual. The caches live in
 * `$XDG_CACHE_HOME/polybook/code-cache/` (else `~/.cache/...`); one that cannot be read or
 * written only means compiling. Files without the hash, or not in the bundle, load as usual.
 */
'use strict';
const Module = require('node:module');
const { Script } = require('node:vm');
const { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } = require('node:fs');
const { homedir } = require('node:os');
const { dirname, join, sep } = require('node:path');

/** The line bin/bundle.mjs ends every CommonJS file of the bundle with. */
const HASH_LINE = /\n\/\/ polybook-bundle-hash: ([0-9a-f]{16,64})\n$/;
/** Unused caches older than this are removed when a new one is written. */
const MAX_AGE_MS = 30 * 24 * 3600 * 1000;

/** `$XDG_CACHE_HOME/polybook/code-cache/<node version>-<arch>`, else under `~/.cache`. */
function defaultCacheDir(env = process.env) {
  const base = env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(base, 'polybook', 'code-cache', `${process.version}-${process.arch}`);
}

/**
 * From now on, CommonJS files in `bundleDir` compile with (and leave) a code cache in `cacheDir`;
 * `variant` (letters, digits, dashes) names a separate set of caches, e.g. one per command.
 */
function useCodeCache(bundleDir, cacheDir = defaultCacheDir(), variant = '') {
  if (!/^[a-z0-9-]{0,32}$/.test(variant)) throw new RangeError(`code cache variant ${JSON.stringify(variant)}: letters, digits and dashes only`);
  const suffix = variant === '' ? '' : `-${variant}`;
  const prefix = bundleDir.endsWith(sep) ? bundleDir : bundleDir + sep;
  const compile = Module.prototype._compile;
  /** Scripts compiled without a usable cache: their caches are written at exit. */
  const fresh = [];
  Module.prototype._compile = function compileWithCache(content, filename) {
    const hash = filename.startsWith(prefix) && filename.endsWith('.cjs') ? HASH_LINE.exec(content.slice(-100))?.[1] : undefined;
    if (hash === undefined) return compile.call(this, content, filename);
    const file = join(cacheDir, `${hash}${suffix}.v8cache`);
    let cachedData;
    try {
      cachedData = readFileSync(file);
    } catch {
      // None yet (or unreadable): compiled from source, and cached at exit.
    }
    const script = new Script(Module.wrap(content), { filename, cachedData });
    if (cachedData === undefined || script.cachedDataRejected) {
      if (fresh.length === 0) process.once('exit', () => writeCaches(cacheDir, fresh));
      fresh.push({ script, file });
    }
    const require = (id) => this.require(id);
    require.resolve = (request, options) => Module._resolveFilename(request, this, false, options);
    require.cache = Module._cache;
    return script.runInThisContext({ displayErrors: true }).call(this.exports, this.exports, require, this, filename, dirname(filename));
  };
}

/** Written at exit, so each cache holds what this run compiled; any failure only skips it. */
function writeCaches(cacheDir, fresh) {
  try {
    makeDirectory(cacheDir);
    pruneOld(cacheDir);
  } catch {
    // A cache is an optimisation: a read-only or full disk leaves the next run compiling.
    return;
  }
  for (const { script, file } of fresh) {
    // Written whole under another name, then renamed: a concurrent run never reads half a file.
    const partial = `${file}.${process.pid}.partial`;
    try {
      writeFileSync(partial, script.createCachedData());
      renameSync(partial, file);
    } catch {
      try {
        rmSync(partial, { force: true });
      } catch {
        // Nothing more to do: the next run compiles this file again.
      }
    }
  }
}

/**
 * `mkdir -p`, one level at a time: `mkdirSync(dir, { recursive: true })` spins forever where mkdir
 * answers ENOENT under a parent that exists (e.g. under /proc; src/log.ts).
 */
function makeDirectory(dir) {
  try {
    mkdirSync(dir);
  } catch (error) {
    if (error.code === 'EEXIST') return;
    if (error.code !== 'ENOENT' || dirname(dir) === dir) throw error;
    makeDirectory(dirname(dir));
    mkdirSync(dir);
  }
}

function pruneOld(cacheDir) {
  const now = Date.now();
  for (const name of readdirSync(cacheDir)) {
    const path = join(cacheDir, name);
    if (now - statSync(path).mtimeMs > MAX_AGE_MS) rmSync(path, { force: true });
  }
}

module.exports = { useCodeCache, defaultCacheDir };
