import { join } from 'node:path';
import { Menu, Notification, nativeImage, type MenuItemConstructorOptions, type Tray } from 'electron';
import type { NotifierPort } from './desktop-notifications';
import type { TrayMenuItem, TrayPort } from './tray-controller';

function toMenuItem(item: TrayMenuItem): MenuItemConstructorOptions {
  return item.type === 'separator' ? { type: 'separator' } : { type: 'normal', label: item.label, click: item.click };
}

/** The tray port over Electron's Tray; images come from `<iconsDir>/<name>.png` (the @2x twin is picked up on HiDPI). */
export function createElectronTrayPort(tray: Tray, iconsDir: string): TrayPort {
  return {
    setImage: (name) => tray.setImage(nativeImage.createFromPath(join(iconsDir, `${name}.png`))),
    setToolTip: (text) => tray.setToolTip(text),
    setContextMenu: (items) => tray.setContextMenu(Menu.buildFromTemplate(items.map(toMenuItem))),
  };
}

/**
 * Desktop notifications where the platform has them; silently none elsewhere (the tray still shows the state).
 * Buttons appear where Electron supports notification actions (macOS); elsewhere a click opens the app.
 */
export function createElectronNotifierPort(): NotifierPort {
  // Held until closed: a garbage-collected Notification no longer delivers its click.
  const live = new Set<Notification>();
  return {
    show: ({ title, body, urgent, buttons, onClick }) => {
      if (!Notification.isSupported()) return;
      const notification = new Notification({
        title,
        body,
        urgency: urgent ? 'critical' : 'normal',
        actions: buttons.map((button) => ({ type: 'button' as const, text: button.label })),
      });
      live.add(notification);
      notification.on('click', onClick);
      notification.on('action', (_event, index) => buttons[index]?.run());
      notification.on('close', () => live.delete(notification));
      notification.show();
    },
  };
}
