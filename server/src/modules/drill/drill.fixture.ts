/**
 * A forest-fire drill's phases on 2026-02-20, planned against actual: [name, planned start, planned end, actual start,
 * actual end] per row, times of day in Beijing time.
 */
export const drillPhases = (rows: readonly (readonly [string, string, string, string, string])[]) =>
  rows.map(([name, ps, pe, as, ae]) => ({
    name,
    plannedStart: `2026-02-20T${ps}:00+08:00`,
    plannedEnd: `2026-02-20T${pe}:00+08:00`,
    actualStart: `2026-02-20T${as}:00+08:00`,
    actualEnd: `2026-02-20T${ae}:00+08:00`,
  }));
