// App-wide settings (Settings screen), stored in the config file under "settings" and carried by the contract.
import { z } from 'zod';

/** The poll interval limits an account's own interval has too (config and account form). */
export const MIN_POLL_INTERVAL_SEC = 10;
export const MAX_POLL_INTERVAL_SEC = 3600;

export const THEME_CHOICES = ['system', 'light', 'dark'] as const;
export type ThemeChoice = (typeof THEME_CHOICES)[number];

/** `pool`: each pool's own units (Stratumsphere 1024-based, as it shows them); `si`: SI units (1 KH/s = 1000 H/s) everywhere. */
export const UNIT_CHOICES = ['pool', 'si'] as const;
export type UnitChoice = (typeof UNIT_CHOICES)[number];

/** Limits of the "not hashing" time: how long an online worker may show no 10-minute hashrate (minutes). */
export const MIN_NOT_HASHING_AFTER_MIN = 1;
export const MAX_NOT_HASHING_AFTER_MIN = 1440;
export const DEFAULT_NOT_HASHING_AFTER_MIN = 10;

export const PollIntervalSecSchema = z.number().int().min(MIN_POLL_INTERVAL_SEC).max(MAX_POLL_INTERVAL_SEC);

export const AppSettingsSchema = z
  .object({
    /** Accounts without their own interval are polled this often. */
    pollIntervalSec: PollIntervalSecSchema,
    theme: z.enum(THEME_CHOICES),
    units: z.enum(UNIT_CHOICES),
    /** Desktop only: the app starts at login, hidden in the tray. */
    startAtLogin: z.boolean(),
    /** Desktop only: closing the window keeps PoolWatch running in the tray (false: closing quits). */
    closeToTray: z.boolean(),
    /** An online worker with a 10-minute hashrate of 0 (or none) for this many minutes is "not hashing" (default 10). */
    notHashingAfterMin: z.number().int().min(MIN_NOT_HASHING_AFTER_MIN).max(MAX_NOT_HASHING_AFTER_MIN),
  })
  .strict();
export type AppSettings = z.infer<typeof AppSettingsSchema>;

export const DEFAULT_APP_SETTINGS: AppSettings = {
  pollIntervalSec: 60,
  theme: 'system',
  units: 'pool',
  startAtLogin: false,
  closeToTray: true,
  notHashingAfterMin: DEFAULT_NOT_HASHING_AFTER_MIN,
};

/** As the config file holds them: any setting may be left out (its default applies). */
export const StoredAppSettingsSchema = AppSettingsSchema.partial().strict();
export type StoredAppSettings = z.infer<typeof StoredAppSettingsSchema>;

/** The settings with every default applied. */
export function resolveAppSettings(stored: StoredAppSettings | undefined): AppSettings {
  return { ...DEFAULT_APP_SETTINGS, ...stored };
}

/** What the Settings screen reads: the settings, and whether this process is the desktop app (start at login, tray). */
export const AppSettingsViewSchema = z
  .object({
    settings: AppSettingsSchema,
    /** False in `poolwatch serve`: the desktop-only settings are kept but do nothing there. */
    desktop: z.boolean(),
  })
  .strict();
export type AppSettingsView = z.infer<typeof AppSettingsViewSchema>;
