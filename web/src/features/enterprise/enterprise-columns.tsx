/** The registry's table: the columns one may hide (saved in this browser), their sort arrows, and the phone card. */
import { SettingOutlined } from '@ant-design/icons';
import { SUPERVISING_LEVEL_LABELS, type TEnterprise } from '@yingji/domain/enterprise/enterprise.schema';
import { Button, Checkbox, Dropdown, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import type { TEnterpriseSort } from '../../api/enterprise.api';
import { formatTime } from '../../app/locale';
import { RiskColourTag } from '../risk/risk-data';
import { categoryLabel, tagLabel } from './enterprise-data';
import { RegistrationStatusTag, SpecialTags, SupervisionStatusTag } from './enterprise-tags';

const COLUMNS_STORAGE_KEY = 'yingji.enterprise.columns';

/** The columns one may hide; 企业名称 always shows. */
const OPTIONAL_COLUMNS = [
  { key: 'creditCode', label: '统一社会信用代码' },
  { key: 'division', label: '所属镇街' },
  { key: 'risk', label: '风险等级' },
  { key: 'category', label: '监管类别' },
  { key: 'level', label: '监管层级' },
  { key: 'tags', label: '特殊标签' },
  { key: 'principal', label: '主要负责人' },
  { key: 'employees', label: '从业人数' },
  { key: 'registrationStatus', label: '登记状态' },
  { key: 'supervisionStatus', label: '监管状态' },
  { key: 'updatedAt', label: '更新时间' },
] as const;
type TOptionalColumn = (typeof OPTIONAL_COLUMNS)[number]['key'];
// what fits 1366 px beside the menu without scrolling sideways; the rest one click away in 列设置
const DEFAULT_COLUMNS: TOptionalColumn[] = [
  'creditCode',
  'division',
  'risk',
  'category',
  'tags',
  'registrationStatus',
  'supervisionStatus',
];

function loadColumns(): TOptionalColumn[] {
  try {
    const saved = JSON.parse(localStorage.getItem(COLUMNS_STORAGE_KEY) ?? 'null') as unknown;
    if (Array.isArray(saved)) return OPTIONAL_COLUMNS.map((c) => c.key).filter((k) => saved.includes(k));
  } catch {
    // a damaged entry: fall back to the default
  }
  return DEFAULT_COLUMNS;
}

/** The visible columns with the list's sort shown, the width to scroll to, the 列设置 chooser and the phone card. */
export function useEnterpriseColumns(sort: TEnterpriseSort | undefined, order: 'asc' | 'desc' | undefined) {
  const [visible, setVisible] = useState<TOptionalColumn[]>(loadColumns);
  const saveColumns = (keys: TOptionalColumn[]) => {
    setVisible(keys);
    localStorage.setItem(COLUMNS_STORAGE_KEY, JSON.stringify(keys));
  };

  const sortOrder = (key: TEnterpriseSort) => (sort === key ? (order === 'asc' ? 'ascend' : 'descend') : null);
  const allColumns: (TableColumnsType<TEnterprise>[number] & { key: string })[] = [
    {
      title: '企业名称',
      key: 'name',
      width: 220,
      fixed: 'left',
      sorter: true,
      sortOrder: sortOrder('name'),
      render: (_, e) => (
        <div className="cell-stack">
          <Link to={`/enterprises/${e.id}`}>{e.name}</Link>
          {e.formerNames.length > 0 && <span className="cell-sub">曾用名：{e.formerNames.join('、')}</span>}
        </div>
      ),
    },
    {
      title: '统一社会信用代码',
      key: 'creditCode',
      width: 180,
      sorter: true,
      sortOrder: sortOrder('creditCode'),
      render: (_, e) => <span className="mono">{e.creditCode}</span>,
    },
    {
      title: '所属镇街',
      key: 'division',
      width: 100,
      sorter: true,
      sortOrder: sortOrder('divisionCode'),
      render: (_, e) => e.divisionName ?? e.divisionCode,
    },
    { title: '风险', key: 'risk', width: 56, render: (_, e) => <RiskColourTag colour={e.riskColour} /> },
    { title: '监管类别', key: 'category', width: 150, render: (_, e) => categoryLabel(e.supervisionCategory) },
    { title: '监管层级', key: 'level', width: 90, render: (_, e) => SUPERVISING_LEVEL_LABELS[e.supervisingLevel] },
    { title: '特殊标签', key: 'tags', width: 150, render: (_, e) => <SpecialTags tags={e.tags} /> },
    {
      title: '主要负责人',
      key: 'principal',
      width: 150,
      render: (_, e) =>
        e.principalName ? (
          <div className="cell-stack">
            <span>{e.principalName}</span>
            {e.principalPhone && <span className="cell-sub">{e.principalPhone}</span>}
          </div>
        ) : (
          '—'
        ),
    },
    {
      title: '从业人数',
      key: 'employees',
      width: 100,
      align: 'right',
      sorter: true,
      sortOrder: sortOrder('employees'),
      render: (_, e) => e.employees ?? '—',
    },
    { title: '登记状态', key: 'registrationStatus', width: 90, render: (_, e) => <RegistrationStatusTag status={e.registrationStatus} /> },
    { title: '监管状态', key: 'supervisionStatus', width: 90, render: (_, e) => <SupervisionStatusTag status={e.supervisionStatus} /> },
    {
      title: '更新时间',
      key: 'updatedAt',
      width: 190,
      sorter: true,
      sortOrder: sortOrder('updatedAt'),
      render: (_, e) => <span className="mono nowrap">{formatTime(e.updatedAt)}</span>,
    },
  ];
  const columns = allColumns.filter((c) => c.key === 'name' || visible.includes(c.key as TOptionalColumn));
  const scrollX = columns.reduce((sum, c) => sum + (typeof c.width === 'number' ? c.width : 120), 0);

  // on a phone one stacked card per firm reads better than a table scrolled sideways
  const card = (e: TEnterprise) => (
    <div className="cell-stack">
      <div className="cell-head">
        <Link to={`/enterprises/${e.id}`}>
          <strong>{e.name}</strong>
        </Link>
      </div>
      {e.formerNames.length > 0 && <span className="cell-sub">曾用名：{e.formerNames.join('、')}</span>}
      <span className="cell-sub mono">{e.creditCode}</span>
      <span className="cell-sub">
        {e.divisionName ?? e.divisionCode} · {categoryLabel(e.supervisionCategory)} · {SUPERVISING_LEVEL_LABELS[e.supervisingLevel]}监管
      </span>
      <div className="cell-head card-tags">
        {e.riskColour && <RiskColourTag colour={e.riskColour} long />}
        <SupervisionStatusTag status={e.supervisionStatus} />
        <RegistrationStatusTag status={e.registrationStatus} />
        {e.tags.map((t) => (
          <Tag key={t} color="purple">
            {tagLabel(t)}
          </Tag>
        ))}
      </div>
    </div>
  );

  const columnChooser = (
    <Dropdown
      trigger={['click']}
      popupRender={() => (
        <div className="column-chooser">
          <div className="column-chooser-title">显示的列</div>
          <Checkbox.Group
            value={visible}
            onChange={(keys) => saveColumns(keys as TOptionalColumn[])}
            options={OPTIONAL_COLUMNS.map((c) => ({ value: c.key, label: c.label }))}
          />
          <Button type="link" size="small" onClick={() => saveColumns(DEFAULT_COLUMNS)}>
            恢复默认
          </Button>
        </div>
      )}
    >
      <Button icon={<SettingOutlined />}>列设置</Button>
    </Dropdown>
  );
  return { columns, scrollX, card, columnChooser };
}
