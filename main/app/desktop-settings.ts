import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AppSettings } from '../../shared/contract';
import type { Logger } from '../base/logger';

/** Started with this flag (autostart at login), the app opens no window until asked. */
export const HIDDEN_FLAG = '--hidden';

/** The Electron and OS calls that apply the desktop settings; a fake in tests. */
export interface LoginItemPort {
  platform: NodeJS.Platform;
  /** Electron's app.setLoginItemSettings (macOS, Windows). */
  setLoginItemSettings(settings: { openAtLogin: boolean; args: string[] }): void;
  /** The command that starts this app: the executable, and the main script where Electron runs from a checkout. */
  command: string[];
  /** Linux: the XDG autostart folder ($XDG_CONFIG_HOME/autostart). */
  autostartDir: string;
}

const DESKTOP_FILE = 'poolwatch.desktop';

/** An Exec= argument, quoted as the Desktop Entry spec asks. */
function execArgument(argument: string): string {
  return /^[A-Za-z0-9_./:=-]+$/.test(argument) ? argument : `"${argument.replace(/(["`$\\])/g, '\\$1')}"`;
}

/** The autostart entry for Linux desktops (Electron has no login-item API there). */
export function autostartEntry(command: readonly string[]): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=PoolWatch',
    'Comment=Watches mining-pool accounts from the tray',
    `Exec=${[...command, HIDDEN_FLAG].map(execArgument).join(' ')}`,
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

/** Start at login, hidden in the tray: a login item on macOS and Windows, an XDG autostart entry on Linux. */
export async function applyStartAtLogin(enabled: boolean, port: LoginItemPort): Promise<void> {
  if (port.platform !== 'linux') {
    port.setLoginItemSettings({ openAtLogin: enabled, args: [HIDDEN_FLAG] });
    return;
  }
  const file = join(port.autostartDir, DESKTOP_FILE);
  if (!enabled) {
    await rm(file, { force: true });
    return;
  }
  await mkdir(port.autostartDir, { recursive: true });
  await writeFile(file, autostartEntry(port.command), { mode: 0o644 });
}

/** Applies the settings the desktop shell owns; a failure is logged (the setting stays saved and is tried again next start). */
export async function applyDesktopSettings(settings: AppSettings, port: LoginItemPort, logger: Logger): Promise<void> {
  try {
    await applyStartAtLogin(settings.startAtLogin, port);
  } catch (error) {
    logger.error(`settings: could not ${settings.startAtLogin ? 'turn on' : 'turn off'} start at login: ${(error as Error).message}`);
  }
}

/** When the last window closes: stay in the tray, or quit. */
export function quitsOnLastWindowClosed(settings: Pick<AppSettings, 'closeToTray'>): boolean {
  return !settings.closeToTray;
}
