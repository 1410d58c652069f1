import * as React from "react";
import {
  Menu,
  MenuItem,
  MenuList,
  MenuPopover,
  MenuTrigger,
  useIsOverflowItemVisible,
} from "@fluentui/react-components";
import type { ViewTab } from "./ViewTabs";

export interface MoreViewsMenuProps {
  tabs: readonly ViewTab[];
  onSelect(value: string): void;
  /** The "more views" button, rendered by ViewTabs (it measures the overflow). */
  children: React.ReactElement;
}

/**
 * The menu of tabs that don't fit. Its own chunk: Fluent's menu and popup positioning are about a
 * tenth of the pane's code, and the first view can show without them (ViewTabs shows the button).
 */
export function MoreViewsMenu({ tabs, onSelect, children }: MoreViewsMenuProps): React.JSX.Element {
  return (
    <Menu>
      <MenuTrigger>{children}</MenuTrigger>
      <MenuPopover>
        <MenuList>
          {tabs.map((tab) => (
            <HiddenViewItem key={tab.value} tab={tab} onSelect={onSelect} />
          ))}
        </MenuList>
      </MenuPopover>
    </Menu>
  );
}

/** A menu entry for a tab, shown only while that tab is out of sight. */
function HiddenViewItem({ tab, onSelect }: { tab: ViewTab; onSelect(value: string): void }): React.JSX.Element | null {
  const visible = useIsOverflowItemVisible(tab.value);
  if (visible) return null;
  return <MenuItem onClick={() => onSelect(tab.value)}>{tab.label}</MenuItem>;
}
