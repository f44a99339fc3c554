import { FEED_FIELD_LABELS, type TFeedField } from '@yingji/domain/enterprise/import.rules';
import { Alert, Col, Empty, Grid, Row, Table, Tabs, Tag } from 'antd';
import { Link } from 'react-router';
import type { TImportResult } from '../../api/enterprise.api';
import { townName, useTowns } from '../../kit';

type TCountKey = keyof TImportResult['counts'];
const COUNT_CARDS: { key: TCountKey; label: string; hint: string; tone: string }[] = [
  { key: 'new', label: '新增', hint: '纳入台账，监管状态为在管', tone: 'tone-new' },
  { key: 'changed', label: '变更', hint: '名称、住所等与台账不同', tone: 'tone-changed' },
  { key: 'unchanged', label: '未变', hint: '与台账一致', tone: 'tone-plain' },
  { key: 'missing', label: '名单中已无 → 待核实', hint: '转所属镇街核实', tone: 'tone-missing' },
  { key: 'deregistered', label: '注销 / 吊销', hint: '登记状态改为注销或吊销', tone: 'tone-dereg' },
  { key: 'invalid', label: '无效行', hint: '信用代码、镇街等有误', tone: 'tone-invalid' },
];

const feedLabel = (field: string) => FEED_FIELD_LABELS[field as TFeedField] ?? field;

function Capped({ shown, total }: { shown: number; total: number }) {
  if (shown >= total) return null;
  return <Alert type="info" showIcon className="form-alert" title={`共 ${total} 条，这里只列出前 ${shown} 条；应用时全部处理。`} />;
}

export function PreviewLists({ preview }: { preview: TImportResult }) {
  const { names } = useTowns();
  const isPhone = Grid.useBreakpoint().md === false;
  const c = preview.counts;
  const town = (code: string) => townName(names, code);
  const tabs = [
    {
      key: 'new',
      label: `新增 ${c.new}`,
      children: (
        <>
          <Capped shown={preview.new.length} total={c.new} />
          <Table
            rowKey="creditCode"
            size="small"
            dataSource={preview.new}
            pagination={{ pageSize: 20, simple: isPhone, hideOnSinglePage: true }}
            scroll={{ x: 860 }}
            columns={[
              { title: '行', dataIndex: 'row', width: 60 },
              { title: '统一社会信用代码', dataIndex: 'creditCode', width: 190, render: (v: string) => <span className="mono">{v}</span> },
              { title: '企业名称', dataIndex: 'name', width: 220 },
              { title: '所属镇街', dataIndex: 'divisionCode', width: 100, render: (v: string) => town(v) },
              { title: '登记状态', dataIndex: 'registrationStatus', width: 90 },
              { title: '住所', dataIndex: 'address', render: (v: string | null) => v ?? '—' },
            ]}
          />
        </>
      ),
    },
    {
      key: 'changed',
      label: `变更 ${c.changed}`,
      children: (
        <>
          <Capped shown={preview.changed.length} total={c.changed} />
          {preview.changed.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有变更" />
          ) : (
            <div className="history-list" data-testid="import-changed">
              {preview.changed.map((ch) => (
                <div className="history-entry" key={ch.id}>
                  <div className="history-head">
                    <Link to={`/enterprises/${ch.id}`}>{ch.name}</Link>
                    <span className="cell-sub mono">{ch.creditCode}</span>
                    <span className="cell-sub">第 {ch.row} 行</span>
                  </div>
                  <table className="diff-table">
                    <tbody>
                      {ch.changes.map((d) => (
                        <tr key={d.field}>
                          <td className="diff-field">{feedLabel(d.field)}</td>
                          <td className={d.before === null ? 'diff-before diff-empty' : 'diff-before'}>
                            {d.field === 'divisionCode' && d.before ? town(d.before) : (d.before ?? '（空）')}
                          </td>
                          <td className="diff-arrow">→</td>
                          <td className={d.after === null ? 'diff-after diff-empty' : 'diff-after'}>
                            {d.field === 'divisionCode' && d.after ? town(d.after) : (d.after ?? '（空）')}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              ))}
            </div>
          )}
        </>
      ),
    },
    {
      key: 'missing',
      label: `名单中已无 ${c.missing}`,
      children: (
        <>
          <Alert
            type="warning"
            showIcon
            className="form-alert"
            title="这些在管企业不在本次名单中。应用后改为“待核实”，由所属镇街核实是否仍在经营；不会删除。"
          />
          <Capped shown={preview.missing.length} total={c.missing} />
          <Table
            rowKey="id"
            size="small"
            dataSource={preview.missing}
            pagination={{ pageSize: 20, simple: isPhone, hideOnSinglePage: true }}
            columns={[
              { title: '统一社会信用代码', dataIndex: 'creditCode', width: 190, render: (v: string) => <span className="mono">{v}</span> },
              { title: '企业名称', dataIndex: 'name' },
              { title: '所属镇街', dataIndex: 'divisionCode', width: 110, render: (v: string) => town(v) },
            ]}
          />
        </>
      ),
    },
    {
      key: 'deregistered',
      label: `注销 / 吊销 ${c.deregistered}`,
      children: (
        <>
          {c.skippedDeregistered > 0 && (
            <Alert
              type="info"
              showIcon
              className="form-alert"
              title={`另有 ${c.skippedDeregistered} 家台账中没有、名单中已注销或吊销的企业，不纳入台账。`}
            />
          )}
          <Capped shown={preview.deregistered.length} total={c.deregistered} />
          <Table
            rowKey="id"
            size="small"
            dataSource={preview.deregistered}
            pagination={{ pageSize: 20, simple: isPhone, hideOnSinglePage: true }}
            columns={[
              { title: '统一社会信用代码', dataIndex: 'creditCode', width: 190, render: (v: string) => <span className="mono">{v}</span> },
              { title: '企业名称', dataIndex: 'name' },
              { title: '所属镇街', dataIndex: 'divisionCode', width: 110, render: (v: string) => town(v) },
              { title: '登记状态', dataIndex: 'status', width: 90, render: (v: string) => <Tag color="red">{v}</Tag> },
            ]}
          />
        </>
      ),
    },
    {
      key: 'invalid',
      label: `无效行 ${c.invalid}`,
      children: (
        <Table
          rowKey="row"
          size="small"
          dataSource={preview.invalid}
          data-testid="import-invalid"
          pagination={{ pageSize: 20, simple: isPhone, hideOnSinglePage: true }}
          columns={[
            { title: '行号', dataIndex: 'row', width: 90, render: (v: number) => `第 ${v} 行` },
            { title: '原因', dataIndex: 'reason' },
          ]}
        />
      ),
    },
  ];
  // open the first list that has something in it
  const first = (['invalid', 'changed', 'new', 'missing', 'deregistered'] as const).find((k) => c[k] > 0) ?? 'new';
  return <Tabs defaultActiveKey={first} items={tabs} />;
}

export function CountCards({ counts }: { counts: TImportResult['counts'] }) {
  return (
    <Row gutter={[12, 12]} className="count-cards">
      {COUNT_CARDS.map((card) => (
        <Col xs={12} sm={8} xl={4} key={card.key}>
          <div className={`count-card ${card.tone}`} data-testid={`count-${card.key}`}>
            <div className="count-label">{card.label}</div>
            <div className="count-value">{counts[card.key]}</div>
            <div className="count-hint">{card.hint}</div>
          </div>
        </Col>
      ))}
    </Row>
  );
}
