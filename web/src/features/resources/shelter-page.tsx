import { EditOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import {
  REQUIRED_SHELTER_FACILITIES,
  SHELTER_CLASS_LABELS,
  SHELTER_FACILITIES,
  SHELTER_FACILITY_LABELS,
  SHELTER_KIND_LABELS,
  SHELTER_LEVEL_LABELS,
  SHELTER_STATUS_LABELS,
} from '@yingji/domain/resources/resources.data';
import type { TShelter } from '@yingji/domain/resources/shelter.schema';
import { Breadcrumb, Button, Card, Descriptions, Result, Space, Spin, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { isApiError } from '../../api/client';
import { shelterDetailApi } from '../../api/shelter.api';
import { useCan } from '../../app/auth';
import { useIsPhone } from '../../kit';
import { RESOURCE_KEYS } from './loans-page';
import { ShelterForm } from './shelter-form';
import { ShelterStockCard } from './shelter-stock-card';

/** 避难场所: every registry field, the facilities with their last check, the supplies kept there; 编辑 for a manager. */
export function ShelterPage() {
  const id = Number(useParams().id);
  const can = useCan();
  const [editing, setEditing] = useState(false);
  const query = useQuery({ queryKey: [...RESOURCE_KEYS.all, 'shelter', id], queryFn: () => shelterDetailApi.get(id) });
  if (query.isPending) return <Spin />;
  if (query.isError)
    return (
      <Result
        status={isApiError(query.error) && query.error.status === 404 ? '404' : 'error'}
        title={isApiError(query.error) ? query.error.message : '未能加载'}
        extra={<Link to="/shelters">返回避难场所名录</Link>}
      />
    );
  const s = query.data;
  return (
    <div className="page">
      <Breadcrumb items={[{ title: <Link to="/shelters">应急避难场所</Link> }, { title: s.name }]} />
      <div className="page-header">
        <Typography.Title level={4} className="page-title">
          {s.name} <Tag color={s.status === 'open' ? 'green' : 'default'}>{SHELTER_STATUS_LABELS[s.status]}</Tag>
          {s.centralCity && <Tag color="blue">中心城区</Tag>}
        </Typography.Title>
        {can('shelter.manage') && !editing && (
          <div className="page-actions">
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
              编辑
            </Button>
          </div>
        )}
      </div>
      {editing ? <ShelterForm shelter={s} onDone={() => setEditing(false)} /> : <ShelterView s={s} />}
    </div>
  );
}

function ShelterView({ s }: { s: TShelter }) {
  const isPhone = useIsPhone();
  const facilityRows = SHELTER_FACILITIES.map((f) => ({ f, on: s.facilities[f] ?? null }));
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card size="small" title="登记信息">
        <Descriptions column={isPhone ? 1 : 2} size="small">
          <Descriptions.Item label="场所类型">{SHELTER_KIND_LABELS[s.kind]}</Descriptions.Item>
          <Descriptions.Item label="室内/室外">{s.indoor ? '室内' : '室外'}</Descriptions.Item>
          <Descriptions.Item label="级别">{SHELTER_LEVEL_LABELS[s.level]}</Descriptions.Item>
          <Descriptions.Item label="类别">{SHELTER_CLASS_LABELS[s.shelterClass]}</Descriptions.Item>
          <Descriptions.Item label="所在镇街">{s.divisionName}</Descriptions.Item>
          <Descriptions.Item label="地址">{s.address}</Descriptions.Item>
          <Descriptions.Item label="坐标">
            经度 {s.longitude}，纬度 {s.latitude}
          </Descriptions.Item>
          <Descriptions.Item label="有效避难面积">{s.areaM2} 平方米</Descriptions.Item>
          <Descriptions.Item label="容纳人数">
            <strong>{s.capacity} 人</strong>
            {s.capacityOverride !== null ? (
              <span className="cell-sub">
                {' '}
                （核定；按面积计算 {s.computedCapacity} 人。核定说明：{s.overrideReason}）
              </span>
            ) : (
              <span className="cell-sub">（按有效面积和人均标准计算）</span>
            )}
          </Descriptions.Item>
          <Descriptions.Item label="管理单位">{s.managingUnit}</Descriptions.Item>
          <Descriptions.Item label="联系人">
            {s.contact} <a href={`tel:${s.contactPhone}`}>{s.contactPhone}</a>
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card size="small" title="设施检查">
        <Table
          rowKey="f"
          size="small"
          pagination={false}
          dataSource={facilityRows}
          columns={[
            { title: '设施', render: (_, r) => SHELTER_FACILITY_LABELS[r.f] },
            {
              title: '情况',
              render: (_, r) =>
                r.on ? (
                  <Tag color="green">已配备</Tag>
                ) : REQUIRED_SHELTER_FACILITIES.includes(r.f) ? (
                  <Tag color="orange">缺少（必备）</Tag>
                ) : (
                  <Tag>未配备</Tag>
                ),
            },
            { title: '最近检查', render: (_, r) => r.on ?? '—' },
          ]}
        />
      </Card>
      <ShelterStockCard shelter={s} />
    </Space>
  );
}
