import { DownloadOutlined, FilterOutlined, SearchOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  AUDIT_ACTION_LABELS,
  AUDIT_ACTIONS,
  AUDIT_ENTITY_LABELS,
  type TAuditAction,
  type TAuditEntry,
} from '@yingji/domain/audit/audit.schema';
import { Button, Card, Col, DatePicker, Form, Grid, Input, Row, Select, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { auditApi, type TAuditFilter } from '../../api/audit.api';
import { bureauNow, formatTime, toBureauIso } from '../../app/locale';
import { enumLabel } from '../../kit';

const ACTION_COLORS: Partial<Record<TAuditAction, string>> = {
  create: 'blue',
  update: 'orange',
  delete: 'red',
  login: 'green',
  login_failed: 'red',
  password_change: 'purple',
  password_reset: 'purple',
  disable: 'red',
  enable: 'green',
  lock: 'volcano',
  settings_change: 'orange',
  export: 'cyan',
  restore: 'magenta',
};

/** The entity names the server writes, in Chinese. */
const ENTITY_LABELS = AUDIT_ENTITY_LABELS;
// the filter sends the code and shows only its Chinese name (issue 14 item 11)
const ENTITY_OPTIONS = Object.entries(ENTITY_LABELS).map(([value, label]) => ({ value, label }));

const actionLabel = (action: string): string => enumLabel(AUDIT_ACTION_LABELS, action);
const entityLabel = (entity: string): string => enumLabel(ENTITY_LABELS, entity);

interface TAuditForm {
  actor?: string;
  entity?: string;
  action?: TAuditAction;
  range?: [Dayjs | null, Dayjs | null] | null;
}

/** The filter the server understands; picked days run from 00:00:00 to 23:59:59 Beijing time. */
function toFilter(values: TAuditForm): TAuditFilter {
  const [from, to] = values.range ?? [null, null];
  return {
    actor: values.actor?.trim() || undefined,
    entity: values.entity?.trim() || undefined,
    action: values.action,
    from: from ? toBureauIso(from.startOf('day')) : undefined,
    to: to ? toBureauIso(to.endOf('day')) : undefined,
  };
}

function Json({ label, value }: { label: string; value: unknown }) {
  return (
    <div>
      <div className="json-label">{label}</div>
      <pre className="json-block">{value === null || value === undefined ? '（无）' : JSON.stringify(value, null, 2)}</pre>
    </div>
  );
}

export function AuditPage() {
  const [form] = Form.useForm<TAuditForm>();
  const isPhone = Grid.useBreakpoint().md === false;
  const [filter, setFilter] = useState<TAuditFilter>({});
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [showFilters, setShowFilters] = useState(false);
  const activeFilters = [filter.actor, filter.entity, filter.action, filter.from ?? filter.to].filter((v) => v !== undefined).length;

  const entries = useQuery({
    queryKey: ['audit', 'entries', filter, paging],
    queryFn: () => auditApi.list({ ...filter, ...paging }),
    placeholderData: keepPreviousData,
  });

  const columns: TableColumnsType<TAuditEntry> = [
    { title: '时间', dataIndex: 'at', width: 170, render: (v: string) => <span className="mono">{formatTime(v)}</span> },
    {
      title: '操作人',
      dataIndex: 'actorName',
      width: 120,
      render: (v: string | null) => v ?? <Typography.Text type="secondary">系统</Typography.Text>,
    },
    {
      title: '操作',
      dataIndex: 'action',
      width: 110,
      render: (a: string) => <Tag color={ACTION_COLORS[a as TAuditAction] ?? 'default'}>{actionLabel(a)}</Tag>,
    },
    { title: '对象', dataIndex: 'entity', width: 110, render: (e: string) => entityLabel(e) },
    { title: '对象编号', dataIndex: 'entityId', width: 110, render: (v: string | null) => v ?? '—' },
    {
      title: '客户端地址',
      dataIndex: 'clientAddress',
      width: 150,
      render: (v: string | null) => (v ? <span className="mono">{v}</span> : '—'),
    },
  ];

  // on a phone one stacked cell per entry reads better than a table scrolled sideways
  const phoneColumns: TableColumnsType<TAuditEntry> = [
    {
      title: '记录',
      key: 'entry',
      render: (_, e) => (
        <div className="cell-stack">
          <div className="cell-head">
            <Tag color={ACTION_COLORS[e.action as TAuditAction] ?? 'default'}>{actionLabel(e.action)}</Tag>
            <span>
              {entityLabel(e.entity)}
              {e.entityId ? ` #${e.entityId}` : ''}
            </span>
          </div>
          <span className="cell-sub">
            {formatTime(e.at)} · {e.actorName ?? '系统'}
          </span>
          {e.clientAddress && <span className="cell-sub mono">{e.clientAddress}</span>}
        </div>
      ),
    },
  ];

  return (
    <div className="page">
      <div className="page-header">
        <Typography.Title level={4} className="page-title">
          审计日志
        </Typography.Title>
        <div className="page-actions">
          {isPhone && (
            <Button icon={<FilterOutlined />} type={activeFilters > 0 ? 'primary' : 'default'} onClick={() => setShowFilters((v) => !v)}>
              筛选{activeFilters > 0 ? ` ${activeFilters}` : ''}
            </Button>
          )}
          <Button icon={<DownloadOutlined />} href={auditApi.exportUrl(filter)} download>
            导出 Excel
          </Button>
        </div>
      </div>
      <Card variant="borderless">
        <Form<TAuditForm>
          form={form}
          layout="vertical"
          className="filter-bar"
          hidden={isPhone && !showFilters}
          onFinish={(values) => {
            setFilter(toFilter(values));
            setPaging((p) => ({ ...p, page: 1 }));
            setShowFilters(false);
          }}
        >
          <Row gutter={16}>
            <Col xs={24} sm={12} lg={5}>
              <Form.Item name="actor" label="操作人">
                <Input allowClear placeholder="用户名或姓名" />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={4}>
              <Form.Item name="entity" label="对象">
                <Select allowClear showSearch optionFilterProp="label" options={ENTITY_OPTIONS} placeholder="全部对象" />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={4}>
              <Form.Item name="action" label="操作">
                <Select
                  allowClear
                  placeholder="全部操作"
                  options={AUDIT_ACTIONS.map((a) => ({ value: a, label: AUDIT_ACTION_LABELS[a] }))}
                />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={7}>
              <Form.Item name="range" label="时间范围（北京时间）">
                <DatePicker.RangePicker
                  style={{ width: '100%' }}
                  allowEmpty={[true, true]}
                  inputReadOnly={isPhone}
                  presets={[
                    { label: '今天', value: [bureauNow().startOf('day'), bureauNow().endOf('day')] },
                    { label: '近 7 天', value: [bureauNow().subtract(6, 'day').startOf('day'), bureauNow().endOf('day')] },
                    { label: '近 30 天', value: [bureauNow().subtract(29, 'day').startOf('day'), bureauNow().endOf('day')] },
                  ]}
                />
              </Form.Item>
            </Col>
            <Col xs={24} lg={4}>
              <Form.Item label={isPhone ? undefined : ' '} colon={false}>
                <div className="page-actions">
                  <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
                    查询
                  </Button>
                  <Button
                    onClick={() => {
                      form.resetFields();
                      setFilter({});
                      setPaging((p) => ({ ...p, page: 1 }));
                    }}
                  >
                    重置
                  </Button>
                </div>
              </Form.Item>
            </Col>
          </Row>
        </Form>
        <Table<TAuditEntry>
          rowKey="id"
          size="middle"
          columns={isPhone ? phoneColumns : columns}
          dataSource={entries.data?.items}
          loading={entries.isFetching}
          scroll={isPhone ? undefined : { x: 820 }}
          locale={{ emptyText: entries.isError ? (entries.error as Error).message : '没有符合条件的记录' }}
          expandable={{
            expandedRowRender: (e) => (
              <Row gutter={16}>
                <Col xs={24} md={12}>
                  <Json label="变更前" value={e.before} />
                </Col>
                <Col xs={24} md={12}>
                  <Json label="变更后" value={e.after} />
                </Col>
                <Col xs={24}>
                  <Typography.Text type="secondary" className="mono" style={{ fontSize: 12 }}>
                    {e.divisionCode ? `区划 ${e.divisionCode} · ` : ''}校验值 {e.hash}
                  </Typography.Text>
                </Col>
              </Row>
            ),
          }}
          pagination={{
            current: paging.page,
            pageSize: paging.pageSize,
            total: entries.data?.total ?? 0,
            showSizeChanger: !isPhone,
            simple: isPhone,
            showTotal: (total) =>
              entries.data?.totalCapped ? `超过 ${total.toLocaleString('zh-CN')} 条，可按条件筛选或导出全部` : `共 ${total} 条`,
            onChange: (page, pageSize) => setPaging({ page: pageSize !== paging.pageSize ? 1 : page, pageSize }),
          }}
        />
      </Card>
    </div>
  );
}
