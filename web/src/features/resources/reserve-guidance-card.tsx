/**
 * 应急物资储备指导标准 on the settings page: per warehouse level and item, the minimum the province's guidance sets, with
 * its document (文件名/文号). Every warehouse of that level follows it unless it records its own minimum. Saved as the
 * `reserveGuidance` setting (audited); out to Excel, and back in as rows to check here before saving.
 */
import { DeleteOutlined, DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ZReserveGuidanceSchema, type TReserveGuidanceRow } from '@yingji/domain/resources/minimum.rules';
import { WAREHOUSE_KINDS, WAREHOUSE_KIND_LABELS } from '@yingji/domain/resources/resources.data';
import { Alert, App, Button, Card, Form, Input, InputNumber, Select, Skeleton, Space, Table, Typography, Upload } from 'antd';
import { useEffect, useState } from 'react';
import { settingsApi } from '../../api/org.api';
import { suppliesApi } from '../../api/supplies.api';
import { useErrorHandler } from '../../app/use-error-handler';
import { enumOptions } from '../../kit';
import { ORG_KEYS } from '../org/org-data';
import { SUPPLY_KEYS, useItems } from './supplies-kit';

const FIELD_LABELS: Record<string, string> = { kind: '仓库层级', itemCode: '物资', quantity: '最低储备', source: '依据文件' };

export function ReserveGuidanceCard({ canManage }: { canManage: boolean }) {
  const [form] = Form.useForm<{ rows: TReserveGuidanceRow[] }>();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const showError = useErrorHandler();
  const settings = useQuery({ queryKey: ORG_KEYS.settings, queryFn: settingsApi.get });
  const items = useItems();
  const [importErrors, setImportErrors] = useState<string[]>([]);
  const reset = (rows: readonly TReserveGuidanceRow[]) => form.setFieldsValue({ rows: [...rows] });
  useEffect(() => {
    if (settings.data) reset(settings.data.reserveGuidance);
  }, [settings.data]);
  const save = useMutation({
    mutationFn: (rows: TReserveGuidanceRow[]) => settingsApi.save('reserveGuidance', rows),
    onSuccess: (answer) => {
      queryClient.setQueryData(ORG_KEYS.settings, answer);
      void queryClient.invalidateQueries({ queryKey: SUPPLY_KEYS.all });
      setImportErrors([]);
      void message.success('储备指导标准已保存，各仓库的最低储备与物资预警随即按新标准计算');
    },
    onError: (e) => showError(e),
  });
  const read = useMutation({
    mutationFn: (file: File) => suppliesApi.guidanceImport(file),
    onSuccess: (answer) => {
      reset(answer.rows);
      setImportErrors(answer.errors);
      void message.info(`已读入 ${answer.rows.length} 条，请核对后点“保存指导标准”`);
    },
    onError: (e) => showError(e),
  });
  const submit = ({ rows }: { rows: TReserveGuidanceRow[] }) => {
    const parsed = ZReserveGuidanceSchema.safeParse(rows ?? []);
    if (!parsed.success) {
      // the schema the server checks: the message names the row and the field
      const issue = parsed.error.issues[0]!;
      const [i, key] = issue.path as [number, keyof TReserveGuidanceRow];
      if (typeof i !== 'number') return void message.error(issue.message);
      return form.setFields([{ name: ['rows', i, key], errors: [`第 ${i + 1} 条${FIELD_LABELS[key] ?? ''}：${issue.message}`] }]);
    }
    save.mutate(parsed.data);
  };
  const itemOptions = (items.data?.items ?? []).map((i) => ({ value: i.code, label: `${i.name}（${i.code}，${i.unit}）` }));
  const cell = { style: { marginBottom: 0 } };
  return (
    <Card variant="borderless" title="应急物资储备指导标准" style={{ marginTop: 16 }} data-testid="reserve-guidance">
      <Typography.Paragraph type="secondary">
        按省级储备指导标准，为市级仓库、镇街仓库、前置点逐项录入最低储备并注明依据文件（文件名或文号）。同一层级的仓库均按此执行；某仓库自行设定了最低储备的，以本库设定为准。
      </Typography.Paragraph>
      {importErrors.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          message={`读入的表格有 ${importErrors.length} 行未采用`}
          description={importErrors.slice(0, 20).join('；')}
        />
      )}
      {settings.isPending ? (
        <Skeleton active />
      ) : (
        <Form form={form} onFinish={submit} disabled={!canManage}>
          <Form.List name="rows">
            {(fields, { add, remove }) => (
              <>
                <Table
                  rowKey="key"
                  size="small"
                  pagination={false}
                  dataSource={fields}
                  scroll={{ x: 860 }}
                  locale={{ emptyText: '尚未录入指导标准：各仓库只按本库设定的最低储备预警' }}
                  columns={[
                    { title: '#', width: 40, render: (_, __, i) => i + 1 },
                    {
                      title: '仓库层级',
                      width: 130,
                      render: (_, f) => (
                        <Form.Item name={[f.name, 'kind']} {...cell}>
                          <Select
                            options={enumOptions(WAREHOUSE_KINDS, WAREHOUSE_KIND_LABELS)}
                            aria-label={`第 ${f.name + 1} 条仓库层级`}
                          />
                        </Form.Item>
                      ),
                    },
                    {
                      title: '物资',
                      width: 240,
                      render: (_, f) => (
                        <Form.Item name={[f.name, 'itemCode']} {...cell}>
                          <Select showSearch optionFilterProp="label" options={itemOptions} aria-label={`第 ${f.name + 1} 条物资`} />
                        </Form.Item>
                      ),
                    },
                    {
                      title: '最低储备',
                      width: 110,
                      render: (_, f) => (
                        <Form.Item name={[f.name, 'quantity']} {...cell}>
                          <InputNumber min={0} precision={0} style={{ width: 96 }} aria-label={`第 ${f.name + 1} 条最低储备`} />
                        </Form.Item>
                      ),
                    },
                    {
                      title: '依据文件（文件名/文号）',
                      render: (_, f) => (
                        <Form.Item name={[f.name, 'source']} {...cell}>
                          <Input.TextArea autoSize maxLength={200} aria-label={`第 ${f.name + 1} 条依据文件`} />
                        </Form.Item>
                      ),
                    },
                    {
                      title: '',
                      width: 50,
                      render: (_, f) =>
                        canManage ? (
                          <Button icon={<DeleteOutlined />} aria-label={`删除第 ${f.name + 1} 条`} onClick={() => remove(f.name)} />
                        ) : null,
                    },
                  ]}
                />
                <Space wrap style={{ marginTop: 12 }}>
                  {canManage && (
                    <>
                      <Button
                        icon={<PlusOutlined />}
                        onClick={() => {
                          const last = form.getFieldValue(['rows', fields.length - 1]) as TReserveGuidanceRow | undefined;
                          add({ kind: last?.kind ?? 'city', source: last?.source ?? '' });
                        }}
                      >
                        添加一条
                      </Button>
                      <Button type="primary" htmlType="submit" loading={save.isPending}>
                        保存指导标准
                      </Button>
                      <Button onClick={() => settings.data && (reset(settings.data.reserveGuidance), setImportErrors([]))}>撤销修改</Button>
                      <Upload
                        accept=".xlsx,.csv"
                        showUploadList={false}
                        beforeUpload={(file) => {
                          read.mutate(file);
                          return false;
                        }}
                      >
                        <Button icon={<UploadOutlined />} loading={read.isPending}>
                          从 Excel 读入
                        </Button>
                      </Upload>
                    </>
                  )}
                  <Button icon={<DownloadOutlined />} href={suppliesApi.guidanceExportUrl()} disabled={false} data-testid="guidance-export">
                    导出 Excel
                  </Button>
                </Space>
              </>
            )}
          </Form.List>
        </Form>
      )}
    </Card>
  );
}
