import { silentLogger, type Logger } from '../base/logger';
import { originForLog } from '../ipc/trusted-sender';

/**
 * Whether the renderer may have a web permission: never. It needs none (desktop notifications come from the
 * main process, links open through the navigation guard), so camera, location, clipboard, devices,
 * notifications, fullscreen and whatever a later Electron adds are all refused.
 */
export function isPermissionGranted(_permission: string): boolean {
  return false;
}

/** The Session calls the policy uses (Electron's session.defaultSession in the app, a fake in tests). */
export interface PermissionSessionLike {
  setPermissionRequestHandler(
    handler: (webContents: unknown, permission: string, callback: (granted: boolean) => void, details: { requestingUrl?: string }) => void,
  ): void;
  setPermissionCheckHandler(handler: (webContents: unknown, permission: string, requestingOrigin: string, details: unknown) => boolean): void;
  setDevicePermissionHandler(handler: (details: { deviceType: string; origin: string }) => boolean): void;
}

/** Denies every permission request, permission check and device (HID, serial, USB) access of a session. */
export function installPermissionPolicy(session: PermissionSessionLike, logger: Logger = silentLogger): void {
  session.setPermissionRequestHandler((_webContents, permission, callback, details) => {
    const granted = isPermissionGranted(permission);
    if (!granted) {
      const from = details.requestingUrl ? originForLog(details.requestingUrl) : 'an unknown page';
      logger.warn(`permission: refused ${permission} to ${from}`);
    }
    callback(granted);
  });
  // Checks are frequent (every Notification.permission read) and answer no question a user asked: not logged.
  session.setPermissionCheckHandler((_webContents, permission) => isPermissionGranted(permission));
  session.setDevicePermissionHandler(() => false);
}
