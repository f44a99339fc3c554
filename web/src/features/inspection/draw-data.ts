import { STRATUM_LABELS, type TPlanStratum } from '@yingji/domain/inspection/inspection.settings';
import type { TCertificateState } from '@yingji/domain/inspection/inspector.schema';

/** Colours of the four grades as the seed's maps draw them; grey for 未定级. */
export const STRATUM_COLORS: Record<TPlanStratum, string> = { red: 'red', orange: 'orange', yellow: 'gold', blue: 'blue', none: 'default' };
export const stratumLabel = (s: string): string => STRATUM_LABELS[s as TPlanStratum] ?? s;

export const CERTIFICATE_COLORS: Record<TCertificateState, string> = { valid: 'green', expiring: 'gold', expired: 'red' };

export const PLAN_STATUS_COLORS: Record<string, string> = { draft: 'default', approved: 'green', closed: 'blue' };
export const DRAW_STATUS_COLORS: Record<string, string> = { committed: 'gold', drawn: 'green', superseded: 'default' };

/** A long hex hash shortened for a table cell; the full value shows on hover and copies. */
export const shortHash = (h: string | null | undefined): string => (h ? `${h.slice(0, 12)}…${h.slice(-6)}` : '—');

/** A percentage for a ratio (0.3 → 30%). */
export const percent = (r: number): string => `${Math.round(r * 10000) / 100}%`;
