import { useQuery } from '@tanstack/react-query';
import { RISK_BASIS_LABELS, RISK_COLOUR_LABELS, RISK_EVENT_LABELS, type TRiskPanel } from '@yingji/domain/risk/risk.schema';
import { Alert, Button, Card, Descriptions, Space, Tag, Timeline } from 'antd';
import { useState } from 'react';
import { riskApi } from '../../api/risk.api';
import { bureauNow, formatTime } from '../../app/locale';
import { DecisionModal, ProposalReasons } from './risk-decision';
import { RISK_COLOUR_HEX, RISK_KEYS, RiskColourTag } from './risk-data';
import { InitialGradeModal, ManualEventModal } from './risk-panel-forms';
import './risk.css';
import { HAZARD_CATEGORY_LABELS } from '@yingji/domain/hazard/hazard.schema';
import { enumLabel } from '../../kit';

function Validity({ validUntil, withinDays }: { validUntil: string; withinDays: number }) {
  const today = bureauNow().format('YYYY-MM-DD');
  const soon = bureauNow().add(withinDays, 'day').format('YYYY-MM-DD');
  if (validUntil < today) return <Tag color="red">评估已过期</Tag>;
  if (validUntil <= soon) return <Tag color="orange">即将到期，请安排复评</Tag>;
  return null;
}

function History({ history }: { history: TRiskPanel['history'] }) {
  if (history.length === 0) return <div className="empty-line">暂无定级记录</div>;
  return (
    <Timeline
      items={history.map((h) => ({
        key: h.id,
        color: RISK_COLOUR_HEX[h.toColour],
        content: (
          <div className="risk-history-item">
            <div>
              <strong>
                {h.fromColour ? `${RISK_COLOUR_LABELS[h.fromColour]} → ` : ''}
                {RISK_COLOUR_LABELS[h.toColour]}
              </strong>
              <span className="cell-sub"> · {RISK_BASIS_LABELS[h.basis]}</span>
            </div>
            <div className="cell-sub">
              {formatTime(h.at)}
              {h.decidedByName ? ` · ${h.decidedByName}` : ''}
            </div>
            <ul className="risk-reasons">
              {h.reasons.map((r) => (
                <li key={r.rule + r.text}>{r.text}</li>
              ))}
            </ul>
            {h.comment && h.basis === 'dynamic' && <div className="cell-sub">审批意见：{h.comment}</div>}
          </div>
        ),
      }))}
    />
  );
}

/** The 风险等级 card on a firm's page: grade, pending proposal, history and the events the rules read. */
export function RiskPanel({ enterpriseId }: { enterpriseId: number }) {
  const panel = useQuery({ queryKey: RISK_KEYS.panel(enterpriseId), queryFn: () => riskApi.panel(enterpriseId) });
  const [grading, setGrading] = useState(false);
  const [recording, setRecording] = useState(false);
  const [deciding, setDeciding] = useState<boolean | null>(null);
  const data = panel.data;
  const g = data?.grade;
  const extra = data?.can.assess ? (
    <Space size={4}>
      {(!g || g.basis !== 'assessment') && (
        <Button size="small" onClick={() => setGrading(true)}>
          初始定级
        </Button>
      )}
      <Button size="small" onClick={() => setRecording(true)}>
        登记事件
      </Button>
    </Space>
  ) : null;
  return (
    <Card variant="borderless" title="风险等级" className="detail-card" extra={extra} loading={panel.isPending} data-testid="risk-panel">
      {data && (
        <>
          {g ? (
            <Descriptions column={1} size="small" className="risk-grade">
              <Descriptions.Item label="当前等级">
                <Space size={6} wrap>
                  <RiskColourTag colour={g.colour} long />
                  <span className="cell-sub">{RISK_BASIS_LABELS[g.basis]}</span>
                </Space>
              </Descriptions.Item>
              <Descriptions.Item label="评估得分">{g.score ?? '—'}</Descriptions.Item>
              {g.forcedRed.length > 0 && <Descriptions.Item label="强制红色条件">{g.forcedRed.join('；')}</Descriptions.Item>}
              <Descriptions.Item label="评估日期">{g.assessedOn}</Descriptions.Item>
              <Descriptions.Item label="有效期至">
                <Space size={6} wrap>
                  {g.validUntil}
                  <Validity validUntil={g.validUntil} withinDays={data.expiringWithinDays} />
                </Space>
              </Descriptions.Item>
            </Descriptions>
          ) : (
            <div className="empty-line">尚未定级</div>
          )}
          {data.pending && (
            <Alert
              className="risk-pending"
              type={data.pending.direction === 'up' ? 'warning' : 'info'}
              showIcon
              title={`建议${data.pending.direction === 'up' ? '上调' : '下调'}：${RISK_COLOUR_LABELS[data.pending.fromColour]} → ${RISK_COLOUR_LABELS[data.pending.toColour]}（待审批）`}
              description={
                <>
                  <ProposalReasons proposal={data.pending} />
                  {data.can.decide && (
                    <Space>
                      <Button size="small" type="primary" onClick={() => setDeciding(true)}>
                        同意
                      </Button>
                      <Button size="small" danger onClick={() => setDeciding(false)}>
                        不同意
                      </Button>
                    </Space>
                  )}
                </>
              }
            />
          )}
          <div className="risk-section-title">定级记录</div>
          <History history={data.history} />
          {data.events.length > 0 && (
            <>
              <div className="risk-section-title">风险事件</div>
              <ul className="risk-events">
                {data.events.slice(0, 20).map((e) => (
                  <li key={e.id}>
                    <span className="mono">{formatTime(e.occurredAt).slice(0, 10)}</span> {enumLabel(RISK_EVENT_LABELS, e.kind)}
                    {e.category ? `（${enumLabel(HAZARD_CATEGORY_LABELS, e.category)}）` : ''}：{e.summary}
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
      <InitialGradeModal enterpriseId={enterpriseId} open={grading} onClose={() => setGrading(false)} />
      <ManualEventModal enterpriseId={enterpriseId} open={recording} onClose={() => setRecording(false)} />
      <DecisionModal
        proposal={deciding === null ? null : (data?.pending ?? null)}
        approve={deciding === true}
        onClose={() => setDeciding(null)}
      />
    </Card>
  );
}
