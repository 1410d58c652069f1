import * as React from "react";
import { Button, Overflow, OverflowItem, Tab, TabList, makeStyles, useOverflowMenu } from "@fluentui/react-components";
import { MoreHorizontalRegular } from "@fluentui/react-icons";
import { lazyView, useLazyComponent } from "../lazyView";

const MoreViewsMenu = lazyView(() =>
  import(/* webpackChunkName: "more-views-menu" */ "./MoreViewsMenu").then((m) => m.MoreViewsMenu),
);

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
  React.useEffect(() => {
    // Fetched once the tabs are on screen, so the menu is ready whenever they first overflow.
    void MoreViewsMenu.preload().catch(() => undefined);
  }, []);
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
  const Menu = useLazyComponent(MoreViewsMenu, isOverflowing);
  // Shown once the menu's chunk has arrived (moments after the tabs first overflow): a button that
  // can't open its menu yet would swallow the click.
  if (!isOverflowing || Menu === null) return null;
  const button = (
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
  );
  return (
    <Menu tabs={tabs} onSelect={onSelect}>
      {button}
    </Menu>
  );
}
