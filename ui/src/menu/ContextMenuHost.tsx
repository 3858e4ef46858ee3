import * as Menu from '@radix-ui/react-dropdown-menu';
import type { ReactElement } from 'react';
import type { MenuItem } from './model';
import { closeMenu, useOpenMenu } from './store';
import './menu.css';

/**
 * Draws the open context menu at the pointer. Radix's dropdown menu gives the keyboard
 * (arrows, Enter, Escape, typeahead, submenus), focus handling and keeping the menu inside
 * the window; an invisible anchor at the pointer stands in for its trigger.
 */
export function ContextMenuHost(): ReactElement | null {
  const menu = useOpenMenu();
  if (menu === null) return null;
  return (
    <Menu.Root
      // A new menu (another right-click) starts fresh.
      key={`${menu.x},${menu.y},${menu.label}`}
      open
      onOpenChange={(o) => {
        if (!o) closeMenu();
      }}
    >
      <Menu.Trigger asChild>
        <span className="sw-menu-anchor" style={{ left: menu.x, top: menu.y }} aria-hidden />
      </Menu.Trigger>
      <Menu.Portal>
        <Menu.Content
          className="sw-menu"
          aria-label={menu.label}
          data-testid="context-menu"
          align="start"
          side="bottom"
          sideOffset={2}
          collisionPadding={8}
          loop
          // Focus goes back where it was (the canvas, a field), not to the invisible anchor.
          onCloseAutoFocus={(e) => e.preventDefault()}
        >
          <Items items={menu.items} />
        </Menu.Content>
      </Menu.Portal>
    </Menu.Root>
  );
}

function Items({ items }: { items: ReadonlyArray<MenuItem> }): ReactElement {
  return (
    <>
      {items.map((item, i) => {
        if (item.kind === 'separator') return <Menu.Separator key={`sep-${i}`} className="sw-menu__separator" />;
        if (item.kind === 'label') {
          return (
            <Menu.Label key={`label-${i}`} className="sw-menu__heading">
              {item.text}
            </Menu.Label>
          );
        }
        if (item.kind === 'submenu') {
          return (
            <Menu.Sub key={item.id}>
              <Menu.SubTrigger className="sw-menu__item" disabled={item.disabled} data-testid={`menu-${item.id}`}>
                <span className="sw-menu__label">{item.label}</span>
                <span className="sw-menu__chevron" aria-hidden>
                  ›
                </span>
              </Menu.SubTrigger>
              <Menu.Portal>
                <Menu.SubContent className="sw-menu" collisionPadding={8} sideOffset={2} alignOffset={-4} data-testid={`submenu-${item.id}`}>
                  <Items items={item.items} />
                </Menu.SubContent>
              </Menu.Portal>
            </Menu.Sub>
          );
        }
        return (
          <Menu.Item
            key={item.id}
            className={item.danger === true ? 'sw-menu__item sw-menu__item--danger' : 'sw-menu__item'}
            disabled={item.disabled}
            data-testid={`menu-${item.id}`}
            onSelect={() => {
              closeMenu();
              item.onSelect();
            }}
          >
            <span className="sw-menu__label">{item.label}</span>
            {item.shortcut !== undefined && <kbd className="sw-menu__shortcut">{item.shortcut}</kbd>}
          </Menu.Item>
        );
      })}
    </>
  );
}
