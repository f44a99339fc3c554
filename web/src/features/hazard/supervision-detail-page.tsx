import { ArrowLeftOutlined } from '@ant-design/icons';
import { HAZARD_STATE_LABELS, type THazardState } from '@yingji/domain/hazard/hazard.schema';
import { SUPERVISION_ACTION_LABELS, type TSupervision } from '@yingji/domain/hazard/supervision.schema';
import { Alert, Button, Card, Descriptions, Empty, Image, Result, Spin, Tag, Timeline, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { attachmentUrl } from '../../api/attachment.api';
import { useCan } from '../../app/auth';
import { formatTime } from '../../app/locale';
import { useSupervision } from './hazard-views-data';
import { SupervisionActionForm, SupervisionLiftButton } from './supervision-action-form';
import { SupervisionStatusTags, SupervisionTargetTag } from './supervision-tags';
import './hazard-views.css';

type TAction = NonNullable<TSupervision['actions']>[number];

const ACTION_COLOURS: Record<TAction['kind'], string> = {
  interview: 'blue',
  reminder_letter: 'gold',
  resumption_request: 'purple',
  resumption_review: 'green',
};

function ActionItem({ a }: { a: TAction }) {
  return (
    <div className="cell-stack" data-testid="supervision-action">
      <div className="cell-head">
        <Tag color={ACTION_COLOURS[a.kind]}>{SUPERVISION_ACTION_LABELS[a.kind]}</Tag>
        <span className="mono">{a.on}</span>
        {a.kind === 'resumption_review' && a.passed !== null ? (
          <Tag color={a.passed ? 'green' : 'red'}>{a.passed ? '审查通过' : '审查不通过'}</Tag>
        ) : null}
        {a.kind === 'resumption_request' && a.reviewDueOn ? (
          <span className={a.reviewOverdue ? 'hv-overdue' : 'cell-sub'}>
            现场审查期限 {a.reviewDueOn}
            {a.reviewOverdue ? (
              <Tag color="red" style={{ marginInlineStart: 6 }}>
                逾期
              </Tag>
            ) : null}
          </span>
        ) : null}
      </div>
      <div style={{ whiteSpace: 'pre-wrap' }}>{a.note}</div>
      {a.documents.length > 0 && (
        <Image.PreviewGroup>
          <div style={{ display: 'flex', gap: 6, flexWrap: 'wrap' }}>
            {a.documents.map((h) => (
              <Image key={h} src={attachmentUrl(h)} width={56} height={56} style={{ objectFit: 'cover', borderRadius: 4 }} alt="附件" />
            ))}
          </div>
        </Image.PreviewGroup>
      )}
      <span className="cell-sub">
        {a.actorName ?? '—'} 记录于 {formatTime(a.at)}
      </span>
    </div>
  );
}

/** One listing: its facts, the hazard's state, what was done (约谈, 提醒函, 复产申请 and review), forms to record more, and 摘牌. */
export function SupervisionDetailPage() {
  const id = Number(useParams().id);
  const can = useCan();
  const q = useSupervision(id);
  const s = q.data;

  if (!Number.isInteger(id) || id <= 0) return <Result status="404" title="挂牌督办事项不存在" />;
  if (q.isPending) return <Spin style={{ display: 'block', margin: '80px auto' }} />;
  if (q.error || !s)
    return (
      <Result
        status={(q.error as { status?: number } | null)?.status === 404 ? '404' : 'error'}
        title={q.error?.message ?? '无法读取挂牌督办事项'}
        extra={
          <Link to="/hazards/supervisions">
            <Button>返回挂牌督办</Button>
          </Link>
        }
      />
    );

  const active = s.status === 'active';
  const mayAct = active && can('hazard.supervise');
  const actions = [...(s.actions ?? [])].sort((a, b) => (a.on === b.on ? b.at.localeCompare(a.at) : b.on.localeCompare(a.on)));
  const lateReviews = actions.filter((a) => a.kind === 'resumption_request' && a.reviewOverdue);

  return (
    <div className="page">
      <div className="page-header">
        <Typography.Title level={4} className="page-title">
          <Link to="/hazards/supervisions" aria-label="返回挂牌督办">
            <ArrowLeftOutlined />
          </Link>{' '}
          挂牌督办 #{s.id}
        </Typography.Title>
        <div className="page-actions">{mayAct && <SupervisionLiftButton supervision={s} />}</div>
      </div>

      {lateReviews.length > 0 && (
        <Alert
          type="error"
          showIcon
          className="hv-section"
          title={`复产申请逾期未组织现场审查（审查期限 ${lateReviews.map((a) => a.reviewDueOn).join('、')}）`}
        />
      )}

      <div className={mayAct ? 'hv-detail-grid' : undefined}>
        <div>
          <Card size="small" className="hv-section" title="督办事项" extra={<SupervisionStatusTags s={s} />}>
            <Descriptions column={{ xs: 1, md: 2 }} size="small">
              <Descriptions.Item label="督办对象">
                <SupervisionTargetTag target={s.target} />
                {s.target === 'town' ? (s.townName ?? s.divisionCode) : null}
              </Descriptions.Item>
              <Descriptions.Item label="镇街">{s.townName ?? s.divisionCode}</Descriptions.Item>
              <Descriptions.Item label="督办单位">{s.supervisingBody}</Descriptions.Item>
              <Descriptions.Item label="责任领导">{s.leaderName}</Descriptions.Item>
              <Descriptions.Item label="督办期限">
                <span className={active && s.overdue ? 'mono hv-overdue' : 'mono'}>{s.deadline}</span>
                {active && s.overdue ? (
                  <Tag color="red" style={{ marginInlineStart: 6 }}>
                    逾期
                  </Tag>
                ) : null}
              </Descriptions.Item>
              <Descriptions.Item label="挂牌时间">{formatTime(s.createdAt)}</Descriptions.Item>
              <Descriptions.Item label="督办事由" span={2}>
                <span style={{ whiteSpace: 'pre-wrap' }}>{s.reason}</span>
              </Descriptions.Item>
              {!active && (
                <>
                  <Descriptions.Item label="摘牌时间">{formatTime(s.liftedAt)}</Descriptions.Item>
                  <Descriptions.Item label="摘牌说明">{s.liftNote ?? '—'}</Descriptions.Item>
                </>
              )}
            </Descriptions>
          </Card>

          {s.target === 'hazard' && (
            <Card size="small" className="hv-section" title="督办的重大隐患">
              <Descriptions column={1} size="small">
                <Descriptions.Item label="企业">{s.enterpriseName ?? '—'}</Descriptions.Item>
                <Descriptions.Item label="隐患">
                  {s.hazardId ? <Link to={`/hazards/${s.hazardId}`}>{s.hazardDescription ?? `隐患 #${s.hazardId}`}</Link> : '—'}
                </Descriptions.Item>
                <Descriptions.Item label="整改状态">
                  {s.hazardState ? (
                    <Tag color={s.hazardState === 'closed' ? 'green' : 'orange'}>
                      {HAZARD_STATE_LABELS[s.hazardState as THazardState] ?? s.hazardState}
                    </Tag>
                  ) : (
                    '—'
                  )}
                  {s.hazardState && s.hazardState !== 'closed' ? <span className="cell-sub">隐患整改销号后方可摘牌</span> : null}
                </Descriptions.Item>
              </Descriptions>
            </Card>
          )}

          <Card size="small" className="hv-section" title={`督办记录（${actions.length}）`}>
            {actions.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚无约谈、提醒函或复产审查记录" />
            ) : (
              <Timeline
                className="hv-actions-list"
                items={actions.map((a) => ({ key: a.id, color: ACTION_COLOURS[a.kind], content: <ActionItem a={a} /> }))}
              />
            )}
          </Card>
        </div>

        {mayAct ? (
          <Card size="small" title="记录督办情况" className="hv-section">
            <SupervisionActionForm supervision={s} />
          </Card>
        ) : null}
      </div>
    </div>
  );
}
