import { CheckCircleOutlined, DownloadOutlined, InboxOutlined, ReloadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { SHELTER_IMPORT_FIELDS, type TShelterImportField } from '@yingji/domain/resources/shelter-import.rules';
import type { TShelterImportPreview } from '@yingji/domain/resources/shelter.schema';
import { Alert, Breadcrumb, Button, Card, Popconfirm, Result, Space, Spin, Statistic, Switch, Table, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { isApiError } from '../../api/client';
import { shelterApi } from '../../api/resources.api';
import { shelterDetailApi } from '../../api/shelter.api';
import { useErrorHandler } from '../../app/use-error-handler';
import { ColumnMapping, useIsPhone } from '../../kit';
import { RESOURCE_KEYS } from './loans-page';

const FIELDS = Object.keys(SHELTER_IMPORT_FIELDS) as TShelterImportField[];
type TRow = TShelterImportPreview['rows'][number];

/**
 * 导入避难场所普查表, as the enterprise registry import: upload → the columns found and the proposed mapping → the user
 * corrects it → every row with its problems → import in one transaction (refused, nothing written, while a row is bad).
 */
export function ShelterImportPage() {
  const queryClient = useQueryClient();
  const showError = useErrorHandler();
  const isPhone = useIsPhone();
  const [file, setFile] = useState<File | null>(null);
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const [onlyBad, setOnlyBad] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const read = useMutation({
    mutationFn: ({ f, m }: { f: File; m?: Record<string, string> }) => shelterDetailApi.preview(f, m),
    onSuccess: (p) => {
      setMapping(p.mapping);
      setOnlyBad(p.counts.invalid > 0);
    },
    onError: (e) => (isApiError(e) && e.code !== 'unauthenticated' ? setProblem(e.message) : showError(e)),
  });
  const apply = useMutation({
    mutationFn: (p: TShelterImportPreview) => shelterDetailApi.apply(p.token, p.fileName, mapping),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: RESOURCE_KEYS.all }),
    onError: (e) => showError(e),
  });
  const start = (f: File) => {
    setProblem(null);
    apply.reset();
    if (!/\.(xlsx|csv)$/i.test(f.name)) {
      setProblem(`“${f.name}”不是 .xlsx 或 .csv 文件。请在 Excel 中另存为 .xlsx 或 .csv 后再上传。`);
      return;
    }
    if (f.size > 5 * 1024 * 1024) {
      setProblem(`文件 ${(f.size / 1024 / 1024).toFixed(1)} MB，超过上限 5 MB，请分批上传。`);
      return;
    }
    setFile(f);
    read.mutate({ f });
  };
  const reset = () => {
    setFile(null);
    setMapping({});
    setProblem(null);
    read.reset();
    apply.reset();
  };
  const p = read.data;
  const rows = p ? (onlyBad ? p.rows.filter((r) => r.errors.length > 0) : p.rows) : [];
  const changed = p ? FIELDS.some((f) => (mapping[f] ?? '') !== (p.mapping[f] ?? '')) : false;
  const canApply = p && !changed && p.missing.length === 0 && p.counts.invalid === 0 && p.counts.valid > 0;

  return (
    <div className="page">
      <Breadcrumb items={[{ title: <Link to="/shelters">应急避难场所</Link> }, { title: '导入普查表' }]} />
      <div className="page-header">
        <Typography.Title level={4} className="page-title">
          导入避难场所普查表
        </Typography.Title>
        <div className="page-actions">
          <Button icon={<DownloadOutlined />} href={shelterApi.templateUrl()}>
            普查表模板
          </Button>
          {(p || problem) && (
            <Button icon={<ReloadOutlined />} onClick={reset}>
              重新选择文件
            </Button>
          )}
        </div>
      </div>
      {apply.data ? (
        <Card variant="borderless">
          <Result
            status="success"
            icon={<CheckCircleOutlined />}
            title="普查表已导入"
            subTitle={`${p?.fileName ?? ''}：新增 ${apply.data.created} 个，更新 ${apply.data.updated} 个避难场所，已记入审计日志。`}
            extra={[
              <Link to="/shelters" key="list">
                <Button type="primary">查看避难场所名录</Button>
              </Link>,
              <Button key="again" onClick={reset}>
                导入下一个文件
              </Button>,
            ]}
          />
        </Card>
      ) : (
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          {!p && !read.isPending && (
            <Card variant="borderless">
              <Upload.Dragger
                accept=".xlsx,.csv"
                multiple={false}
                showUploadList={false}
                beforeUpload={(f) => {
                  start(f);
                  return false;
                }}
                data-testid="shelter-import-upload"
              >
                <p className="ant-upload-drag-icon">
                  <InboxOutlined />
                </p>
                <p className="ant-upload-text">点击或将普查表拖到此处</p>
                <p className="ant-upload-hint">
                  .xlsx 或 .csv，第 1 行为表头。上传后先显示识别到的列和逐行检查结果，确认无误后才导入；有一行出错则整表不导入。
                </p>
              </Upload.Dragger>
              {problem && <Alert type="error" showIcon title="无法读取该文件" description={problem} style={{ marginTop: 12 }} />}
            </Card>
          )}
          {read.isPending && (
            <Card variant="borderless">
              <Spin description={`正在读取 ${file?.name ?? ''}…`}>
                <div style={{ height: 80 }} />
              </Spin>
            </Card>
          )}
          {p && !read.isPending && (
            <>
              <Card
                size="small"
                title={`列对应关系（${p.fileName}，识别到 ${p.headers.length} 列）`}
                data-testid="shelter-import-mapping"
                extra={
                  changed && file ? (
                    <Button type="primary" onClick={() => read.mutate({ f: file, m: mapping })}>
                      按此对应关系重新预览
                    </Button>
                  ) : undefined
                }
              >
                {p.missing.length > 0 && (
                  <Alert
                    type="warning"
                    showIcon
                    style={{ marginBottom: 12 }}
                    title={`没有找到这些必需的列：${p.missing.map((f) => SHELTER_IMPORT_FIELDS[f as TShelterImportField].label).join('、')}`}
                    description="请在下面为它们选择表中对应的列，然后点“按此对应关系重新预览”。"
                  />
                )}
                <ColumnMapping fields={SHELTER_IMPORT_FIELDS} headers={p.headers} value={mapping} onChange={setMapping} />
              </Card>
              {p.missing.length === 0 && (
                <Card size="small" title="逐行检查（预览未写入任何数据）" data-testid="shelter-import-preview">
                  <Space size="large" wrap style={{ marginBottom: 12 }}>
                    <Statistic title="数据行" value={p.counts.rows} />
                    <Statistic title="可导入" value={p.counts.valid} />
                    <Statistic title="有错" value={p.counts.invalid} valueStyle={p.counts.invalid ? { color: '#d9363e' } : undefined} />
                    <Statistic title="新增" value={p.counts.create} />
                    <Statistic title="更新" value={p.counts.update} />
                  </Space>
                  <div style={{ marginBottom: 8 }}>
                    <Switch size="small" checked={onlyBad} onChange={setOnlyBad} /> 只看有错的行
                  </div>
                  <Table<TRow>
                    rowKey="row"
                    size="small"
                    dataSource={rows}
                    pagination={{ pageSize: 20, simple: isPhone, showTotal: (t) => `共 ${t} 行` }}
                    columns={[
                      { title: '行', dataIndex: 'row', width: 60 },
                      {
                        title: '场所',
                        render: (_, r) => (
                          <div className="cell-stack">
                            <span>{r.name || '（无名称）'}</span>
                            <span className="cell-sub">{r.town}</span>
                          </div>
                        ),
                      },
                      {
                        title: '检查结果',
                        render: (_, r) =>
                          r.errors.length === 0 ? (
                            <Tag color={r.action === 'update' ? 'blue' : 'green'}>{r.action === 'update' ? '更新' : '新增'}</Tag>
                          ) : (
                            <ul style={{ margin: 0, paddingLeft: 18, color: '#d9363e' }}>
                              {r.errors.map((e) => (
                                <li key={e}>{e}</li>
                              ))}
                            </ul>
                          ),
                      },
                    ]}
                  />
                </Card>
              )}
              <Card size="small">
                <Space wrap>
                  <Popconfirm
                    title="导入这份普查表？"
                    description={`新增 ${p.counts.create} 个、更新 ${p.counts.update} 个避难场所，在一个事务中完成。`}
                    okText="导入"
                    cancelText="取消"
                    onConfirm={() => apply.mutateAsync(p).catch(() => undefined)}
                    disabled={!canApply}
                  >
                    <Button type="primary" disabled={!canApply} loading={apply.isPending}>
                      导入
                    </Button>
                  </Popconfirm>
                  <Typography.Text type="secondary">
                    {changed
                      ? '列对应关系已修改，请先重新预览。'
                      : p.missing.length > 0
                        ? '请先为必需的列选择对应的表头。'
                        : p.counts.invalid > 0
                          ? `有 ${p.counts.invalid} 行有错：请在表中修正后重新上传，整表才能导入。`
                          : '预览无误后点“导入”；导入前不会改动任何数据。'}
                  </Typography.Text>
                </Space>
              </Card>
            </>
          )}
        </Space>
      )}
    </div>
  );
}
