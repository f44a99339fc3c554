import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { SHELTER_FACILITY_LABELS, SHELTER_KIND_LABELS, SHELTER_KINDS } from '@yingji/domain/resources/resources.data';
import type { TShelter } from '@yingji/domain/resources/shelter.schema';
import { Button, Card, Col, InputNumber, List, Row, Space, Statistic, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { shelterApi } from '../../api/resources.api';
import { useCan } from '../../app/auth';
import { chosenPlaceSeries, escapeHtml, type TMapOption, useZhongshanMapPoint, ZHONGSHAN_GEO } from '../../app/zhongshan-map';
import { useErrorHandler } from '../../app/use-error-handler';
import { FlagFilter, ListPage, SelectFilter, TownFilter, enumLabel, enumOptions, param, useListParams } from '../../kit';
import { RESOURCE_KEYS } from './loans-page';

const FILTERS = {
  divisionCode: param.text(),
  kind: param.oneOf(SHELTER_KINDS),
  centralCity: param.flag(),
  missingFacilities: param.flag(),
  hasStock: param.oneOf(['true', 'false'] as const),
  q: param.text(),
};
const STOCK_OPTIONS = [
  { value: 'true', label: '有物资储备' },
  { value: 'false', label: '无物资储备' },
];
/** 物资储备: a stock point at the shelter holding stock, from the ledger. */
const stockTag = (s: TShelter) =>
  s.stockedPoints > 0 ? (
    <Tag color="green">有（{s.stockedPoints} 个储备点）</Tag>
  ) : s.stockPoints > 0 ? (
    <Tag>储备点无库存</Tag>
  ) : (
    <span className="cell-sub">无</span>
  );
const wan = (n: number) => `${(n / 10_000).toFixed(2)} 万`;

/** 应急避难场所: totals of the city and the central city summed from the rows, by town, the registry, and the nearest to a point. */
export function SheltersPage() {
  const list = useListParams(FILTERS);
  const can = useCan();
  const totals = useQuery({ queryKey: [...RESOURCE_KEYS.all, 'shelter-totals'], queryFn: shelterApi.totals });
  const query = useQuery({
    queryKey: [...RESOURCE_KEYS.all, 'shelters', list.filter, list.page, list.pageSize],
    queryFn: () => shelterApi.list({ ...list.filter, page: list.page, pageSize: list.pageSize }),
    placeholderData: keepPreviousData,
  });
  const t = totals.data;
  const columns: TableColumnsType<TShelter> = [
    { title: '名称', render: (_, s) => <Link to={`/shelters/${s.id}`}>{s.name}</Link> },
    { title: '镇街', dataIndex: 'divisionName', width: 100 },
    { title: '类型', width: 110, render: (_, s) => enumLabel(SHELTER_KIND_LABELS, s.kind) },
    { title: '有效面积（m²）', dataIndex: 'areaM2', width: 120, align: 'right' },
    {
      title: '容纳人数',
      width: 130,
      align: 'right',
      render: (_, s) =>
        s.capacityOverride !== null ? (
          <span title={`按面积 ${s.computedCapacity} 人；${s.overrideReason ?? ''}`}>{s.capacity}（核定）</span>
        ) : (
          s.capacity
        ),
    },
    {
      title: '设施',
      width: 220,
      render: (_, s) =>
        s.missingFacilities.length === 0 ? (
          <Tag color="green">齐全</Tag>
        ) : (
          <Tag color="orange">缺 {s.missingFacilities.map((f) => SHELTER_FACILITY_LABELS[f]).join('、')}</Tag>
        ),
    },
    { title: '物资储备', width: 150, render: (_, s) => stockTag(s) },
  ];
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Row gutter={[16, 16]}>
        <Col xs={24} md={12}>
          <Card title="全市室内外避难场所" size="small">
            <Space size="large" wrap>
              <Statistic title="场所" value={t?.all.shelters ?? 0} suffix="个" />
              <Statistic title="容纳面积" value={t ? wan(t.all.areaM2) : '—'} suffix="平方米" />
              <Statistic title="容纳人数" value={t ? wan(t.all.capacity) : '—'} suffix="人" />
            </Space>
          </Card>
        </Col>
        <Col xs={24} md={12}>
          <Card title="中心城区" size="small">
            <Space size="large" wrap>
              <Statistic title="场所" value={t?.centralCity.shelters ?? 0} suffix="个" />
              <Statistic title="容纳面积" value={t ? wan(t.centralCity.areaM2) : '—'} suffix="平方米" />
              <Statistic title="容纳人数" value={t ? wan(t.centralCity.capacity) : '—'} suffix="人" />
            </Space>
          </Card>
        </Col>
      </Row>
      <NearestCard />
      <ListPage
        title="避难场所名录"
        refresh
        exportHref={shelterApi.exportUrl(list.filter)}
        actions={
          <>
            <Button icon={<DownloadOutlined />} href={shelterApi.templateUrl()}>
              普查表模板
            </Button>
            {can('shelter.manage') && (
              <Link to="/shelters/import">
                <Button icon={<UploadOutlined />}>导入普查表</Button>
              </Link>
            )}
          </>
        }
        list={list}
        query={query}
        search={{ placeholder: '名称、地址、管理单位' }}
        filters={
          <>
            <TownFilter value={list.filter.divisionCode} onChange={(v) => list.update({ divisionCode: v })} />
            <SelectFilter
              list={list}
              name="kind"
              placeholder="全部类型"
              label="类型"
              options={enumOptions(SHELTER_KINDS, SHELTER_KIND_LABELS)}
            />
            <FlagFilter list={list} name="centralCity" label="中心城区" />
            <FlagFilter list={list} name="missingFacilities" label="缺设施" />
            <SelectFilter list={list} name="hasStock" placeholder="物资储备" label="物资储备" options={STOCK_OPTIONS} />
          </>
        }
        columns={columns}
        card={(s) => (
          <div className="cell-stack">
            <Link to={`/shelters/${s.id}`}>
              <strong>{s.name}</strong>
            </Link>
            <span className="cell-sub">
              {s.divisionName} · {s.areaM2} m² · {s.capacity} 人
            </span>
            <span>物资储备：{stockTag(s)}</span>
          </div>
        )}
        emptyText="没有避难场所"
        unit="个"
      />
      <Card title="各镇街汇总" size="small">
        <Table
          rowKey="divisionCode"
          size="small"
          pagination={false}
          scroll={{ x: 640 }}
          dataSource={t?.byTown ?? []}
          columns={[
            { title: '镇街', dataIndex: 'divisionName' },
            { title: '场所', dataIndex: 'shelters', align: 'right' },
            { title: '面积（m²）', dataIndex: 'areaM2', align: 'right' },
            { title: '容纳人数', dataIndex: 'capacity', align: 'right' },
            { title: '每百名居民可容纳', dataIndex: 'per100Residents', align: 'right', render: (v: number | null) => v ?? '未录入人口' },
            { title: '缺设施场所', dataIndex: 'missingFacilities', align: 'right' },
          ]}
        />
      </Card>
    </Space>
  );
}

const distance = (m: number) => (m >= 1000 ? `${(m / 1000).toFixed(2)} 千米` : `${m} 米`);

/** 最近的避难场所: a click on the city map, or typed coordinates, and the nearest open shelters with their distance. */
function NearestCard() {
  const [point, setPoint] = useState({ longitude: 113.3926, latitude: 22.5176 });
  const showError = useErrorHandler();
  const nearest = useMutation({
    mutationFn: (p: { longitude: number; latitude: number }) => shelterApi.nearest(p.longitude, p.latitude),
    onError: (e) => showError(e),
  });
  const round = (n: number) => Math.round(n * 10_000) / 10_000;
  const pick = (longitude: number, latitude: number) => {
    const p = { longitude: round(longitude), latitude: round(latitude) };
    setPoint(p);
    nearest.mutate(p);
  };
  const items = nearest.data?.items;
  const option = useMemo<TMapOption>(
    () => ({
      tooltip: { trigger: 'item', formatter: (p) => (p as unknown as { data: { tip: string } }).data.tip },
      geo: { ...ZHONGSHAN_GEO, center: [113.42, 22.48], zoom: 1.2 },
      series: [
        {
          type: 'scatter',
          name: '避难场所',
          coordinateSystem: 'geo',
          symbolSize: 12,
          itemStyle: { color: '#389e0d', borderColor: '#fff', borderWidth: 1 },
          label: { show: true, position: 'right', formatter: (p) => String((p.dataIndex ?? 0) + 1), fontSize: 11 },
          data: (items ?? []).map((s) => ({
            name: s.name,
            value: [s.longitude, s.latitude],
            tip: `<b>${escapeHtml(s.name)}</b><br/>${escapeHtml(s.divisionName)} · 可容纳 ${s.capacity} 人 · ${distance(s.distanceM)}`,
          })),
        },
        chosenPlaceSeries(point, `所选位置：经度 ${point.longitude}，纬度 ${point.latitude}`),
      ],
    }),
    [items, point],
  );
  const box = useZhongshanMapPoint(option, pick);
  return (
    <Card title="查找最近的可启用避难场所" size="small" data-testid="shelter-nearest">
      <Row gutter={[16, 12]}>
        <Col xs={24} md={14}>
          <div className="cell-sub">在地图上点击一个位置，或输入坐标后点“查找”。</div>
          <div ref={box} style={{ width: '100%', height: 340 }} data-testid="shelter-map" />
        </Col>
        <Col xs={24} md={10}>
          <Space wrap>
            <InputNumber
              aria-label="经度"
              addonBefore="经度"
              step={0.001}
              value={point.longitude}
              onChange={(v) => v !== null && setPoint({ ...point, longitude: v })}
            />
            <InputNumber
              aria-label="纬度"
              addonBefore="纬度"
              step={0.001}
              value={point.latitude}
              onChange={(v) => v !== null && setPoint({ ...point, latitude: v })}
            />
            <Button type="primary" loading={nearest.isPending} onClick={() => nearest.mutate(point)}>
              查找
            </Button>
          </Space>
          {items && (
            <List
              size="small"
              dataSource={items}
              locale={{ emptyText: '本市没有可启用的避难场所' }}
              renderItem={(s, i) => (
                <List.Item>
                  <div className="cell-stack">
                    <span>
                      {i + 1}. <Link to={`/shelters/${s.id}`}>{s.name}</Link>
                    </span>
                    <span className="cell-sub">
                      {s.divisionName} · 可容纳 {s.capacity} 人 · 距离 <strong>{distance(s.distanceM)}</strong>
                    </span>
                  </div>
                </List.Item>
              )}
            />
          )}
        </Col>
      </Row>
    </Card>
  );
}
