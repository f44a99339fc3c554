import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Empty, Pagination, Result, Spin, Typography } from 'antd';
import { useState } from 'react';
import { caseExchangeApi } from '../../api/case.api';

/** 行政处罚决定公示 (双公示): every decision due for disclosure, newest first, without an account; CSV for download. */
export function PublicDecisionsPage() {
  const [page, setPage] = useState(1);
  const list = useQuery({ queryKey: ['public', 'case-decisions', page], queryFn: () => caseExchangeApi.publicDecisions(page) });
  if (list.isError) return <Result status="warning" title="暂时无法读取公示信息" subTitle="请稍后再试。" />;
  return (
    <div>
      <div className="public-card-head" style={{ alignItems: 'center', marginBottom: 8 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          行政处罚决定公示
        </Typography.Title>
        <Button icon={<DownloadOutlined />} href={caseExchangeApi.publicCsvUrl}>
          下载 CSV
        </Button>
      </div>
      <Typography.Paragraph type="secondary">
        行政许可和行政处罚等信用信息公示（双公示）。自然人当事人的姓名已部分隐去。
      </Typography.Paragraph>
      {list.isPending ? (
        <Spin />
      ) : list.data.items.length === 0 ? (
        <Empty description="暂无公示的处罚决定" />
      ) : (
        <div style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
          {list.data.items.map((d) => (
            <Card key={d.decisionNo} size="small" data-testid="public-decision">
              <div className="public-card-head">
                <Typography.Text strong>{d.partyName}</Typography.Text>
                <span className="mono">{d.decisionNo}</span>
              </div>
              <div className="public-meta">
                {d.creditCode && <span>统一社会信用代码 {d.creditCode}</span>}
                <span>{d.body}</span>
                <span>决定日期 {d.decidedOn}</span>
              </div>
              {d.violations.map((v) => (
                <div key={v.title} style={{ marginTop: 6 }}>
                  <div>{v.title}</div>
                  <Typography.Text type="secondary">
                    违反 {v.violatedProvision}；依据 {v.penaltyProvision}
                  </Typography.Text>
                </div>
              ))}
              <div style={{ marginTop: 6 }}>处罚内容：{d.penalty}</div>
            </Card>
          ))}
          <Pagination current={page} total={list.data.total} pageSize={20} onChange={setPage} showSizeChanger={false} hideOnSinglePage />
        </div>
      )}
    </div>
  );
}
