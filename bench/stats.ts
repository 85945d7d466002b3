/** What every section of `npm run bench` shares: the row it reports and the median it reports. */

/** A row of `npm run bench`: djship's figure, and the reference measured in the same run. */
export interface BenchRow {
  readonly name: string;
  readonly value: number;
  /** "ms" unless the row measures something else (sites/s, files/s). */
  readonly unit: string;
  readonly reference?: number;
  readonly referenceName?: string;
  /** How many times faster djship is than the reference: reference / value for times. */
  readonly ratio?: number;
  readonly note?: string;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}
