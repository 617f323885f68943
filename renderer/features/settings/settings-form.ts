import {
  MAX_POLL_INTERVAL_SEC,
  MIN_POLL_INTERVAL_SEC,
  type AppSettings,
  type ThemeChoice,
  type UnitChoice,
} from '../../../shared/contract';

/** The Settings form as typed: the interval is text until it is checked. */
export interface SettingsFormValues {
  pollIntervalSec: string;
  theme: ThemeChoice;
  units: UnitChoice;
  startAtLogin: boolean;
  closeToTray: boolean;
}

export function formFromSettings(settings: AppSettings): SettingsFormValues {
  return { ...settings, pollIntervalSec: String(settings.pollIntervalSec) };
}

export type SettingsFormResult = { ok: true; settings: AppSettings } | { ok: false; errors: { pollIntervalSec: string } };

/** The settings to save, or what is wrong with the form. */
export function settingsFromForm(values: SettingsFormValues): SettingsFormResult {
  const text = values.pollIntervalSec.trim();
  const seconds = Number(text);
  if (text === '' || !Number.isInteger(seconds) || seconds < MIN_POLL_INTERVAL_SEC || seconds > MAX_POLL_INTERVAL_SEC) {
    return { ok: false, errors: { pollIntervalSec: `Enter whole seconds from ${MIN_POLL_INTERVAL_SEC} to ${MAX_POLL_INTERVAL_SEC}.` } };
  }
  return { ok: true, settings: { ...values, pollIntervalSec: seconds } };
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
