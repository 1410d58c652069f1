/**
 * Text typed with an apostrophe in front (`'1/2`), taken as text at once. HyperFormula 3.5 gives
 * every string it is built with the whole treatment first: a number, a percentage, a currency
 * amount, then a date in each of its formats, and only then takes the apostrophe as "text". None of
 * these can match a string that starts with an apostrophe, so the result is the same text; the
 * workbench gives the engine all its text this way (a plan holds 110,000 such cells at 10,000
 * nodes), and the tries were a tenth of the engine's build, most of it garbage.
 *
 * The parser is built inside `buildFromSheets`, so its class (reached through an instance, it is
 * not exported) is patched, once per page or process.
 */
import { HyperFormula, type RawCellContent } from "hyperformula";

interface ContentParser {
  parse(content: RawCellContent): unknown;
}

let installed = false;

/** Installs the shortcut for every HyperFormula built from now on in this page or process. */
export function parseQuotedTextDirectly(): void {
  if (installed) return;
  installed = true;
  const probe = HyperFormula.buildEmpty({ licenseKey: "gpl-v3" });
  const parser = (probe as unknown as { _cellContentParser: ContentParser })._cellContentParser;
  probe.destroy();
  const prototype = Object.getPrototypeOf(parser) as ContentParser;
  const { parse } = prototype;
  // HyperFormula's own result for quoted text, whose class is not exported either.
  const TextContent = (parse.call(parser, "'x") as object).constructor as new (value: string) => unknown;
  prototype.parse = function (this: ContentParser, content) {
    if (typeof content === "string" && content.startsWith("'")) return new TextContent(content.slice(1));
    return parse.call(this, content);
  };
}
