/** The user's calendar day as yyyy-mm-dd: a deadline passes at the user's midnight, not UTC's. */
export function localToday(now: Date = new Date()): string {
  const pad = (n: number): string => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
