import { ArrowLeftOutlined, EditOutlined, SwapOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';

import { SUPERVISING_LEVEL_LABELS } from '@yingji/domain/enterprise/enterprise.schema';
import { Button, Card, Col, Descriptions, Grid, Result, Row, Space, Spin, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { isApiError } from '../../api/client';
import { enterpriseApi } from '../../api/enterprise.api';
import { useCan } from '../../app/auth';
import { formatTime } from '../../app/locale';
import { EnterpriseActionModal, statusActions, type TEnterpriseAction } from './enterprise-actions';
import { categoryLabel, ENTERPRISE_KEYS } from './enterprise-data';
import { EnterpriseFormDrawer } from './enterprise-form-drawer';
import { RegistrationStatusTag, SpecialTags, SupervisionStatusTag } from './enterprise-tags';
import { RiskColourTag } from '../risk/risk-data';
import { RiskPanel } from '../risk/risk-panel';
import { EnterpriseHazardsPanel } from '../hazard/enterprise-hazards-panel';
import './enterprise.css';
import { dash, History, Licences } from './enterprise-detail-sections';
import { FirmInspections, FirmTimeline } from './enterprise-timeline';

export function EnterpriseDetailPage() {
  const { id } = useParams();
  const firmId = Number(id);
  const navigate = useNavigate();
  const can = useCan();
  const isPhone = Grid.useBreakpoint().md === false;
  const [editing, setEditing] = useState(false);
  const [action, setAction] = useState<TEnterpriseAction | null>(null);

  const detail = useQuery({
    queryKey: ENTERPRISE_KEYS.detail(firmId),
    queryFn: () => enterpriseApi.detail(firmId),
    enabled: Number.isInteger(firmId) && firmId > 0,
  });
  if (detail.isPending && detail.fetchStatus !== 'idle') return <Spin className="full-page-center" size="large" />;
  if (!detail.data) {
    const notFound = !detail.error || (isApiError(detail.error) && detail.error.status === 404);
    return (
      <Result
        status={notFound ? '404' : 'error'}
        title={notFound ? '企业不存在' : '无法读取企业信息'}
        subTitle={notFound ? '该企业不存在，或不在您的数据范围内。' : (detail.error as Error).message}
        extra={
          <Button type="primary" onClick={() => void navigate('/enterprises')}>
            返回企业台账
          </Button>
        }
      />
    );
  }

  // back to the list as it was (its filters live in the address), or to the list when opened directly
  const goBack = () => ((window.history.state as { idx?: number } | null)?.idx ? void navigate(-1) : void navigate('/enterprises'));
  const { enterprise: e, supervisingBody, licences, history } = detail.data;
  const mayChange = detail.data.can.change && can('enterprise.manage');

  const basicCard = (
    <Card variant="borderless" title="基本信息">
      <Descriptions column={isPhone ? 1 : 2} size="small" bordered={!isPhone} styles={{ label: { width: isPhone ? undefined : 150 } }}>
        <Descriptions.Item label="统一社会信用代码">
          <span className="mono">{e.creditCode}</span>
        </Descriptions.Item>
        <Descriptions.Item label="所属镇街">{e.divisionName ?? e.divisionCode}</Descriptions.Item>
        <Descriptions.Item label="曾用名" span={isPhone ? 1 : 2}>
          <span data-testid="former-names">{e.formerNames.length > 0 ? e.formerNames.join('、') : '—'}</span>
        </Descriptions.Item>
        <Descriptions.Item label="监管类别">{categoryLabel(e.supervisionCategory)}</Descriptions.Item>
        <Descriptions.Item label="监管层级">{SUPERVISING_LEVEL_LABELS[e.supervisingLevel]}</Descriptions.Item>
        <Descriptions.Item label="特殊标签" span={isPhone ? 1 : 2}>
          <SpecialTags tags={e.tags} />
        </Descriptions.Item>
        <Descriptions.Item label="住所" span={isPhone ? 1 : 2}>
          {dash(e.address)}
        </Descriptions.Item>
        <Descriptions.Item label="法定代表人">{dash(e.legalRepresentative)}</Descriptions.Item>
        <Descriptions.Item label="国民经济行业代码">{dash(e.industryCode)}</Descriptions.Item>
        <Descriptions.Item label="主要负责人">
          {dash(e.principalName)}
          {e.principalPhone ? `（${e.principalPhone}）` : ''}
        </Descriptions.Item>
        <Descriptions.Item label="安全管理人员">
          {dash(e.safetyManagerName)}
          {e.safetyManagerPhone ? `（${e.safetyManagerPhone}）` : ''}
        </Descriptions.Item>
        <Descriptions.Item label="从业人数">{dash(e.employees)}</Descriptions.Item>
        <Descriptions.Item label="规模">{e.aboveScale === null ? '—' : e.aboveScale ? '规模以上' : '规模以下'}</Descriptions.Item>
        <Descriptions.Item label="坐标">
          {e.longitude !== null && e.latitude !== null ? `${e.longitude}, ${e.latitude}` : '—'}
        </Descriptions.Item>
        <Descriptions.Item label="更新时间">
          <span className="mono">{formatTime(e.updatedAt)}</span>
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
  const licenceCard = (
    <Card variant="borderless" title="许可证" className="detail-card">
      <Licences licences={licences} />
    </Card>
  );
  const historyCard = (
    <Card variant="borderless" title="变更记录" className="detail-card" extra={<span className="cell-sub">来自审计日志</span>}>
      <History history={history} />
    </Card>
  );
  const bodyCard = (
    <Card variant="borderless" title="监管主体" className={isPhone ? 'detail-card' : undefined}>
      <div className="supervising-body" data-testid="supervising-body">
        {supervisingBody}
      </div>
      <div className="cell-sub">
        {SUPERVISING_LEVEL_LABELS[e.supervisingLevel]}监管 · {categoryLabel(e.supervisionCategory)}（依市镇两级执法权责清单）
      </div>
    </Card>
  );
  const riskCard = can('risk.read') ? <RiskPanel enterpriseId={e.id} /> : null;
  const hazardCard = can('hazard.read') ? <EnterpriseHazardsPanel enterpriseId={e.id} /> : null;
  const timelineCard = <FirmTimeline enterpriseId={e.id} first={detail.data.timeline} />;
  const inspectionCard = <FirmInspections enterpriseId={e.id} creditCode={e.creditCode} />;

  return (
    <div className="page">
      <div className="page-header">
        <div className="detail-title">
          <Button type="text" icon={<ArrowLeftOutlined />} aria-label="返回" onClick={goBack} />
          <Typography.Title level={4} className="page-title" data-testid="enterprise-name">
            {e.name}
          </Typography.Title>
          <Space size={4} wrap>
            {e.riskColour && <RiskColourTag colour={e.riskColour} long />}
            <SupervisionStatusTag status={e.supervisionStatus} />
            <RegistrationStatusTag status={e.registrationStatus} />
          </Space>
        </div>
        {mayChange && (
          <div className="page-actions">
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
              编辑
            </Button>
            {statusActions(e.supervisionStatus).map((a) => (
              <Button key={a.title} danger={a.danger} onClick={() => setAction({ kind: 'status', status: a.status, title: a.title })}>
                {a.title}
              </Button>
            ))}
            <Button icon={<SwapOutlined />} onClick={() => setAction({ kind: 'transfer' })}>
              属地变更
            </Button>
          </div>
        )}
      </div>
      {isPhone ? (
        <div className="detail-stack">
          {basicCard}
          {bodyCard}
          {riskCard}
          {hazardCard}
          {inspectionCard}
          {timelineCard}
          {licenceCard}
          {historyCard}
        </div>
      ) : (
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={16}>
            {basicCard}
            {timelineCard}
            {licenceCard}
            {historyCard}
          </Col>
          <Col xs={24} xl={8}>
            {bodyCard}
            {riskCard}
            {hazardCard}
            {inspectionCard}
          </Col>
        </Row>
      )}
      <EnterpriseFormDrawer open={editing} detail={detail.data} onClose={() => setEditing(false)} />
      <EnterpriseActionModal firm={e} action={action} onClose={() => setAction(null)} />
    </div>
  );
}
