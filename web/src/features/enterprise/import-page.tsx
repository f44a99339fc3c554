import { CheckCircleOutlined, InboxOutlined, ReloadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { IMPORT_FIELDS, type TImportField } from '@yingji/domain/enterprise/import.rules';
import { Alert, Button, Card, Checkbox, Popconfirm, Progress, Result, Space, Spin, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { isApiError } from '../../api/client';
import { DEFAULT_IMPORT_SOURCE, importApi, type TImportResult } from '../../api/enterprise.api';
import { useErrorHandler } from '../../app/use-error-handler';
import { ColumnMapping, unmappedRequired, type TColumnMapping } from '../../kit';
import { ENTERPRISE_KEYS } from './enterprise-data';
import { CountCards, PreviewLists } from './import-preview';
import './enterprise.css';

const MAX_BYTES = 30 * 1024 * 1024;

const importLabel = (field: string) => IMPORT_FIELDS[field as TImportField]?.label ?? field;

export function ImportPage() {
  const queryClient = useQueryClient();
  const showError = useErrorHandler();
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState(0);
  const [preview, setPreview] = useState<TImportResult | null>(null);
  const [result, setResult] = useState<TImportResult | null>(null);
  const [skipInvalid, setSkipInvalid] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  // Headers of a sheet whose columns were not recognised: the user maps them once for the source.
  const [headers, setHeaders] = useState<string[] | null>(null);
  const [mapping, setMapping] = useState<Record<string, string> | undefined>(undefined);

  const read = useMutation({
    mutationFn: ({ f, m }: { f: File; m?: Record<string, string> }) => importApi.preview(f, setProgress, DEFAULT_IMPORT_SOURCE, m),
    onSuccess: (p) => setPreview(p),
    onError: (e) => {
      const found = isApiError(e) ? (e.details as { headers?: unknown } | undefined)?.headers : undefined;
      if (Array.isArray(found)) setHeaders(found.map(String).filter((h) => h !== ''));
      if (isApiError(e) && e.code !== 'unauthenticated') setProblem(e.message);
      else showError(e);
    },
  });
  const apply = useMutation({
    mutationFn: (p: TImportResult) =>
      importApi.apply({
        token: p.token,
        fileName: p.fileName,
        source: DEFAULT_IMPORT_SOURCE,
        skipInvalid,
        ...(mapping ? { mapping } : {}),
      }),
    onSuccess: (r) => {
      setResult(r);
      void queryClient.invalidateQueries({ queryKey: ENTERPRISE_KEYS.all });
    },
    onError: (e) => showError(e),
  });

  const start = (f: File) => {
    setProblem(null);
    setPreview(null);
    setResult(null);
    setSkipInvalid(false);
    setFile(f);
    setProgress(0);
    if (!/\.(xlsx|csv)$/i.test(f.name)) {
      setProblem(`“${f.name}”不是 .xlsx 或 .csv 文件。请从市场监管局的名单另存为 Excel（.xlsx）或 CSV 后再上传。`);
      return;
    }
    if (f.size > MAX_BYTES) {
      setProblem(
        `文件 ${(f.size / 1024 / 1024).toFixed(1)} MB，超过网页上传上限 30 MB。请拆分后分批上传，或请管理员在服务器上用命令行导入。`,
      );
      return;
    }
    setHeaders(null);
    setMapping(undefined);
    read.mutate({ f });
  };
  const readWithMapping = (m: Record<string, string>) => {
    if (!file) return;
    setProblem(null);
    setMapping(m);
    read.mutate({ f: file, m });
  };
  const reset = () => {
    setHeaders(null);
    setMapping(undefined);
    setFile(null);
    setPreview(null);
    setResult(null);
    setProblem(null);
    read.reset();
    apply.reset();
  };

  const counts = preview?.counts;
  const mustSkip = (counts?.invalid ?? 0) > 0;
  const confirmText = counts
    ? `新增 ${counts.new} 家、变更 ${counts.changed} 家、${counts.missing} 家转待核实、${counts.deregistered} 家注销/吊销${mustSkip ? `，跳过 ${counts.invalid} 行无效行` : ''}。全部在一个事务中完成。`
    : '';

  return (
    <div className="page">
      <div className="page-header">
        <Typography.Title level={4} className="page-title">
          导入市场监管名单
        </Typography.Title>
        {(preview || problem) && (
          <div className="page-actions">
            <Button icon={<ReloadOutlined />} onClick={reset}>
              重新选择文件
            </Button>
          </div>
        )}
      </div>

      {result ? (
        <Card variant="borderless">
          <Result
            status="success"
            icon={<CheckCircleOutlined />}
            title="名单已应用"
            subTitle={`${result.fileName}：新增 ${result.counts.new} 家，变更 ${result.counts.changed} 家，未变 ${result.counts.unchanged} 家，${result.counts.missing} 家转待核实，${result.counts.deregistered} 家注销/吊销${result.counts.invalid > 0 ? `，跳过无效行 ${result.counts.invalid} 行` : ''}。导入批次 #${result.batchId ?? '—'} 已记入审计日志。`}
            extra={[
              <Link to="/enterprises" key="list">
                <Button type="primary">查看企业台账</Button>
              </Link>,
              result.counts.missing > 0 ? (
                <Link to="/enterprises?supervisionStatus=待核实" key="pending">
                  <Button>查看待核实企业</Button>
                </Link>
              ) : null,
              <Button key="again" onClick={reset}>
                导入下一个文件
              </Button>,
            ]}
          />
        </Card>
      ) : (
        <>
          {!preview && !read.isPending && (
            <Card variant="borderless">
              <Upload.Dragger
                accept=".xlsx,.csv"
                multiple={false}
                showUploadList={false}
                beforeUpload={(f) => {
                  start(f);
                  return false;
                }}
                data-testid="import-upload"
              >
                <p className="ant-upload-drag-icon">
                  <InboxOutlined />
                </p>
                <p className="ant-upload-text">点击或将文件拖到此处</p>
                <div className="ant-upload-hint import-hint">
                  <div>市场监管局提供的企业名单：.xlsx 或 .csv，不超过 30 MB。</div>
                  <div>
                    第 1
                    行为表头，须有“统一社会信用代码”和“企业名称”两列；镇街取“所属镇街”列，没有该列时从住所识别（旧镇名“东升镇”归入“小榄镇”）。
                  </div>
                  <div>上传后先预览新增、变更和无效行，确认应用后才写入台账。</div>
                </div>
              </Upload.Dragger>
              {problem && (
                <Alert
                  type="error"
                  showIcon
                  className="import-problem"
                  title="无法读取该文件"
                  description={problem}
                  data-testid="import-problem"
                />
              )}
              {problem && headers && headers.length > 0 && <ColumnMappingForm headers={headers} onSubmit={readWithMapping} />}
            </Card>
          )}
          {read.isPending && (
            <Card variant="borderless">
              <div className="import-progress">
                {progress < 100 ? (
                  <>
                    <Typography.Text>正在上传 {file?.name}…</Typography.Text>
                    <Progress percent={progress} status="active" />
                  </>
                ) : (
                  <Spin size="large" description="正在读取与比对…">
                    <div className="import-spin-space" />
                  </Spin>
                )}
              </div>
            </Card>
          )}
          {preview && counts && (
            <>
              <Card variant="borderless" className="detail-card" data-testid="import-preview">
                <div className="import-file">
                  <strong>{preview.fileName}</strong>
                  <span className="cell-sub">共 {preview.rows} 行数据 · 预览未写入任何数据</span>
                </div>
                <div className="import-columns">
                  <span className="cell-sub">识别到的列：</span>
                  {Object.entries(preview.columns).map(([field, header]) => (
                    <Tag key={field}>
                      {importLabel(field)}
                      {header !== importLabel(field) ? ` ← ${header}` : ''}
                    </Tag>
                  ))}
                </div>
                <CountCards counts={counts} />
              </Card>
              <Card variant="borderless" className="detail-card">
                <PreviewLists preview={preview} />
              </Card>
              <Card variant="borderless" className="detail-card apply-bar">
                {!mustSkip && <Typography.Text type="secondary">预览无误后点击“应用”写入台账；应用前不会改动任何数据。</Typography.Text>}
                {mustSkip && (
                  <Checkbox checked={skipInvalid} onChange={(ev) => setSkipInvalid(ev.target.checked)} data-testid="skip-invalid">
                    跳过无效行并应用其余（{counts.invalid} 行无效）
                  </Checkbox>
                )}
                <Space wrap>
                  {mustSkip && !skipInvalid && (
                    <Typography.Text type="secondary">文件有无效行：修正后重新上传，或勾选跳过。</Typography.Text>
                  )}
                  <Popconfirm
                    title="应用这份名单？"
                    description={<div className="confirm-text">{confirmText}</div>}
                    okText="应用"
                    cancelText="取消"
                    onConfirm={() => apply.mutateAsync(preview).catch(() => undefined)}
                  >
                    <Button type="primary" disabled={mustSkip && !skipInvalid} loading={apply.isPending}>
                      应用
                    </Button>
                  </Popconfirm>
                </Space>
              </Card>
            </>
          )}
        </>
      )}
    </div>
  );
}

/** Maps the sheet's own headers to the fields Yingji reads; the server remembers the mapping for the source. */
function ColumnMappingForm({ headers, onSubmit }: { headers: string[]; onSubmit: (mapping: Record<string, string>) => void }) {
  const [mapping, setMapping] = useState<TColumnMapping>({});
  const [submitted, setSubmitted] = useState(false);
  return (
    <Card size="small" className="import-mapping" title="指定列对应关系（同一来源只需指定一次）" data-testid="import-mapping">
      <ColumnMapping fields={IMPORT_FIELDS} headers={headers} value={mapping} onChange={setMapping} showMissing={submitted} />
      <Button
        type="primary"
        style={{ marginTop: 12 }}
        onClick={() => {
          setSubmitted(true);
          if (unmappedRequired(IMPORT_FIELDS, mapping).length === 0) onSubmit(mapping);
        }}
      >
        按此对应关系重新读取
      </Button>
    </Card>
  );
}
