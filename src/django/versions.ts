/** The Django release series djship knows the defaults and checks of, oldest first. */
export const DJANGO_SERIES = ["3.2", "4.0", "4.1", "4.2", "5.0", "5.1", "5.2", "6.0", "6.1"] as const;

export type DjangoSeries = (typeof DJANGO_SERIES)[number];

/** The long-term support release djship assumes when a project pins nothing. */
export const CURRENT_LTS: DjangoSeries = "5.2";

export function isDjangoSeries(text: string): text is DjangoSeries {
  return (DJANGO_SERIES as readonly string[]).includes(text);
}

/** Compares two "X.Y" series numerically (so "10.0" sorts after "9.2"). */
export function compareSeries(a: string, b: string): number {
  const [am = 0, an = 0] = a.split(".").map(Number);
  const [bm = 0, bn = 0] = b.split(".").map(Number);
  return am - bm || an - bn;
}

/** True when `series` is `since` or later. */
export function atLeast(series: string, since: string): boolean {
  return compareSeries(series, since) >= 0;
}
