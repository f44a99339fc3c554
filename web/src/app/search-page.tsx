import { SearchOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Empty, Input, List, Skeleton, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { searchApi } from '../api/workbench.api';

/** The global search: what each module finds for the words, within the user's permissions and division. */
export function SearchPage() {
  const [params, setParams] = useSearchParams();
  const q = (params.get('q') ?? '').trim();
  const result = useQuery({ queryKey: ['search', q], queryFn: () => searchApi.search(q), enabled: q.length > 0 });

  return (
    <div className="page">
      <Typography.Title level={4}>全局搜索</Typography.Title>
      <Input.Search
        key={q}
        defaultValue={q}
        allowClear
        enterButton={<SearchOutlined />}
        maxLength={50}
        placeholder="企业名称、统一社会信用代码、隐患描述、案件编号、事故名称"
        aria-label="搜索内容"
        onSearch={(value) => setParams(value.trim() ? { q: value.trim() } : {})}
        style={{ maxWidth: 560, marginBottom: 16 }}
      />
      {!q && <Empty description="输入企业名称、信用代码、隐患、案件或事故的关键词" />}
      {result.isError && <Alert type="error" showIcon message={(result.error as Error).message} />}
      {result.isLoading && <Skeleton active />}
      {result.data && result.data.groups.length === 0 && <Empty description={`没有找到与“${q}”有关的记录`} />}
      {result.data?.groups.map((g) => (
        <Card
          key={g.key}
          size="small"
          title={`${g.title}（${g.total}）`}
          extra={g.total > g.hits.length ? <Link to={g.moreHref}>查看全部 {g.total} 条</Link> : null}
          style={{ marginBottom: 12 }}
          data-testid={`search-group-${g.key}`}
        >
          <List
            dataSource={g.hits}
            renderItem={(hit) => (
              <List.Item>
                <List.Item.Meta title={<Link to={hit.href}>{hit.title}</Link>} description={hit.subtitle} />
              </List.Item>
            )}
          />
        </Card>
      ))}
    </div>
  );
}
