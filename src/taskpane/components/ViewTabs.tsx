import * as React from "react";
import {
  Button,
  Menu,
  MenuItem,
  MenuList,
  MenuPopover,
  MenuTrigger,
  Overflow,
  OverflowItem,
  Tab,
  TabList,
  makeStyles,
  useIsOverflowItemVisible,
  useOverflowMenu,
} from "@fluentui/react-components";
import { MoreHorizontalRegular } from "@fluentui/react-icons";

export interface ViewTab {
  readonly value: string;
  readonly label: string;
}

export interface ViewTabsProps {
  tabs: readonly ViewTab[];
  selected: string;
  /** The element the tabs control. */
  panelId: string;
  onSelect(value: string): void;
}

/** The id of a view's tab, for the panel's aria-labelledby. */
export function viewTabId(value: string): string {
  return `tab-${value}`;
}

const useStyles = makeStyles({
  more: { alignSelf: "center", flexShrink: 0 },
});

/**
 * The pane's views as tabs. A task pane is often 320 px wide, too narrow for all of them: the
 * tabs that don't fit move into a "more views" menu at the end, and the selected tab always stays.
 */
export function ViewTabs({ tabs, selected, panelId, onSelect }: ViewTabsProps): React.JSX.Element {
  return (
    <Overflow minimumVisible={1}>
      <TabList
        selectedValue={selected}
        onTabSelect={(_event, data) => onSelect(String(data.value))}
        aria-label="Groundup views"
        size="small"
      >
        {tabs.map((tab) => (
          <OverflowItem key={tab.value} id={tab.value} priority={tab.value === selected ? 2 : 1}>
            <Tab value={tab.value} id={viewTabId(tab.value)} aria-controls={panelId}>
              {tab.label}
            </Tab>
          </OverflowItem>
        ))}
        <MoreViews tabs={tabs} onSelect={onSelect} />
      </TabList>
    </Overflow>
  );
}

interface MoreViewsProps {
  tabs: readonly ViewTab[];
  onSelect(value: string): void;
}

function MoreViews({ tabs, onSelect }: MoreViewsProps): React.JSX.Element | null {
  const styles = useStyles();
  const { ref, isOverflowing, overflowCount } = useOverflowMenu<HTMLButtonElement>();
  if (!isOverflowing) return null;
  return (
    <Menu>
      <MenuTrigger>
        <Button
          ref={ref}
          appearance="transparent"
          size="small"
          className={styles.more}
          icon={<MoreHorizontalRegular />}
          // Inside a tablist every control is a tab to assistive tech; the menu it opens says the rest.
          role="tab"
          aria-label={`${overflowCount} more views`}
          title="More views"
        />
      </MenuTrigger>
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
