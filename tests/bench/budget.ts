/** Issue 8's budget: each figure, its limit and whether the latest run met it (null: not measured). */
export interface BudgetLine {
  figure: string;
  limit: number;
  unit: string;
  value: number | null;
  met: boolean | null;
}

export const LIMITS = {
  'bundle.gzip': { limit: 150 * 1024, unit: 'bytes' },
  // Issue 19: the SCO an LMS loads carries nothing it does not need (no zod).
  'bundle.playerGzip': { limit: 80 * 1024, unit: 'bytes' },
  // Issue 19 item 6: tighter, now that the first budgets are met.
  'firstScreen.median': { limit: 200, unit: 'ms' },
  'lessonStep.p95': { limit: 10, unit: 'ms' },
  'lessonStep.paintP95': { limit: 20, unit: 'ms' },
  'commit.p99': { limit: 10, unit: 'ms (worst of at0, at10k, at100k)' },
  // Issue 19 item 2: a commit's median at 100k attempts against a bare insert of the same bytes.
  'commit.ratio': { limit: 3, unit: '× (commit p50 ÷ bare insert p50, at the largest level: 100k attempts in the full run)' },
  'dashboard.ms': { limit: 50, unit: 'ms' },
  'export.peakRssMB': { limit: 300, unit: 'MB (worst format)' },
  'import.peakRssMB': { limit: 300, unit: 'MB (records file of every attempt)' },
  // Issue 19 item 4: backup, integrity check and the pupil fold never hold main longer than this.
  'maintenance.maxStallMs': { limit: 50, unit: 'ms (longest hold on main during the daily round)' },
} as const;

export type BudgetKey = keyof typeof LIMITS;

export function budgetLine(figure: BudgetKey, value: number | null): BudgetLine {
  const { limit, unit } = LIMITS[figure];
  return { figure, limit, unit, value, met: value === null ? null : value <= limit };
}

/** The worst of several figures, or null when any is missing (a missing one could be the worst). */
export const worst = (values: (number | null | undefined)[]): number | null =>
  values.length > 0 && values.every((v): v is number => typeof v === 'number') ? Math.max(...values) : null;
