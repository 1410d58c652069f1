/**
 * @mention comments on a node's row: Microsoft's "Work with comments using the Excel JavaScript
 * API" (ExcelApi 1.11, mentions): `comments.add(cell, { mentions, richContent }, ContentType.mention)`
 * with `<at id="0">Name</at>` in the rich content; Microsoft 365 e-mails the person mentioned
 * (Excel.CommentRichContent reference: "They will be notified via email").
 */
import { HIERARCHY_HEADERS, TABLES, findColumn, hierarchyRowOf } from "../core/plan/layout";
import type { Mention } from "../workbook/PlanWorkbook";
import { ExcelActionError } from "./messages";
import { locate } from "./tableReads";
import { bodyRow } from "./tableRows";

export const commentMessages = {
  failed: (reason: string): string =>
    `Could not add the @mention comment: ${reason} Comments with @mentions need Excel for Microsoft 365 or ` +
    `Excel on the web, and Microsoft 365 e-mails the person only when the workbook is on OneDrive or SharePoint.`,
  noComments: "this Excel has no threaded comments.",
} as const;

/**
 * A failed @mention comment, said as such: Excel's own errors (already turned into what to do) and
 * a host without `workbook.comments` (a TypeError on the missing collection) both name the comment
 * and what the feature needs; Groundup's own errors (an unknown node) pass as they are.
 */
export function commentError(error: unknown): unknown {
  if (error instanceof ExcelActionError)
    return new ExcelActionError(commentMessages.failed(error.message), error.code, { cause: error });
  if (error instanceof TypeError)
    return new Error(commentMessages.failed(commentMessages.noComments), { cause: error });
  return error;
}

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
  // A plan that reads has a Name column; without one (removed since), the comment goes on the Id cell.
  const nameCol = Math.max(0, findColumn(headers, HIERARCHY_HEADERS[2]));
  const cell = bodyRow(context, TABLES.hierarchy, row).getCell(0, nameCol);
  // "Mention" is Excel.ContentType.mention; the literal keeps this working where the enum object is absent.
  context.workbook.comments.add(cell, mentionBody(mention, text), "Mention");
  await context.sync();
}
