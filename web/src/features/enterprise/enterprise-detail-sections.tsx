/** Parts of a firm's page: its licences with their expiry, and the change history field by field. */

import { AUDIT_ACTION_LABELS, type TAuditAction } from '@yingji/domain/audit/audit.schema';

import { Space, Table, Tag } from 'antd';

import { type TEnterpriseDetail } from '../../api/enterprise.api';

import { bureauNow, formatTime } from '../../app/locale';

import { diffEntry, licenceExpiry } from './enterprise-data';

import './enterprise.css';
import { useTowns } from '../../kit';

const isPlaceholder = (v: string) => v === '（空）' || v === '（未记录）';
/** A value or — for none. */
export const dash = (v: string | number | null | undefined) => (v === null || v === undefined || v === '' ? '—' : v);

export function Licences({ licences }: { licences: TEnterpriseDetail['licences'] }) {
  const today = bureauNow().format('YYYY-MM-DD');
  if (licences.length === 0) return <div className="empty-line">未登记许可证</div>;
  return (
    <Table
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={licences}
      scroll={{ x: 520 }}
      columns={[
        { title: '类别', dataIndex: 'kind' },
        { title: '编号', dataIndex: 'number', render: (v: string) => <span className="mono">{v}</span> },
        { title: '发证日期', dataIndex: 'issuedOn', width: 110, render: (v: string | null) => dash(v) },
        {
          title: '有效期至',
          dataIndex: 'expiresOn',
          width: 190,
          render: (v: string | null) => {
            const state = licenceExpiry(v, today);
            if (state === 'expired')
              return (
                <Space size={4}>
                  <span className="expiry-past">{v}</span>
                  <Tag color="red">已过期</Tag>
                </Space>
              );
            if (state === 'soon')
              return (
                <Space size={4}>
                  <span className="expiry-soon">{v}</span>
                  <Tag color="orange">90 天内到期</Tag>
                </Space>
              );
            return dash(v);
          },
        },
      ]}
    />
  );
}

export function History({ history }: { history: TEnterpriseDetail['history'] }) {
  const { names } = useTowns();
  if (history.length === 0) return <div className="empty-line">暂无人工变更记录（名单导入带来的变更见时间线）</div>;
  return (
    <div className="history-list">
      {history.map((h) => {
        const { changes, reason } = diffEntry(h.before, h.after, names);
        return (
          <div className="history-entry" key={h.id}>
            <div className="history-head">
              <Tag color={h.action === 'create' ? 'blue' : 'orange'}>{AUDIT_ACTION_LABELS[h.action as TAuditAction] ?? h.action}</Tag>
              <span className="mono">{formatTime(h.at)}</span>
              <span>{h.actorName ?? '系统'}</span>
            </div>
            {reason && <div className="history-reason">原因：{reason}</div>}
            {changes.length > 0 && (
              <table className="diff-table">
                <thead>
                  <tr>
                    <th>字段</th>
                    <th>{h.action === 'create' ? '' : '变更前'}</th>
                    <th>{h.action === 'create' ? '登记内容' : '变更后'}</th>
                  </tr>
                </thead>
                <tbody>
                  {changes.map((c) => (
                    <tr key={c.field}>
                      <td className="diff-field">{c.label}</td>
                      <td className={isPlaceholder(c.before) ? 'diff-before diff-empty' : 'diff-before'}>
                        {h.action === 'create' ? '' : c.before}
                      </td>
                      <td className={isPlaceholder(c.after) ? 'diff-after diff-empty' : 'diff-after'}>{c.after}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </div>
        );
      })}
    </div>
  );
}
