/**
 * @mention comments on a node's row: Microsoft's "Work with comments using the Excel JavaScript
 * API" (ExcelApi 1.11, mentions): `comments.add(cell, { mentions, richContent }, ContentType.mention)`
 * with `<at id="0">Name</at>` in the rich content; Microsoft 365 e-mails the person mentioned
 * (Excel.CommentRichContent reference: "They will be notified via email").
 */
import { HIERARCHY_HEADERS, TABLES, findColumn, hierarchyRowOf } from "../core/plan/layout";
import type { Mention } from "../workbook/PlanWorkbook";
import { locate } from "./tableReads";
import { bodyRow } from "./tableRows";

/** Rich content is markup: what the user typed must stay text, so `<`, `>` and `&` are escaped. */
export function escapeRichText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** The comment body Excel takes: one mention (id 0) at the start, then the text. */
export function mentionBody(mention: Mention, text: string): Excel.CommentRichContent {
  return {
    mentions: [{ email: mention.email, id: 0, name: mention.name }],
    richContent: `<at id="0">${escapeRichText(mention.name)}</at> ${escapeRichText(text)}`,
  };
}

/**
 * Adds the comment on the node's Name cell in the hierarchy table, found through the table by id
 * (its sheet may be renamed, its rows sorted). 2 syncs: find the row, add the comment.
 */
export async function mentionOnNode(
  context: Excel.RequestContext,
  id: string,
  mention: Mention,
  text: string,
): Promise<void> {
  const hierarchy = locate(context, "hierarchy");
  await context.sync();
  const { headers, ids } = hierarchy.result();
  const row = hierarchyRowOf(ids, id);
  const nameCol = Math.max(0, findColumn(headers, HIERARCHY_HEADERS[2]));
  const cell = bodyRow(context, TABLES.hierarchy, row).getCell(0, nameCol);
  // "Mention" is Excel.ContentType.mention; the literal keeps this working where the enum object is absent.
  context.workbook.comments.add(cell, mentionBody(mention, text), "Mention");
  await context.sync();
}
