import { Tag } from 'antd';
import { STRATUM_LABELS, type TPlanStratum } from '@yingji/domain/inspection/inspection.settings';

const STRATUM_COLOURS: Record<TPlanStratum, string> = { red: 'red', orange: 'orange', yellow: 'gold', blue: 'blue', none: 'default' };

/** A firm's grade (四色) as a coloured tag; 未定级 in grey. */
export function StratumTag({ stratum }: { stratum: string }) {
  const s = stratum as TPlanStratum;
  return <Tag color={STRATUM_COLOURS[s] ?? 'default'}>{STRATUM_LABELS[s] ?? stratum}</Tag>;
}
