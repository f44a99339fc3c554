import { useQuery } from '@tanstack/react-query';
import { DRAW_STATUS_LABELS } from '@yingji/domain/inspection/draw.schema';
import { Card, Empty, Input, Pagination, Result, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { publicApi, type TPublicDraw } from '../../api/public.api';
import { formatTime } from '../../app/locale';

const PUBLIC_STATUS = (d: TPublicDraw): { label: string; color: string } =>
  d.status === 'superseded'
    ? { label: DRAW_STATUS_LABELS.superseded, color: 'default' }
    : d.publishedAt
      ? { label: '已公开', color: 'green' }
      : d.drawnAt
        ? { label: '已抽取，待公开', color: 'blue' }
        : { label: '待抽取', color: 'gold' };

/** What a draw is, in one sentence a citizen reads. */
const summary = (d: TPublicDraw): string =>
  d.publishedAt
    ? `从 ${d.candidateCount} 家企业中随机抽中 ${d.targetCount} 家接受检查`
    : d.drawnAt
      ? `已从 ${d.candidateCount} 家企业中随机抽取，结果即将公开`
      : `将从 ${d.candidateCount} 家企业中随机抽取，名单已锁定`;

/** 双随机抽查公示: every draw of an approved plan, newest first, searchable by plan, town or a drawn firm's name. */
export function PublicDrawsPage() {
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  // “同一计划的全部轮次”: every body names its plan alike, so the link carries the body too (one plan's rounds fit a page)
  const body = params.get('body') ?? '';
  const [page, setPage] = useState(1);
  const draws = useQuery({ queryKey: ['public', 'draws', page, q], queryFn: () => publicApi.draws(page, q, body ? 100 : 20) });
  const items = (draws.data?.items ?? []).filter((d) => !body || d.body === body);
  const search = (value: string) => {
    setPage(1);
    setParams(value.trim() ? { q: value.trim() } : {}, { replace: true });
  };
  if (draws.isError) return <Result status="warning" title="暂时无法读取公示信息" subTitle="请稍后再试。" />;
  return (
    <div>
      <Typography.Title level={4}>双随机抽查公示</Typography.Title>
      <Typography.Paragraph type="secondary">
        应急管理部门每年按计划，从企业名单中<b>随机抽取</b>检查对象、<b>随机选派</b>执法人员，抽查情况和查处结果<b>向社会公开</b>
        （国办发〔2015〕58号）。抽取前名单即锁定，抽取公开后任何人都可以在抽查页面一键核对结果没有被人为挑选。
      </Typography.Paragraph>
      <Input.Search
        key={q}
        defaultValue={q}
        allowClear
        enterButton="查找"
        placeholder="企业名称、镇街或计划名称"
        aria-label="按企业名称、镇街或计划名称查找"
        onSearch={search}
        style={{ maxWidth: 420, marginBottom: 16 }}
        data-testid="public-draw-search"
      />
      {draws.isPending ? (
        <Spin />
      ) : items.length === 0 ? (
        <Empty description={q ? `没有找到与“${q}”有关的抽查（企业名称只在抽取公开后可查）` : '暂无公示的抽查'} />
      ) : (
        <div className="card-list" style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
          {q && (
            <Typography.Text type="secondary">
              {body ? `${body}《${q}》的抽查 ${items.length} 次` : `与“${q}”有关的抽查 ${draws.data.total} 次`}
            </Typography.Text>
          )}
          {items.map((d) => {
            const status = PUBLIC_STATUS(d);
            return (
              <Card key={d.id} size="small" data-testid="public-draw">
                <div className="public-card-head">
                  <Link to={`/public/draws/${d.id}`}>
                    <Typography.Text strong>
                      {d.planTitle} · {d.label}
                    </Typography.Text>
                  </Link>
                  <Tag color={status.color}>{status.label}</Tag>
                </div>
                <div style={{ marginTop: 6 }}>{summary(d)}</div>
                <div className="public-meta">
                  <span>{d.body}</span>
                  <span>候选企业 {d.candidateCount} 家</span>
                  {d.publishedAt && <span>抽中 {d.targetCount} 家</span>}
                  <span>名单锁定于 {formatTime(d.committedAt)}</span>
                </div>
                <div className="public-meta">
                  <Link to={`/public/draws/${d.id}`}>{d.publishedAt ? '查看抽中企业和检查结果' : '查看抽查详情'}</Link>
                  <Link
                    to={`/public/draws?q=${encodeURIComponent(d.planTitle)}&body=${encodeURIComponent(d.body)}`}
                    onClick={() => setPage(1)}
                  >
                    同一计划的全部轮次
                  </Link>
                </div>
                {d.redrawReason && <div className="public-meta">重新抽取原因：{d.redrawReason}</div>}
                {d.correctionOf && (
                  <div className="public-meta">
                    <span>
                      更正 <Link to={`/public/draws/${d.correctionOf}`}>抽取 #{d.correctionOf}</Link>（原抽取继续有效），更正原因：
                      {d.correctionReason}
                    </span>
                  </div>
                )}
                {d.correctedBy && (
                  <div className="public-meta">
                    <span>
                      已由 <Link to={`/public/draws/${d.correctedBy}`}>抽取 #{d.correctedBy}</Link> 更正
                    </span>
                  </div>
                )}
              </Card>
            );
          })}
          <Pagination current={page} pageSize={body ? 100 : 20} total={draws.data.total} onChange={setPage} hideOnSinglePage size="small" />
        </div>
      )}
    </div>
  );
}
