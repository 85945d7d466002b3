/**
 * The one clock of djship: every rule whose verdict depends on today's date (a Django series past
 * its end of support, say) asks `today()`, never `new Date()`. Tests fix it with `setToday`; a run
 * can be made reproducible with DJSHIP_TODAY=YYYY-MM-DD in the environment.
 */
let fixed: Date | undefined;

function parseDay(text: string): Date | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return undefined;
  const date = new Date(`${text}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** Today, as a UTC midnight: the fixed date when one is set, else DJSHIP_TODAY, else the system clock. */
export function today(): Date {
  if (fixed) return new Date(fixed.getTime());
  const fromEnv = process.env.DJSHIP_TODAY ? parseDay(process.env.DJSHIP_TODAY) : undefined;
  if (fromEnv) return fromEnv;
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

/** Fixes the clock at a date (YYYY-MM-DD or a Date); undefined goes back to the system clock. */
export function setToday(date: string | Date | undefined): void {
  if (date === undefined) {
    fixed = undefined;
    return;
  }
  const parsed = typeof date === "string" ? parseDay(date) : date;
  if (!parsed) throw new Error(`setToday expects YYYY-MM-DD, got ${String(date)}`);
  fixed = parsed;
}

/** An ISO date (YYYY-MM-DD) for messages. */
export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}
