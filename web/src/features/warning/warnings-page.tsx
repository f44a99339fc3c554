import { ApartmentOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import type { TWarning } from '@yingji/domain/warning/warning.schema';
import { Button, Card, Progress, Segmented, Space, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { WARNING_KEYS, warningApi } from '../../api/warning.api';
import { useCan } from '../../app/auth';
import { formatTime } from '../../app/locale';
import { SOURCE_LABELS, WarningTag } from './warning-data';

/** 预警叫应: the warnings, newest first, with how many on the chain have answered. */
export function WarningsPage() {
  const [params, setParams] = useSearchParams();
  const can = useCan();
  const state = (params.get('state') ?? undefined) as 'active' | 'lifted' | undefined;
  const page = Number(params.get('page') ?? 1);
  const list = useQuery({
    queryKey: [...WARNING_KEYS.all, 'list', state, page],
    queryFn: () => warningApi.list({ ...(state ? { state } : {}), page, pageSize: 20 }),
    refetchInterval: 15_000,
  });
  const columns: TableColumnsType<TWarning> = [
    {
      title: '预警',
      render: (_, w) => (
        <Link to={`/warnings/${w.id}`}>
          <WarningTag kind={w.kind} level={w.level} />
        </Link>
      ),
    },
    { title: '范围', render: (_, w) => (w.areaAll ? '全市' : w.towns.map((t) => t.name).join('、')) },
    { title: '发布时间', dataIndex: 'issuedAt', width: 170, render: (v: string) => formatTime(v) },
    { title: '来源', dataIndex: 'source', width: 120, render: (v: TWarning['source']) => SOURCE_LABELS[v] },
    {
      title: '叫应',
      width: 200,
      render: (_, w) =>
        w.called === 0 ? (
          '—'
        ) : (
          <Progress size="small" percent={Math.round((w.answered / w.called) * 100)} format={() => `${w.answered}/${w.called}`} />
        ),
    },
    {
      title: '状态',
      width: 110,
      render: (_, w) => (w.state === 'lifted' ? <Tag>已解除</Tag> : <Tag color="processing">生效中 · 第{w.version}版</Tag>),
    },
  ];
  return (
    <Card
      title="预警叫应"
      extra={
        <Space wrap>
          <Segmented
            value={state ?? 'all'}
            options={[
              { value: 'all', label: '全部' },
              { value: 'active', label: '生效中' },
              { value: 'lifted', label: '已解除' },
            ]}
            onChange={(v) => setParams(v === 'all' ? {} : { state: String(v) })}
          />
          <Link to="/warnings/chain">
            <Button icon={<ApartmentOutlined />}>叫应链条</Button>
          </Link>
          {can('warning.issue') ? (
            <Link to="/warnings/new">
              <Button type="primary" icon={<PlusOutlined />}>
                发布预警
              </Button>
            </Link>
          ) : null}
        </Space>
      }
    >
      <Table
        rowKey="id"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.isPending}
        scroll={{ x: 800 }}
        pagination={{
          current: page,
          pageSize: 20,
          total: list.data?.total ?? 0,
          onChange: (p) => setParams({ ...(state ? { state } : {}), page: String(p) }),
        }}
      />
    </Card>
  );
}
