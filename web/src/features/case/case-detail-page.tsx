import { FileTextOutlined, FileWordOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import {
  CASE_PROCEDURE_LABELS,
  CASE_SOURCE_LABELS,
  EVIDENCE_KIND_LABELS,
  SERVICE_METHOD_LABELS,
  type TCaseDetail,
  type TEvidence,
  type TPayment,
} from '@yingji/domain/case/case.schema';
import { Button, Card, Descriptions, Empty, Image, List, Result, Space, Spin, Table, Tag, Timeline, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link, useParams } from 'react-router';
import { attachmentUrl } from '../../api/attachment.api';
import { caseApi } from '../../api/case.api';
import { formatTime } from '../../app/locale';
import { CaseActions } from './case-actions';
import { Execution } from './case-execution-card';
import { Violations } from './case-violations-card';
import { CASE_KEYS, ClockLine, StageTag, yuan } from './case-data';
import './case.css';

function Header({ d }: { d: TCaseDetail }) {
  const c = d.case;
  return (
    <Card variant="borderless" className="case-header-card">
      <div className="case-header-main">
        <div className="case-header-party">{c.partyName}</div>
        <Space wrap size={4}>
          <StageTag stage={c.stage} />
          <Tag>{CASE_PROCEDURE_LABELS[c.procedure]}</Tag>
          {c.legalReviewRequired && (
            <Tag color={c.legalReviewPassedAt ? 'green' : 'purple'}>{c.legalReviewPassedAt ? '法制审核已通过' : '须法制审核'}</Tag>
          )}
          {c.deliberationRequired && (
            <Tag color={c.deliberatedAt ? 'green' : 'magenta'}>{c.deliberatedAt ? '已集体讨论' : '须集体讨论'}</Tag>
          )}
          {c.hearingEligible && <Tag color="orange">可要求听证</Tag>}
          {c.hearingHeldOn && !c.decidedOn && (
            <Tag color={c.legalReviewPassedAt ? 'green' : 'purple'}>
              {c.legalReviewPassedAt ? '听证后已再次审核' : '听证后须再次法制审核'}
            </Tag>
          )}
        </Space>
        <div className="cell-sub">
          案号 <span className="mono">{c.caseNo ?? (c.procedure === 'simple' ? '简易程序，当场处罚不立案' : '（立案后编号）')}</span> ·
          办案机关 {c.divisionName ?? c.divisionCode} · 来源 {CASE_SOURCE_LABELS[c.sourceKind]}
          {c.sourceRef && c.sourceKind === 'accident' ? (
            <Link to={`/accidents/${c.sourceRef}`}> #{c.sourceRef}</Link>
          ) : c.sourceRef ? (
            ` #${c.sourceRef}`
          ) : (
            ''
          )}
        </div>
      </div>
      <div className="case-clocks" data-testid="case-clocks">
        <Typography.Text type="secondary">法定期限</Typography.Text>
        {c.clocks.length ? c.clocks.map((k) => <ClockLine key={k.kind} clock={k} />) : <span className="cell-sub">—</span>}
      </div>
    </Card>
  );
}

function Parties({ d }: { d: TCaseDetail }) {
  const c = d.case;
  return (
    <Card variant="borderless" title="当事人与案情">
      <Descriptions column={{ xs: 1, md: 2 }} size="small">
        {c.enterpriseId && (
          <Descriptions.Item label="当事单位">
            <Link to={`/enterprises/${c.enterpriseId}`}>{c.enterpriseName}</Link>
            {c.creditCode && <span className="cell-sub mono"> {c.creditCode}</span>}
          </Descriptions.Item>
        )}
        {c.personName && (
          <Descriptions.Item label="当事人">
            {c.personName}
            {c.personPosition ? `（${c.personPosition}）` : ''} <span className="mono cell-sub">{c.personIdNumber}</span>
          </Descriptions.Item>
        )}
        <Descriptions.Item label="违法行为发生日期">{c.occurredOn}</Descriptions.Item>
        <Descriptions.Item label="发现日期">{c.discoveredOn}</Descriptions.Item>
        <Descriptions.Item label="立案日期">{c.filedOn ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="追责时效">{c.harmsLifeOrHealth ? '五年（涉及生命健康安全）' : '二年'}</Descriptions.Item>
        <Descriptions.Item label="承办人" span={2}>
          {d.officers.map((o) => `${o.displayName}（执法证 ${o.certificateNo ?? '—'}）`).join('、')}
        </Descriptions.Item>
        <Descriptions.Item label="案情摘要" span={2}>
          {c.summary}
        </Descriptions.Item>
        {c.findings && (
          <Descriptions.Item label="调查认定的事实" span={2}>
            {c.findings}
          </Descriptions.Item>
        )}
        {c.hearingHeldOn && (
          <Descriptions.Item label={`听证笔录（${c.hearingHeldOn}）`} span={2}>
            {c.hearingRecord ?? '—'}
          </Descriptions.Item>
        )}
        {c.legalReviewOpinion && (
          <Descriptions.Item label="法制审核意见" span={2}>
            {c.legalReviewOpinion}
          </Descriptions.Item>
        )}
        {c.deliberationConclusion && (
          <Descriptions.Item label="集体讨论决定" span={2}>
            {c.deliberationConclusion}
          </Descriptions.Item>
        )}
        {c.statement && (
          <Descriptions.Item label="陈述申辩" span={2}>
            {c.statement}
          </Descriptions.Item>
        )}
        {c.withdrawnReason && (
          <Descriptions.Item label="撤销立案理由" span={2}>
            {c.withdrawnReason}
          </Descriptions.Item>
        )}
      </Descriptions>
    </Card>
  );
}

function Evidence({ d }: { d: TCaseDetail }) {
  return (
    <Card variant="borderless" title={`证据（${d.evidence.length}）`}>
      <List
        dataSource={d.evidence}
        locale={{ emptyText: '尚未收集证据' }}
        renderItem={(e: TEvidence) => (
          <List.Item>
            <Space align="start">
              {e.kind === 'photo' ? (
                <Image src={attachmentUrl(e.sha256)} width={56} height={56} style={{ objectFit: 'cover', borderRadius: 4 }} alt={e.title} />
              ) : (
                // a 书证 or 笔录 is often a PDF, which an <img> shows as a broken picture: a link opens it whatever it is
                <a href={attachmentUrl(e.sha256)} target="_blank" rel="noreferrer" aria-label={`打开${e.title}`} className="evidence-file">
                  <FileTextOutlined />
                </a>
              )}
              <div className="cell-stack">
                <span>
                  <Tag>{EVIDENCE_KIND_LABELS[e.kind]}</Tag>
                  {e.title}
                </span>
                <span className="cell-sub">
                  取证 {e.collectedOn} · 登记 {e.createdBy ?? '—'}
                </span>
                <span className="hash" title="SHA-256">
                  SHA-256 {e.sha256}
                </span>
              </div>
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}

function Documents({ d }: { d: TCaseDetail }) {
  return (
    <Card variant="borderless" title="执法文书">
      {d.documents.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="立案审批后生成《立案审批表》" />
      ) : (
        <List
          size="small"
          dataSource={d.documents}
          renderItem={(doc) => (
            <List.Item
              actions={[
                <Button key="dl" size="small" icon={<FileWordOutlined />} href={caseApi.documentUrl(d.case.id, doc.id)}>
                  下载
                </Button>,
              ]}
            >
              <div className="cell-stack">
                <span>{doc.kindLabel}</span>
                <span className="cell-sub">
                  <span className="mono">{doc.number ?? '—'}</span> · {doc.issuedOn}
                </span>
              </div>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

function Payments({ d }: { d: TCaseDetail }) {
  const c = d.case;
  if (!c.decidedOn) return null;
  const columns: TableColumnsType<TPayment> = [
    { title: '缴款日期', dataIndex: 'paidOn', width: 110 },
    { title: '罚款', align: 'right', render: (_, p) => yuan(p.principalFen) },
    {
      title: '加处罚款',
      align: 'right',
      render: (_, p) => (p.surchargeFen ? <span className="clock-late">{yuan(p.surchargeFen)}</span> : '—'),
    },
    { title: '票据号', dataIndex: 'receiptNo', render: (v: string | null) => v ?? '—' },
  ];
  return (
    <Card variant="borderless" title="罚款缴纳">
      <Descriptions column={{ xs: 1, md: 2 }} size="small" style={{ marginBottom: 8 }}>
        <Descriptions.Item label="决定罚款">{yuan(c.fineDecidedFen)}</Descriptions.Item>
        <Descriptions.Item label="已缴罚款">{yuan(c.finePaidFen)}</Descriptions.Item>
        <Descriptions.Item label="尚欠">
          {c.fineDecidedFen > c.finePaidFen ? <span className="clock-late">{yuan(c.fineDecidedFen - c.finePaidFen)}</span> : '已缴清'}
        </Descriptions.Item>
        <Descriptions.Item label="加处罚款（已缴）">{yuan(c.surchargeFen)}</Descriptions.Item>
        <Descriptions.Item label="送达">
          {c.servedOn ? `${c.servedOn}（${c.serviceMethod ? SERVICE_METHOD_LABELS[c.serviceMethod] : ''}）` : '未送达'}
        </Descriptions.Item>
        <Descriptions.Item label="缴款期限">{c.paymentDueOn ?? '—'}</Descriptions.Item>
      </Descriptions>
      {d.payments.length > 0 && <Table<TPayment> rowKey="id" size="small" pagination={false} columns={columns} dataSource={d.payments} />}
      {d.extensions.length > 0 && (
        <div className="cell-sub" style={{ marginTop: 8 }}>
          {d.extensions
            .map((e) => `延长办案期限 ${e.days} 天（${e.reason}，${e.approvedBy ?? ''} ${formatTime(e.approvedAt)}）`)
            .join('；')}
        </div>
      )}
    </Card>
  );
}

function Events({ d }: { d: TCaseDetail }) {
  return (
    <Card variant="borderless" title="办案进程">
      <Timeline
        items={[...d.events].reverse().map((e) => ({
          key: e.id,
          color: e.action === 'withdraw' ? 'red' : e.action === 'close' ? 'gray' : 'blue',
          children: (
            <div className="cell-stack">
              <span>
                <b>{e.actionLabel}</b> <span className="cell-sub">{e.actorName ?? ''}</span>
              </span>
              <span className="cell-sub">{formatTime(e.at)}</span>
              {e.note && <span>{e.note}</span>}
            </div>
          ),
        }))}
      />
    </Card>
  );
}

/** 案件详情: the header with its clocks, the record, and what this user may do now. */
export function CaseDetailPage() {
  const id = Number(useParams().id);
  const detail = useQuery({ queryKey: CASE_KEYS.detail(id), queryFn: () => caseApi.detail(id) });
  if (detail.isPending) return <Spin className="full-page-center" size="large" />;
  if (detail.isError) return <Result status="warning" title={(detail.error as Error).message} />;
  const d = detail.data;
  return (
    <div className="page">
      <div className="page-header">
        <Typography.Title level={4} className="page-title">
          案件详情
        </Typography.Title>
        <div className="page-actions">
          <Link to="/cases">返回案件台账</Link>
        </div>
      </div>
      <Header d={d} />
      <div className="case-grid" style={{ marginTop: 16 }}>
        <div>
          <Parties d={d} />
          <Violations d={d} />
          <Evidence d={d} />
          <Payments d={d} />
          <Execution d={d} />
        </div>
        <div>
          <CaseActions d={d} />
          <Documents d={d} />
          <Events d={d} />
        </div>
      </div>
    </div>
  );
}
