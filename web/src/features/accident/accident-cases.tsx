import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Table, Typography } from 'antd';
import { Link } from 'react-router';
import { caseApi } from '../../api/case.api';
import { useCan } from '../../app/auth';
import { caseNoText, StageTag, yuan } from '../case/case-data';

/**
 * The cases opened from this accident (安全生产法 art. 114 and the liability the investigation found), as the reader
 * may see them: the case list's own scope applies, so a town officer sees only his town's cases. Shown only to those
 * who may read cases.
 */
export function AccidentCases({ accidentId }: { accidentId: number }) {
  const can = useCan();
  const allowed = can('case.read');
  const query = useQuery({
    queryKey: ['cases', 'by-accident', accidentId],
    queryFn: () => caseApi.list({ accidentId, page: 1, pageSize: 50 }),
    enabled: allowed,
  });
  if (!allowed) return null;
  const rows = query.data?.items ?? [];
  return (
    <Card title={`由此事故立案的案件${query.data ? `（${query.data.total}）` : ''}`} loading={query.isPending}>
      {query.error ? (
        <Alert type="error" message={(query.error as Error).message} />
      ) : rows.length === 0 ? (
        <Typography.Text type="secondary">尚无由此事故立案的案件。调查报告批复后，可在“责任认定与处理建议”中立案查处。</Typography.Text>
      ) : (
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          scroll={{ x: 'max-content' }}
          dataSource={rows}
          columns={[
            { title: '案号', key: 'caseNo', render: (_, c) => <Link to={`/cases/${c.id}`}>{caseNoText(c)}</Link> },
            { title: '当事人', dataIndex: 'partyName' },
            { title: '阶段', key: 'stage', render: (_, c) => <StageTag stage={c.stage} /> },
            { title: '立案日期', key: 'filedOn', render: (_, c) => <span className="mono nowrap">{c.filedOn ?? '—'}</span> },
            {
              title: '决定罚款 / 已缴',
              key: 'fine',
              render: (_, c) => <span className="nowrap">{`${yuan(c.fineDecidedFen)} / ${yuan(c.finePaidFen)}`}</span>,
            },
          ]}
        />
      )}
    </Card>
  );
}
