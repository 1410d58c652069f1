import * as React from "react";
import { Hierarchy } from "../../../core/hierarchy/hierarchy";
import { BALANCE_BAND } from "../../../core/map/regionBalance";
import type { Plan } from "../../../core/plan/types";
import {
  balanceByNode,
  readAccounts,
  workloadByNode,
  type Account,
  type TerritoryBalance,
} from "../../../core/territory/workload";
import type { WorkbookActions } from "../../hooks/useWorkbook";
import { accountRows, accountsTableName, mappingFor, workloadSettings } from "../balance/accountsTable";

/** What the map shows of the accounts table. */
export interface MapAccounts {
  /** Every node's workload balance among its siblings; null without accounts or with a bad weights row. */
  readonly balances: readonly TerritoryBalance[] | null;
  /** The valid accounts that have coordinates, in table order. */
  readonly located: readonly Account[];
  /** The band balance is judged by: the plan's kept band for its kept table, else ±5 %. */
  readonly band: number;
}

/**
 * The accounts table the Balance view would start with, read for the map: the table, driver weights
 * and band the plan keeps (GU Settings), else guessed the same way; null while reading or without a
 * usable table. Moving accounts changes no plan table, so
 * the accounts are read each time the map opens, whenever the plan is read again (a target saved in
 * the sheet or by a co-author) and on `reread`: the pane hears of changes to the plan's tables only,
 * and with them unchanged the plan read again is the same object (ExcelPlanWorkbook keeps it).
 */
export function useAccounts(plan: Plan, actions: WorkbookActions): { accounts: MapAccounts | null; reread(): void } {
  const [accounts, setAccounts] = React.useState<MapAccounts | null>(null);
  const [reads, setReads] = React.useState(0);
  const reread = React.useCallback(() => setReads((count) => count + 1), []);
  React.useEffect(() => {
    let live = true;
    void (async () => {
      const kept = plan.settings.balancing;
      const name = accountsTableName((await actions.listTables()) ?? [], kept?.accountsTable);
      const table = name === undefined ? undefined : await actions.readTable(name);
      const built = Hierarchy.build(
        plan.nodes.map((node) => node.id),
        plan.nodes.map((node) => node.parent),
      );
      if (!live) return;
      if (table === undefined || !built.ok) {
        setAccounts(null);
        return;
      }
      const keptHere = kept?.accountsTable.toLowerCase() === name?.toLowerCase() ? kept : undefined;
      const mapping = mappingFor(table, keptHere);
      const read = readAccounts(built.hierarchy, accountRows(table, mapping), workloadSettings(table, mapping));
      const band = keptHere?.band ?? BALANCE_BAND;
      const balances =
        read.settingsProblem !== null || read.accounts.length === 0
          ? null
          : balanceByNode(built.hierarchy, workloadByNode(built.hierarchy, read.accounts), band);
      const located = read.accounts.filter((account) => account.latitude !== null && account.longitude !== null);
      setAccounts({ balances, located, band });
    })();
    return () => {
      live = false;
    };
  }, [plan, actions, reads]);
  return { accounts, reread };
}
