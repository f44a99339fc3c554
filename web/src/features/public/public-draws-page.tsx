import { useQuery } from '@tanstack/react-query';
import { DRAW_STATUS_LABELS } from '@yingji/domain/inspection/draw.schema';
import { Card, Empty, Pagination, Result, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { publicApi, type TPublicDraw } from '../../api/public.api';
import { formatTime } from '../../app/locale';

const PUBLIC_STATUS = (d: TPublicDraw): { label: string; color: string } =>
  d.status === 'superseded'
    ? { label: DRAW_STATUS_LABELS.superseded, color: 'default' }
    : d.publishedAt
      ? { label: '已公开', color: 'green' }
      : d.drawnAt
        ? { label: '已抽取，待公开', color: 'blue' }
        : { label: '已公布承诺，待抽取', color: 'gold' };

/** 双随机抽取公示: every draw of an approved plan, newest first; its commitment from the moment it is made. */
export function PublicDrawsPage() {
  const [page, setPage] = useState(1);
  const draws = useQuery({ queryKey: ['public', 'draws', page], queryFn: () => publicApi.draws(page) });
  if (draws.isError) return <Result status="warning" title="暂时无法读取公示信息" subTitle="请稍后再试。" />;
  return (
    <div>
      <Typography.Title level={4}>双随机抽查公示</Typography.Title>
      <Typography.Paragraph type="secondary">
        随机抽取检查对象、随机选派执法检查人员，抽查情况及查处结果向社会公开（国办发〔2015〕58号）。每次抽取前先公布随机种子的 SHA-256
        承诺值和候选名录哈希，抽取公开后可下载全部输入，在本页或命令行复算核对。
      </Typography.Paragraph>
      {draws.isPending ? (
        <Spin />
      ) : draws.data.items.length === 0 ? (
        <Empty description="暂无公示的抽取" />
      ) : (
        <div className="card-list" style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
          {draws.data.items.map((d) => {
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
                <div className="public-meta">
                  <span>{d.body}</span>
                  <span>承诺时间 {formatTime(d.committedAt)}</span>
                  <span>候选企业 {d.candidateCount} 家</span>
                  {d.publishedAt && <span>抽中 {d.targetCount} 家</span>}
                </div>
                <div className="public-meta">
                  <span className="public-hash">承诺值 {d.commitment}</span>
                </div>
                {d.redrawReason && <div className="public-meta">重新抽取原因：{d.redrawReason}</div>}
                {d.correctionOf && (
                  <div className="public-meta">
                    更正抽取 #{d.correctionOf}（原抽取继续有效），更正原因：{d.correctionReason}
                  </div>
                )}
                {d.correctedBy && <div className="public-meta">已由抽取 #{d.correctedBy} 更正</div>}
              </Card>
            );
          })}
          <Pagination current={page} pageSize={20} total={draws.data.total} onChange={setPage} hideOnSinglePage size="small" />
        </div>
      )}
    </div>
  );
}
