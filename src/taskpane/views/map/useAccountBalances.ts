import * as React from "react";
import { Hierarchy } from "../../../core/hierarchy/hierarchy";
import { BALANCE_BAND } from "../../../core/map/regionBalance";
import type { Plan } from "../../../core/plan/types";
import { balanceByNode, readAccounts, workloadByNode, type TerritoryBalance } from "../../../core/territory/workload";
import type { WorkbookActions } from "../../hooks/useWorkbook";
import { accountRows, accountsTableName, mappingFor, workloadSettings } from "../balance/accountsTable";

/**
 * Every node's workload balance among its siblings, from the accounts table the Balance view would
 * start with: the table, driver weights and band the plan keeps (GU Settings), else guessed the
 * same way; null while reading or without a usable table.
 * Moving accounts changes no plan table, so the accounts are read each time the map opens and
 * whenever the plan is read again.
 */
export function useAccountBalances(plan: Plan, actions: WorkbookActions): readonly TerritoryBalance[] | null {
  const [balances, setBalances] = React.useState<readonly TerritoryBalance[] | null>(null);
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
        setBalances(null);
        return;
      }
      const keptHere = kept?.accountsTable.toLowerCase() === name?.toLowerCase() ? kept : undefined;
      const mapping = mappingFor(table, keptHere);
      const read = readAccounts(built.hierarchy, accountRows(table, mapping), workloadSettings(table, mapping));
      setBalances(
        read.settingsProblem !== null || read.accounts.length === 0
          ? null
          : balanceByNode(
              built.hierarchy,
              workloadByNode(built.hierarchy, read.accounts),
              keptHere?.band ?? BALANCE_BAND,
            ),
      );
    })();
    return () => {
      live = false;
    };
  }, [plan, actions]);
  return balances;
}
