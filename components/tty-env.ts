/**
 * Ink decides once, when it is first loaded, whether it runs in CI (the is-in-ci package: `CI` or
 * `CONTINUOUS_INTEGRATION` set to anything but "0" or "false", the empty string included), and in
 * CI it draws nothing until it exits (../shared/TOOLCHAIN.md, gotcha 1). A screen on a real
 * terminal should draw whatever the environment says, so this module, imported before Ink by
 * components/render-tui.tsx, hides those variables while Ink loads when stdout is a terminal;
 * restoreCiEnv() puts them back right after, so commands the session starts still see them.
 */
const CI_KEYS = ['CI', 'CONTINUOUS_INTEGRATION'] as const;
const hidden = new Map<string, string>();

if (process.stdout.isTTY) {
  for (const key of CI_KEYS) {
    const value = process.env[key];
    if (value === undefined) continue;
    hidden.set(key, value);
    delete process.env[key];
  }
}

/** Puts back what was hidden while Ink loaded. */
export function restoreCiEnv(): void {
  for (const [key, value] of hidden) process.env[key] = value;
  hidden.clear();
}
