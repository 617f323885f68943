import {
  MAX_NOT_HASHING_AFTER_MIN,
  MAX_POLL_INTERVAL_SEC,
  MIN_NOT_HASHING_AFTER_MIN,
  MIN_POLL_INTERVAL_SEC,
  type AppSettings,
  type ThemeChoice,
  type UnitChoice,
} from '../../../shared/contract';

/** The Settings form as typed: the interval and the "not hashing" minutes are text until they are checked. */
export interface SettingsFormValues {
  pollIntervalSec: string;
  notHashingAfterMin: string;
  theme: ThemeChoice;
  units: UnitChoice;
  startAtLogin: boolean;
  closeToTray: boolean;
}

export function formFromSettings(settings: AppSettings): SettingsFormValues {
  return { ...settings, pollIntervalSec: String(settings.pollIntervalSec), notHashingAfterMin: String(settings.notHashingAfterMin) };
}

export type SettingsFormErrors = { pollIntervalSec?: string; notHashingAfterMin?: string };
export type SettingsFormResult = { ok: true; settings: AppSettings } | { ok: false; errors: SettingsFormErrors };

/** A whole number from min to max as typed, or null. */
function wholeNumber(typed: string, min: number, max: number): number | null {
  const text = typed.trim();
  const value = Number(text);
  return text !== '' && Number.isInteger(value) && value >= min && value <= max ? value : null;
}

/** The settings to save, or what is wrong with the form. */
export function settingsFromForm(values: SettingsFormValues): SettingsFormResult {
  const seconds = wholeNumber(values.pollIntervalSec, MIN_POLL_INTERVAL_SEC, MAX_POLL_INTERVAL_SEC);
  const minutes = wholeNumber(values.notHashingAfterMin, MIN_NOT_HASHING_AFTER_MIN, MAX_NOT_HASHING_AFTER_MIN);
  if (seconds === null || minutes === null) {
    return {
      ok: false,
      errors: {
        ...(seconds === null ? { pollIntervalSec: `Enter whole seconds from ${MIN_POLL_INTERVAL_SEC} to ${MAX_POLL_INTERVAL_SEC}.` } : {}),
        ...(minutes === null ? { notHashingAfterMin: `Enter whole minutes from ${MIN_NOT_HASHING_AFTER_MIN} to ${MAX_NOT_HASHING_AFTER_MIN}.` } : {}),
      },
    };
  }
  return { ok: true, settings: { ...values, pollIntervalSec: seconds, notHashingAfterMin: minutes } };
}

export const THEME_LABELS: Record<ThemeChoice, string> = {
  system: 'As the system (light or dark)',
  light: 'Light',
  dark: 'Dark',
};

export const UNIT_LABELS: Record<UnitChoice, string> = {
  pool: "Each pool's own (Stratumsphere: 1 KH/s = 1024 H/s)",
  si: 'SI everywhere (1 KH/s = 1000 H/s)',
};
