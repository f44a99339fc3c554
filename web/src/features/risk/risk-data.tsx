import { RISK_COLOUR_LABELS, RISK_COLOURS, type TRiskColour } from '@yingji/domain/risk/risk.schema';
import { Tag } from 'antd';

export const RISK_KEYS = {
  all: ['risk'] as const,
  panel: (id: number) => ['risk', 'panel', id] as const,
  proposals: ['risk', 'proposals'] as const,
  distribution: ['risk', 'distribution'] as const,
  expiring: ['risk', 'expiring'] as const,
  map: ['risk', 'map'] as const,
};

/** The bureau's four colours; yellow carries dark text to stay legible. */
export const RISK_COLOUR_HEX: Record<TRiskColour, string> = { red: '#d9363e', orange: '#fa8c16', yellow: '#fadb14', blue: '#1677ff' };
const TEXT: Record<TRiskColour, string> = { red: '#fff', orange: '#fff', yellow: '#262626', blue: '#fff' };

export const RISK_COLOUR_OPTIONS = RISK_COLOURS.map((c) => ({ value: c, label: `${RISK_COLOUR_LABELS[c]}色` }));

/** A colour as a solid tag: 红 橙 黄 蓝 (or 未定级). */
export function RiskColourTag({ colour, long = false }: { colour: TRiskColour | null | undefined; long?: boolean }) {
  if (!colour) return <span className="cell-sub">未定级</span>;
  return (
    <Tag
      className="risk-tag"
      style={{ background: RISK_COLOUR_HEX[colour], color: TEXT[colour], borderColor: RISK_COLOUR_HEX[colour] }}
      data-colour={colour}
    >
      {RISK_COLOUR_LABELS[colour]}
      {long ? '色' : ''}
    </Tag>
  );
}
