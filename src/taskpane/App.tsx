import * as React from "react";
import { Button, Spinner, Text, makeStyles, tokens } from "@fluentui/react-components";
import type { Plan } from "../core/plan/types";
import type { PlanWorkbook } from "../workbook/PlanWorkbook";
import { ErrorMessages } from "./components/ErrorMessages";
import { ViewTabs, viewTabId } from "./components/ViewTabs";
import { useRememberedOwner } from "./hooks/useRememberedOwner";
import { useWorkbook, type WorkbookActions } from "./hooks/useWorkbook";
import { useIdentity, type SignIn, type Who } from "./identity/useIdentity";
import { lazyView } from "./lazyView";

// Each view is its own bundle chunk (named for the bundle budget, scripts/bundle-budget.cjs), so the
// pane opens with only the view it shows; the others are fetched once it has rendered.
const SetupView = lazyView(() =>
  import(/* webpackChunkName: "view-setup" */ "./views/setup/SetupView").then((m) => m.SetupView),
);
const NavigateView = lazyView(() =>
  import(/* webpackChunkName: "view-navigate" */ "./views/navigate/NavigateView").then((m) => m.NavigateView),
);
const MyTargetsView = lazyView(() =>
  import(/* webpackChunkName: "view-targets" */ "./views/targets/MyTargetsView").then((m) => m.MyTargetsView),
);
const ReviewView = lazyView(() =>
  import(/* webpackChunkName: "view-review" */ "./views/review/ReviewView").then((m) => m.ReviewView),
);
const ReconcileView = lazyView(() =>
  import(/* webpackChunkName: "view-reconcile" */ "./views/reconcile/ReconcileView").then((m) => m.ReconcileView),
);
const ProgressView = lazyView(() =>
  import(/* webpackChunkName: "view-progress" */ "./views/progress/ProgressView").then((m) => m.ProgressView),
);
const ShareView = lazyView(() =>
  import(/* webpackChunkName: "view-share" */ "./views/sharing/ShareView").then((m) => m.ShareView),
);
const MapView = lazyView(() => import(/* webpackChunkName: "view-map" */ "./views/map/MapView").then((m) => m.MapView));
const BalanceView = lazyView(() =>
  import(/* webpackChunkName: "view-balance" */ "./views/balance/BalanceView").then((m) => m.BalanceView),
);
// One of these two is the first thing the pane shows: fetch both while the plan is being read.
void NavigateView.preload().catch(() => undefined);
void SetupView.preload().catch(() => undefined);

export interface AppProps {
  workbook: PlanWorkbook;
  locale: string;
  storage: Storage;
  /** Office single sign-on, where the build registers the add-in for it; absent: "I am" is chosen. */
  signIn?: SignIn;
}

/** What every view may use; each takes the part it needs. */
export interface PaneContext<P extends Plan | null = Plan> {
  readonly plan: P;
  readonly busy: boolean;
  readonly actions: WorkbookActions;
  readonly locale: string;
  readonly selectedNode: string | null;
  /** Who I am: the signed-in Office account's owner, else chosen from the plan's owners and remembered on this device. */
  readonly me: string;
  onChooseMe(owner: string): void;
  /** How `me` was established. */
  readonly who: Who;
}

/** A view that needs a plan is only rendered once the workbook holds one. */
type PaneTab = { readonly value: string; readonly label: string } & (
  | { readonly needsPlan: false; readonly view: React.ComponentType<PaneContext<Plan | null>> }
  | { readonly needsPlan: true; readonly view: React.ComponentType<PaneContext> }
);

const SETUP_TAB = "setup";
const PANEL_ID = "groundup-panel";

/** The pane's tabs, in order: adding a view is one line here. */
const TABS: readonly PaneTab[] = [
  { value: SETUP_TAB, label: "Set up", needsPlan: false, view: SetupView },
  { value: "navigate", label: "Navigate", needsPlan: true, view: NavigateView },
  { value: "targets", label: "My targets", needsPlan: true, view: MyTargetsView },
  { value: "review", label: "Review", needsPlan: true, view: ReviewView },
  { value: "reconcile", label: "Reconcile", needsPlan: true, view: ReconcileView },
  { value: "progress", label: "Progress", needsPlan: true, view: ProgressView },
  { value: "share", label: "Share", needsPlan: true, view: ShareView },
  { value: "map", label: "Map", needsPlan: true, view: MapView },
  { value: "balance", label: "Balance", needsPlan: true, view: BalanceView },
];

/**
 * Fluent's form controls keep the native control's intrinsic width (an <input> of about 20
 * characters, a <select> as wide as its longest option), which in a 320 px pane pushes grid
 * columns past the pane's edge. Every view's fields shrink to their column instead. Fluent's root
 * class names (fieldClassNames.root, ...) written out: importing those constants would bring each
 * control's whole module (the combobox with its popup positioning) into the pane's first chunk.
 */
const FORM_CONTROLS = ["fui-Field", "fui-Input", "fui-Select", "fui-Combobox", "fui-Textarea"]
  .map((className) => `& .${className}`)
  .join(", ");

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalM,
    height: "100vh",
    boxSizing: "border-box",
    [FORM_CONTROLS]: { minWidth: 0 },
  },
  panel: { display: "flex", flexDirection: "column", flexGrow: 1, minHeight: 0, overflowY: "auto" },
  bar: { display: "flex", justifyContent: "flex-end" },
  empty: {
    display: "flex",
    flexDirection: "column",
    alignItems: "flex-start",
    gap: tokens.spacingVerticalS,
  },
});

export function App({ workbook, locale, storage, signIn }: AppProps): React.JSX.Element {
  const styles = useStyles();
  const { plan, busy, errors, selectedNode, actions } = useWorkbook(workbook);
  const [chosen, setMe] = useRememberedOwner(storage);
  const { me, ...who } = useIdentity(signIn, plan, chosen);
  const [chosenTab, setChosenTab] = React.useState<string | null>(null);

  // The first tab follows what the workbook held when the pane opened; later reads never switch tabs.
  const tab = chosenTab ?? (plan === null ? SETUP_TAB : "navigate");
  React.useEffect(() => {
    // Functional: a tab the user clicked while the plan was loading wins.
    if (chosenTab === null && plan !== undefined) setChosenTab((current) => current ?? tab);
  }, [chosenTab, plan, tab]);
  const current = TABS.find((candidate) => candidate.value === tab) ?? TABS[0];
  React.useEffect(() => {
    // After the first view is on screen, so its chunk never waits behind the others.
    for (const view of [MyTargetsView, ReviewView, ReconcileView, ProgressView, ShareView, MapView, BalanceView]) {
      void view.preload().catch(() => undefined);
    }
  }, []);

  function renderPanel(): React.ReactNode {
    if (plan === undefined) return <Spinner label="Reading the plan…" />;
    const shared = { busy, actions, locale, selectedNode, me, onChooseMe: setMe, who };
    if (!current.needsPlan) {
      const PlanlessView = current.view;
      return <PlanlessView {...shared} plan={plan} />;
    }
    if (plan === null) {
      return (
        <div className={styles.empty}>
          <Text>This workbook has no plan yet.</Text>
          <Button appearance="primary" onClick={() => setChosenTab(SETUP_TAB)}>
            Set up a plan
          </Button>
        </div>
      );
    }
    const View = current.view;
    return <View {...shared} plan={plan} />;
  }

  return (
    <div className={styles.root}>
      <ErrorMessages errors={errors} onDismiss={actions.dismissError} />
      <ViewTabs tabs={TABS} selected={current.value} panelId={PANEL_ID} onSelect={setChosenTab} />
      <div className={styles.bar}>
        {/* Outside changes are read in place as they arrive; this is for hosts that don't report them. */}
        <Button size="small" appearance="subtle" disabled={plan === undefined} onClick={() => void actions.reload()}>
          Refresh
        </Button>
      </div>
      <div role="tabpanel" id={PANEL_ID} aria-labelledby={viewTabId(current.value)} className={styles.panel}>
        <React.Suspense fallback={<Spinner label="Opening…" />}>{renderPanel()}</React.Suspense>
      </div>
    </div>
  );
}
