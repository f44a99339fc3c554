import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Collapse, Descriptions, Empty, Grid, Input, Result, Space, Spin, Steps, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { publicApi, type TPublicDraw, type TPublicTarget } from '../../api/public.api';
import { formatTime } from '../../app/locale';
import { DrawVerifyPanel } from '../inspection/draw-verify-panel';
import { STRATUM_COLORS, stratumLabel } from '../inspection/draw-data';

/** The contract allows 500 a page: one page holds a draw's targets, so the search covers all of them. */
const PAGE_SIZE = 500;

function ResultCell({ r }: { r: TPublicTarget['result'] }) {
  if (!r) return <Typography.Text type="secondary">尚未检查</Typography.Text>;
  if (r.published)
    return (
      <span>
        {r.inspectedOn} 已检查：{r.conclusion ?? '—'}（发现问题 {r.findings} 项）
      </span>
    );
  return r.overdue ? (
    <span className="overdue">
      {r.inspectedOn} 已检查，结果逾期未公示（应于 {r.publishBy} 前公示）
    </span>
  ) : (
    <span>
      {r.inspectedOn} 已检查，结果将于 {r.publishBy} 前公示
    </span>
  );
}

const matches = (t: TPublicTarget, q: string) => !q || t.enterpriseName.includes(q) || (t.divisionName ?? '').includes(q);

/** Where the draw stands, in the three public steps: the sealed promise, the draw, the publication. */
function DrawSteps({ draw, vertical }: { draw: TPublicDraw; vertical: boolean }) {
  const current = draw.publishedAt ? 2 : draw.drawnAt ? 1 : 0;
  return (
    <Steps
      size="small"
      direction={vertical ? 'vertical' : 'horizontal'}
      current={current}
      status={draw.publishedAt ? 'finish' : 'process'}
      items={[
        { title: '锁定名单并公布“密封”', description: formatTime(draw.committedAt) },
        { title: '随机抽取', description: draw.drawnAt ? formatTime(draw.drawnAt) : '尚未抽取' },
        { title: '向社会公开', description: draw.publishedAt ? formatTime(draw.publishedAt) : '尚未公开' },
      ]}
    />
  );
}

/** One public draw written for a citizen: what was drawn from which list, why it is fair, how to check it, the results. */
export function PublicDrawPage() {
  const id = Number(useParams().id);
  const isPhone = Grid.useBreakpoint().md === false;
  const [page, setPage] = useState(1);
  const [q, setQ] = useState('');
  const detail = useQuery({ queryKey: ['public', 'draw', id, page], queryFn: () => publicApi.draw(id, page, PAGE_SIZE) });
  const shown = useMemo(() => (detail.data?.targets ?? []).filter((t) => matches(t, q.trim())), [detail.data, q]);
  if (detail.isPending) return <Spin />;
  if (detail.isError) return <Result status="404" title="没有这条公开的抽查记录" extra={<Link to="/public/draws">返回抽查公示</Link>} />;
  const { draw, resultDays } = detail.data;
  const checked = detail.data.targets.filter((t) => t.result).length;

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
        <Link to="/public/draws">← 全部抽查公示</Link>
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

      <Card size="small" title="这次抽查抽了什么">
        <Typography.Paragraph>
          {draw.body}按照《{draw.planTitle}》（{draw.planYear} 年度检查计划），从本辖区 <b>{draw.candidateCount} 家</b>
          企业的检查名单中，随机抽取
          {draw.publishedAt ? (
            <>
              了 <b>{draw.targetCount} 家</b>企业接受安全生产检查
            </>
          ) : (
            '企业接受安全生产检查'
          )}
          ，并为每家企业随机选派至少两名执法人员。
          {draw.publishedAt && (
            <>
              {' '}
              目前已检查 {checked} 家，检查结果在检查后 {resultDays} 个工作日内在
              <a href="#targets">下方名单</a>中公示。
            </>
          )}
        </Typography.Paragraph>
        <DrawSteps draw={draw} vertical={isPhone} />
        <div className="public-meta">
          <Link to={`/public/draws?q=${encodeURIComponent(draw.planTitle)}&body=${encodeURIComponent(draw.body)}`}>同一计划的全部轮次</Link>
          <Link to="/public/case-decisions">行政处罚决定公开</Link>
        </div>
      </Card>

      <Card size="small" title="为什么说抽取是公平的">
        <ul className="public-list">
          <li>抽取之前，候选企业名单和执法人员名单就已锁定，并公布了名单的“指纹”：名单事后哪怕改动一个字，指纹就对不上。</li>
          <li>
            决定抽中谁的随机数，在抽取前就以“密封”的形式公布（只公布密封值，不公布内容），抽取公开时才揭开；揭开后任何人都能核对它没有被更换。
          </li>
          <li>名单和随机数一旦确定，按公开的算法谁来算结果都一样，没有人能挑选或剔除某一家企业。</li>
          <li>执法人员与被抽中企业有利害关系的，依法回避并重新随机选派。</li>
        </ul>
      </Card>

      <Card size="small" title="怎样自己核对">
        {draw.publishedAt ? (
          <Typography.Paragraph style={{ marginBottom: 0 }}>
            展开下方“技术验证”，点击“在浏览器中复算验证”：您的浏览器会下载本次抽取的全部输入，自己重新计算一遍，并与公布的结果逐项比对，不需要登录，也不经过我们的服务器计算。
            技术人员还可以下载输入数据，用公开的算法独立复算。
          </Typography.Paragraph>
        ) : (
          <Typography.Paragraph style={{ marginBottom: 0 }}>
            抽取结果公开后，任何人都可以在本页一键复算核对。现在可以先记下下方“技术验证”中的密封值和名单指纹，公开后比对是否一致。
          </Typography.Paragraph>
        )}
      </Card>

      <Collapse
        data-testid="public-tech"
        items={[
          {
            key: 'tech',
            label: '技术验证（随机种子、哈希值与复算方法）',
            children: (
              <Space direction="vertical" size={12} style={{ width: '100%' }}>
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
                {draw.publishedAt && <DrawVerifyPanel drawId={id} load={() => publicApi.inputs(id)} inputsUrl={publicApi.inputsUrl(id)} />}
              </Space>
            ),
          },
        ]}
      />

      {draw.publishedAt ? (
        <Card
          id="targets"
          size="small"
          title={`抽中企业（${draw.targetCount} 家）`}
          extra={!isPhone && <Typography.Text type="secondary">检查结果于检查后 {resultDays} 个工作日内公示</Typography.Text>}
        >
          <Input.Search
            allowClear
            placeholder="按企业名称或镇街查找"
            aria-label="按企业名称或镇街查找"
            onChange={(e) => setQ(e.target.value)}
            onSearch={setQ}
            style={{ maxWidth: 360, marginBottom: 12 }}
            data-testid="public-target-search"
          />
          {shown.length === 0 && q.trim() ? (
            <Empty description={`本次抽查没有名称或镇街含“${q.trim()}”的企业`} />
          ) : (
            <Table
              rowKey="position"
              size="small"
              dataSource={shown}
              columns={isPhone ? phoneColumns : columns}
              pagination={
                q.trim()
                  ? false
                  : {
                      current: page,
                      pageSize: PAGE_SIZE,
                      total: draw.targetCount,
                      onChange: setPage,
                      hideOnSinglePage: true,
                      showSizeChanger: false,
                    }
              }
            />
          )}
        </Card>
      ) : (
        <Card size="small">
          <Typography.Text type="secondary">抽取结果尚未公开，公开后这里列出抽中的企业和每家的检查结果。</Typography.Text>{' '}
          <Link to="/public/draws">查看其他公示</Link>
        </Card>
      )}
    </Space>
  );
}
