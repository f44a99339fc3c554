import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Grid, Result, Space, Spin, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { publicApi, type TPublicTarget } from '../../api/public.api';
import { formatTime } from '../../app/locale';
import { DrawVerifyPanel } from '../inspection/draw-verify-panel';
import { STRATUM_COLORS, stratumLabel } from '../inspection/draw-data';

const PAGE_SIZE = 100;

function ResultCell({ r }: { r: TPublicTarget['result'] }) {
  if (!r) return <Typography.Text type="secondary">待检查</Typography.Text>;
  if (r.published)
    return (
      <span>
        {r.inspectedOn} 检查：{r.conclusion ?? '—'}（问题 {r.findings} 项）
      </span>
    );
  return r.overdue ? (
    <span className="overdue">
      {r.inspectedOn} 已检查，逾期未公示（应于 {r.publishBy} 前公示）
    </span>
  ) : (
    <span>
      {r.inspectedOn} 已检查，结果待公示（{r.publishBy} 前）
    </span>
  );
}

/** One public draw: the values to check, the drawn firms and inspectors by name, and each inspection's result. */
export function PublicDrawPage() {
  const id = Number(useParams().id);
  const isPhone = Grid.useBreakpoint().md === false;
  const [page, setPage] = useState(1);
  const detail = useQuery({ queryKey: ['public', 'draw', id, page], queryFn: () => publicApi.draw(id, page, PAGE_SIZE) });
  if (detail.isPending) return <Spin />;
  if (detail.isError) return <Result status="404" title="没有这条公开的抽取记录" extra={<Link to="/public/draws">返回公示列表</Link>} />;
  const { draw, targets, resultDays } = detail.data;

  const columns: TableColumnsType<TPublicTarget> = [
    { title: '序号', dataIndex: 'position', width: 64 },
    { title: '企业', dataIndex: 'enterpriseName' },
    { title: '镇街', dataIndex: 'divisionName', width: 100 },
    { title: '风险等级', key: 's', width: 96, render: (_, t) => <Tag color={STRATUM_COLORS[t.stratum]}>{stratumLabel(t.stratum)}</Tag> },
    { title: '执法人员', key: 'i', width: 160, render: (_, t) => t.inspectorNames.join('、') },
    { title: '检查结果', key: 'r', width: 300, render: (_, t) => <ResultCell r={t.result} /> },
  ];
  const phoneColumns: TableColumnsType<TPublicTarget> = [
    {
      title: '抽中企业',
      key: 'all',
      render: (_, t) => (
        <div className="cell-stack">
          <div className="cell-head">
            <span>
              {t.position}. {t.enterpriseName}
            </span>
            <Tag color={STRATUM_COLORS[t.stratum]}>{stratumLabel(t.stratum)}</Tag>
          </div>
          <span className="cell-sub">
            {t.divisionName} · 执法人员 {t.inspectorNames.join('、')}
          </span>
          <ResultCell r={t.result} />
        </div>
      ),
    },
  ];

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <div>
        <Link to="/public/draws">← 公示列表</Link>
        <Typography.Title level={4} style={{ marginTop: 8 }}>
          {draw.planTitle} · {draw.label}
        </Typography.Title>
        <Typography.Text type="secondary">
          {draw.body} · {draw.planYear} 年度
        </Typography.Text>
      </div>
      {draw.status === 'superseded' && (
        <Alert
          type="warning"
          showIcon
          message={
            <>
              本次抽取已作废，已重新抽取
              {draw.supersededBy && (
                <>
                  ：见 <Link to={`/public/draws/${draw.supersededBy}`}>抽取 #{draw.supersededBy}</Link>
                </>
              )}
            </>
          }
        />
      )}
      {draw.redrawOf && (
        <Alert
          type="info"
          showIcon
          message={
            <>
              本次为重新抽取（替代 <Link to={`/public/draws/${draw.redrawOf}`}>抽取 #{draw.redrawOf}</Link>），原因：{draw.redrawReason}
            </>
          }
        />
      )}
      {draw.correctionOf && (
        <Alert
          type="info"
          showIcon
          data-testid="draw-correction-of"
          message={
            <>
              本次为更正抽取，更正已公开的 <Link to={`/public/draws/${draw.correctionOf}`}>抽取 #{draw.correctionOf}</Link>
              （原抽取继续有效），更正原因：{draw.correctionReason}
            </>
          }
        />
      )}
      {draw.correctedBy && (
        <Alert
          type="info"
          showIcon
          data-testid="draw-corrected-by"
          message={
            <>
              本抽取已公开，后经 <Link to={`/public/draws/${draw.correctedBy}`}>抽取 #{draw.correctedBy}</Link> 更正；本抽取及其检查继续有效
            </>
          }
        />
      )}
      <Card size="small" title="抽取前公布的承诺">
        <Descriptions column={1} size="small" layout={isPhone ? 'vertical' : 'horizontal'}>
          <Descriptions.Item label="承诺时间">{formatTime(draw.committedAt)}</Descriptions.Item>
          <Descriptions.Item label="种子承诺值 SHA-256(种子)">
            <span className="public-hash">{draw.commitment}</span>
          </Descriptions.Item>
          <Descriptions.Item label={`候选企业名录哈希（${draw.candidateCount} 家）`}>
            <span className="public-hash">{draw.candidatesHash}</span>
          </Descriptions.Item>
          <Descriptions.Item label="执法人员名录哈希">
            <span className="public-hash">{draw.inspectorsHash}</span>
          </Descriptions.Item>
          <Descriptions.Item label="种子">
            {draw.seed ? (
              <span className="public-hash">{draw.seed}</span>
            ) : (
              <Typography.Text type="secondary">{draw.drawnAt ? '已抽取，公开时公布' : '抽取后公布'}</Typography.Text>
            )}
          </Descriptions.Item>
          {draw.publishedAt && <Descriptions.Item label="公开时间">{formatTime(draw.publishedAt)}</Descriptions.Item>}
        </Descriptions>
      </Card>
      {draw.publishedAt && (
        <Card size="small" title="自行复算">
          <DrawVerifyPanel drawId={id} load={() => publicApi.inputs(id)} inputsUrl={publicApi.inputsUrl(id)} />
        </Card>
      )}
      {draw.publishedAt ? (
        <Card
          size="small"
          title={`抽中企业（${draw.targetCount} 家）`}
          extra={<Typography.Text type="secondary">检查结果于检查后 {resultDays} 个工作日内公示</Typography.Text>}
        >
          <Table
            rowKey="position"
            size="small"
            dataSource={targets}
            columns={isPhone ? phoneColumns : columns}
            pagination={{
              current: page,
              pageSize: PAGE_SIZE,
              total: draw.targetCount,
              onChange: setPage,
              hideOnSinglePage: true,
              showSizeChanger: false,
            }}
          />
        </Card>
      ) : (
        <Card size="small">
          <Typography.Text type="secondary">抽取结果尚未公开。</Typography.Text>
          <Button type="link" href="/public/draws">
            查看其他公示
          </Button>
        </Card>
      )}
    </Space>
  );
}
