/** A training session's attendance list: the people imported from a sign-in sheet, with the column mapping when its headers are not recognised. */
import { UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ATTENDANCE_COLUMNS, TRAINING_KIND_LABELS, trainingEndpoints } from '@yingji/domain';
import { Alert, App, Button, Drawer, Space, Table, Upload } from 'antd';
import { useState } from 'react';
import { call, isApiError } from '../../api/client';
import { uploadAttendance } from '../../api/drill.api';
import { useCan } from '../../app/auth';
import { useErrorHandler } from '../../app/use-error-handler';
import { ColumnMapping, type TColumnMapping } from '../../kit';
import { matchColumns } from '@yingji/domain/shared/columns';
import { DRILL_KEYS } from './drill-data';

export function AttendanceDrawer({ id, onClose }: { id: number; onClose: () => void }) {
  const can = useCan();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const showError = useErrorHandler();
  const [file, setFile] = useState<File | null>(null);
  const [headers, setHeaders] = useState<string[] | null>(null);
  const [mapping, setMapping] = useState<TColumnMapping>({});
  const detail = useQuery({ queryKey: [...DRILL_KEYS.training, id], queryFn: () => call(trainingEndpoints.get, { params: { id } }) });
  const importIt = useMutation({
    mutationFn: (f: File) => uploadAttendance(id, f, headers ? mapping : undefined),
    onSuccess: (r) => {
      void message.success(`已导入 ${r.imported} 人${r.skipped.length ? `，跳过 ${r.skipped.length} 行` : ''}`);
      setHeaders(null);
      void queryClient.invalidateQueries({ queryKey: DRILL_KEYS.training });
    },
    onError: (e) => {
      const details = isApiError(e) ? (e.details as { headers?: string[] } | undefined) : undefined;
      if (details?.headers) {
        const found = details.headers;
        setHeaders(found);
        // the columns recognised by their usual headers start chosen; the user maps the rest
        const { columns } = matchColumns(ATTENDANCE_COLUMNS, found);
        setMapping(Object.fromEntries(Object.entries(columns).map(([f, i]) => [f, found[i as number]!])));
      }
      showError(e);
    },
  });
  const s = detail.data;
  return (
    <Drawer open title={s ? `${s.heldOn} ${s.topic}` : '培训'} onClose={onClose} width={640}>
      {s ? (
        <p>
          {TRAINING_KIND_LABELS[s.kind]} · {s.organiser} · 参训 {s.participants} 人次{s.passed !== null ? `，考核合格 ${s.passed} 人` : ''}
        </p>
      ) : null}
      {can('drill.training') ? (
        <Space direction="vertical" style={{ width: '100%', marginBottom: 16 }}>
          <Upload
            accept=".xlsx,.csv"
            maxCount={1}
            showUploadList={false}
            beforeUpload={(f) => {
              setFile(f);
              setHeaders(null);
              importIt.mutate(f);
              return false;
            }}
          >
            <Button icon={<UploadOutlined />} loading={importIt.isPending}>
              导入签到表（.xlsx / .csv）
            </Button>
          </Upload>
          {headers && file ? (
            <Alert
              type="warning"
              message="签到表的列没有识别出来，请指定各列对应的内容"
              description={
                <Space direction="vertical" style={{ width: '100%' }}>
                  <span>找到的列：{headers.join('、')}</span>
                  <ColumnMapping fields={ATTENDANCE_COLUMNS} headers={headers} value={mapping} onChange={setMapping} />
                  <Button type="primary" onClick={() => importIt.mutate(file)} disabled={!mapping.name}>
                    按此对应关系导入
                  </Button>
                </Space>
              }
            />
          ) : null}
        </Space>
      ) : null}
      <Table
        rowKey={(r) => `${r.name}-${r.unit}`}
        size="small"
        loading={detail.isLoading}
        dataSource={s?.attendeeList ?? []}
        locale={{ emptyText: '未导入签到名单' }}
        columns={[
          { title: '姓名', dataIndex: 'name' },
          { title: '单位', dataIndex: 'unit' },
          { title: '类别', dataIndex: 'category' },
          { title: '考核', dataIndex: 'passed', render: (v: boolean | null) => (v === null ? '—' : v ? '合格' : '不合格') },
        ]}
      />
    </Drawer>
  );
}
