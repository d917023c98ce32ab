/** The screen's look and terminal use from the config file and the flags (`theme`, `--no-alt-screen`). */
import type { ScreenOptions, ThemeName } from '../../store/tui-request.js';
import { loadConfig, type PolybookConfig } from './config.js';

/** The config's theme by name; `color` is the older name of `default`. */
export function themeName(theme: PolybookConfig['theme']): ThemeName | undefined {
  return theme === 'color' ? 'default' : theme;
}

/** `altScreen` is commander's value of `--no-alt-screen` (false when given). */
export function screenOptions(flags: { readonly altScreen?: boolean }, config: PolybookConfig = loadConfig()): ScreenOptions {
  const theme = themeName(config.theme);
  return { altScreen: flags.altScreen !== false, ...(theme ? { theme } : {}) };
}
