import type { ThemeChoice } from '../../shared/contract';

/** The choice is also kept in the browser, so a reload is drawn in it before the engine answers. */
const STORAGE_KEY = 'poolwatch.theme';

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null; // storage refused (privacy settings): the theme still applies, only not before the first answer
  }
}

/** Applies a theme choice to the page: `system` follows prefers-color-scheme (styles.css), the others force it. */
export function applyTheme(choice: ThemeChoice, root: HTMLElement = document.documentElement): void {
  if (choice === 'system') delete root.dataset.theme;
  else root.dataset.theme = choice;
  try {
    storage()?.setItem(STORAGE_KEY, choice);
  } catch {
    // A full or refused storage only costs the early theme on the next reload.
  }
}

/** Before the first render: the theme chosen last time in this browser, if any. */
export function restoreTheme(): void {
  const stored = storage()?.getItem(STORAGE_KEY);
  if (stored === 'light' || stored === 'dark' || stored === 'system') applyTheme(stored);
}
