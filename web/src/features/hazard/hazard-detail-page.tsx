import { FilePdfOutlined, FileWordOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import {
  HAZARD_ACTION_LABELS,
  HAZARD_CATEGORY_LABELS,
  HAZARD_LEVEL_LABELS,
  HAZARD_SOURCE_LABELS,
  HAZARD_STATE_LABELS,
  type THazardAction,
  type THazardDetail,
  type THazardState,
} from '@yingji/domain';
import { Button, Card, Descriptions, Empty, Image, Result, Spin, Tag, Timeline, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { attachmentUrl } from '../../api/attachment.api';
import { hazardApi } from '../../api/hazard.api';
import { useCan, useCurrentMe } from '../../app/auth';
import { formatTime } from '../../app/locale';
import { fenToYuan, HAZARD_KEYS, HazardTags, STATE_COLORS } from './hazard-data';
import { HazardActionPanel } from './hazard-action-panel';
import '../inspection/inspection-styles.css';
import './hazard.css';

export function Thumbs({ hashes, alt = '照片' }: { hashes: string[]; alt?: string }) {
  if (hashes.length === 0) return null;
  return (
    <Image.PreviewGroup>
      <div className="photo-upload">
        {hashes.map((h) => (
          <Image key={h} src={attachmentUrl(h)} width={72} height={72} style={{ objectFit: 'cover', borderRadius: 6 }} alt={alt} />
        ))}
      </div>
    </Image.PreviewGroup>
  );
}

const EXTENSION_STATUS = {
  pending: { label: '待审批', color: 'gold' },
  approved: { label: '已批准', color: 'green' },
  rejected: { label: '已驳回', color: 'red' },
} as const;
const actionLabel = (a: string): string => HAZARD_ACTION_LABELS[a as THazardAction] ?? (a === 'create' ? '登记隐患' : a);
const stateLabel = (s: string | null): string => (s ? (HAZARD_STATE_LABELS[s as THazardState] ?? s) : '');

function PlanCard({ h }: { h: THazardDetail }) {
  if (!h.plan && h.level !== 'major') return null;
  const p = h.plan;
  return (
    <Card variant="borderless" title="整改方案（五到位）" className="hazard-section">
      {p ? (
        <Descriptions column={1} size="small" className="hazard-desc">
          <Descriptions.Item label="整改措施">{p.measures || <Tag>未填</Tag>}</Descriptions.Item>
          <Descriptions.Item label="整改资金">{p.fundsFen == null ? <Tag>未填</Tag> : fenToYuan(p.fundsFen)}</Descriptions.Item>
          <Descriptions.Item label="完成时限">{p.deadline || <Tag>未填</Tag>}</Descriptions.Item>
          <Descriptions.Item label="责任人">{p.responsiblePerson || <Tag>未填</Tag>}</Descriptions.Item>
          <Descriptions.Item label="应急预案">{p.contingency || <Tag>未填</Tag>}</Descriptions.Item>
        </Descriptions>
      ) : (
        <Empty description='重大隐患尚未填报整改方案（须"五到位"）' />
      )}
    </Card>
  );
}

/** One hazard: state and deadline first, the facts and photos, the 五到位 plan, the action panel, extensions and the timeline. */
export function HazardDetailPage() {
  const id = Number(useParams().id);
  const me = useCurrentMe();
  const can = useCan();
  const detail = useQuery({ queryKey: HAZARD_KEYS.detail(id), queryFn: () => hazardApi.detail(id) });
  if (detail.isPending) return <Spin className="full-page-center" size="large" />;
  if (detail.isError) {
    return (
      <Result
        status="warning"
        title={(detail.error as Error).message}
        extra={
          <Link to="/hazards">
            <Button type="primary" size="large">
              返回{me.user.role === 'enterprise_user' ? '本企业隐患' : '隐患台账'}
            </Button>
          </Link>
        }
      />
    );
  }
  const h = detail.data;
  const isEnterprise = me.user.role === 'enterprise_user';
  const transitions = [...h.transitions].sort((a, b) => b.at.localeCompare(a.at));

  return (
    <div className="page hazard-page">
      <div className="page-header">
        <Typography.Title level={4} className="page-title">
          {h.orderNo ?? `隐患登记 ${h.id} 号`}
        </Typography.Title>
        {can('case.handle') && h.state !== 'found' && (
          // 安全生产法 art. 102: a hazard not eliminated is fined; the case starts from this hazard.
          <Link to={`/cases/new?source=hazard&ref=${h.id}&enterpriseId=${h.enterpriseId}`}>
            <Button>立案查处</Button>
          </Link>
        )}
      </div>
      <Card variant="borderless" className={`hazard-section hazard-head hazard-head-${h.overdue ? 'overdue' : h.state}`}>
        <HazardTags h={h} />
        <div className="hazard-head-title">{h.description}</div>
        <div className="hazard-head-line">
          <span>{HAZARD_LEVEL_LABELS[h.level]}</span>
          <span className={h.overdue ? 'hazard-overdue' : undefined}>
            整改期限 <strong className="mono">{h.deadline}</strong>
            {h.overdue && '（已逾期）'}
          </span>
          {h.closedAt && <span>销号于 {formatTime(h.closedAt)}</span>}
        </div>
      </Card>
      <HazardActionPanel detail={h} />
      <Card variant="borderless" title="隐患情况" className="hazard-section">
        <Descriptions column={{ xs: 1, md: 2 }} size="small" className="hazard-desc">
          <Descriptions.Item label="企业">
            {isEnterprise ? h.enterpriseName : <Link to={`/enterprises/${h.enterpriseId}`}>{h.enterpriseName}</Link>}
          </Descriptions.Item>
          <Descriptions.Item label="镇街">{h.townName ?? h.divisionCode}</Descriptions.Item>
          <Descriptions.Item label="隐患来源">
            {HAZARD_SOURCE_LABELS[h.source]}
            {h.inspectionId && !isEnterprise && (
              <Link to={`/inspections/${h.inspectionId}`} style={{ marginLeft: 12 }}>
                查看检查记录
              </Link>
            )}
          </Descriptions.Item>
          <Descriptions.Item label="隐患类别">{HAZARD_CATEGORY_LABELS[h.category]}</Descriptions.Item>
          <Descriptions.Item label="隐患等级" span={2}>
            {h.level === 'major' ? <Tag color="volcano">重大隐患</Tag> : '一般隐患'}
            {h.criterion && (
              <span className="cell-sub">
                判定依据：{h.criterion.code} {h.criterion.title}
              </span>
            )}
          </Descriptions.Item>
          <Descriptions.Item label="隐患部位" span={2}>
            {h.location}
          </Descriptions.Item>
          <Descriptions.Item label="隐患描述" span={2}>
            {h.description}
          </Descriptions.Item>
          <Descriptions.Item label="发现日期">{h.foundOn}</Descriptions.Item>
          <Descriptions.Item label="发现人">{h.foundBy}</Descriptions.Item>
          <Descriptions.Item label="整改责任人">{h.responsiblePerson}</Descriptions.Item>
          <Descriptions.Item label="整改期限">{h.deadline}</Descriptions.Item>
          {h.orderNo && (
            <Descriptions.Item label="整改指令书" span={2}>
              <a href={hazardApi.orderDocxUrl(h.id)}>
                <FileWordOutlined /> {h.orderNo}
              </a>
            </Descriptions.Item>
          )}
          {h.campaigns.length > 0 && (
            <Descriptions.Item label="专项行动" span={2}>
              {h.campaigns.map((c) => (
                <Tag key={c.id} color="geekblue">
                  {c.name}
                </Tag>
              ))}
            </Descriptions.Item>
          )}
          {h.submittedByName && <Descriptions.Item label="整改提交人">{h.submittedByName}</Descriptions.Item>}
          {h.closedByName && <Descriptions.Item label="销号人">{h.closedByName}</Descriptions.Item>}
        </Descriptions>
        {h.photos.length > 0 && (
          <div className="hazard-photos">
            <div className="cell-sub">现场照片</div>
            <Thumbs hashes={h.photos} alt="隐患现场照片" />
          </div>
        )}
      </Card>
      <PlanCard h={h} />
      {h.extensions.length > 0 && (
        <Card variant="borderless" title="延期申请" className="hazard-section">
          {h.extensions.map((e) => (
            <div key={e.id} className="hazard-extension">
              <div>
                <Tag color={EXTENSION_STATUS[e.status].color}>{EXTENSION_STATUS[e.status].label}</Tag>
                {e.previousDeadline} → <strong>{e.requestedDeadline}</strong>
              </div>
              <div>理由：{e.reason}</div>
              <div className="cell-sub">
                {e.requestedByName ?? '—'} 申请于 {formatTime(e.requestedAt)}
                {e.decidedAt && `；${e.decidedByName ?? '—'} 审批于 ${formatTime(e.decidedAt)}`}
                {e.decisionNote && `：${e.decisionNote}`}
              </div>
            </div>
          ))}
        </Card>
      )}
      <Card variant="borderless" title="处理记录" className="hazard-section">
        {transitions.length === 0 ? (
          <Empty description="暂无处理记录" />
        ) : (
          <Timeline
            items={transitions.map((t) => ({
              key: t.id,
              color: STATE_COLORS[t.toState as THazardState] === 'default' ? 'gray' : t.toState === 'closed' ? 'green' : 'blue',
              content: (
                <div className="hazard-step">
                  <div className="hazard-step-head">
                    <strong>{actionLabel(t.action)}</strong>
                    {t.fromState !== t.toState && <Tag>{stateLabel(t.toState)}</Tag>}
                    <span className="cell-sub">
                      {t.actorName ?? '—'} · {formatTime(t.at)}
                    </span>
                  </div>
                  {t.deadline && (
                    <div className="cell-sub">
                      {t.action === 'request_extension' ? '申请延至' : t.action === 'approve_extension' ? '期限延至' : '整改期限'}：
                      {t.deadline}
                    </div>
                  )}
                  {t.note && <div className="hazard-step-note">{t.note}</div>}
                  <Thumbs hashes={t.photos} alt="整改照片" />
                  {t.documents.length > 0 && (
                    <div className="hazard-docs">
                      {t.documents.map((d, n) => (
                        <a key={d} href={attachmentUrl(d)} target="_blank" rel="noreferrer" className="hazard-doc">
                          <FilePdfOutlined /> 材料 {n + 1}
                        </a>
                      ))}
                    </div>
                  )}
                </div>
              ),
            }))}
          />
        )}
      </Card>
    </div>
  );
}
