/**
 * HyperFormula and the BU plugin, loaded on their own when the engine starts: they are most of the
 * workbench's code, and the page opens faster without them.
 */
export { DetailedCellError, HyperFormula } from "hyperformula";
export { EXCEL_NAMES, buConfig, fitBuSpills, registerBuFunctions } from "../src/hyperformula/buPlugin";
