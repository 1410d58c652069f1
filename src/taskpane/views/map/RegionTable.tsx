import * as React from "react";
import { Link, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from "@fluentui/react-components";
import { formatNumber } from "../../../core/plan/numbers";
import type { MapMeasure, RegionFigures } from "../../../core/map/regionFigures";
import { useNumberTableStyles } from "../../components/numberTableStyles";
import { MEASURE_LABELS, shortMeasureText } from "./regionText";

export interface RegionTableProps {
  regions: readonly RegionFigures[];
  measure: MapMeasure;
  locale: string;
  decimals: number;
  /** Node names by id. */
  names: ReadonlyMap<string, string>;
  onSelectNode(id: string): void;
}

/** The map as a table: every region with its numbers and the nodes in it, each one a link that selects it. */
export function RegionTable({
  regions,
  measure,
  locale,
  decimals,
  names,
  onSelectNode,
}: RegionTableProps): React.JSX.Element {
  const tableStyles = useNumberTableStyles();
  const number = (value: number | null): string => (value === null ? "—" : formatNumber(value, locale, decimals));
  return (
    <div className={tableStyles.scroll}>
      <Table size="extra-small" className={tableStyles.table} aria-label="Regions on the map">
        <TableHeader>
          <TableRow>
            <TableHeaderCell>Region</TableHeaderCell>
            <TableHeaderCell className={tableStyles.number}>Bottom-up</TableHeaderCell>
            <TableHeaderCell className={tableStyles.number}>Top-down</TableHeaderCell>
            <TableHeaderCell className={tableStyles.number}>{MEASURE_LABELS[measure]}</TableHeaderCell>
            <TableHeaderCell>Nodes</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {regions.map((region) => (
            <TableRow key={region.region.key}>
              <TableCell>{region.region.name}</TableCell>
              <TableCell className={tableStyles.number}>{number(region.figures.bottomUp)}</TableCell>
              <TableCell className={tableStyles.number}>{number(region.figures.topDown)}</TableCell>
              <TableCell className={tableStyles.number}>{shortMeasureText(region, measure, locale)}</TableCell>
              <TableCell>
                {region.nodes.map((id, i) => (
                  <React.Fragment key={id}>
                    {i > 0 ? ", " : null}
                    <Link as="button" onClick={() => onSelectNode(id)}>
                      {names.get(id) ?? id}
                    </Link>
                  </React.Fragment>
                ))}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
