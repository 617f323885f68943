import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';

/**
 * The header's tabs and tools; on a narrow window (styles.css: .menu-button shows, .app-menu folds) they open from a
 * "Menu" button. The menu closes when `closeKey` changes (another screen was opened) and on Escape, which returns
 * focus to the button. `badge` (the firing alerts) stays in sight on the button while the menu is folded.
 */
export function HeaderMenu({ closeKey, badge, children }: { closeKey: string; badge?: ReactNode; children: ReactNode }) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => setOpen(false), [closeKey]);

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || !open) return;
    setOpen(false);
    button.current?.focus();
  };

  return (
    <>
      <button
        ref={button}
        type="button"
        className="menu-button"
        aria-expanded={open}
        aria-controls="app-menu"
        onClick={() => setOpen(!open)}
        onKeyDown={onKeyDown}
      >
        <span aria-hidden="true" className="menu-icon">
          {open ? '✕' : '☰'}
        </span>
        Menu
        {badge}
      </button>
      <div
        id="app-menu"
        className="app-menu"
        data-open={open}
        onKeyDown={onKeyDown}
        // A tab of the screen already open changes no route: the click itself closes the menu.
        onClick={(event) => {
          if ((event.target as HTMLElement).closest('a')) setOpen(false);
        }}
      >
        {children}
      </div>
    </>
  );
}
