import { CheckCircleOutlined, DownloadOutlined, InboxOutlined, ReloadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TAssessmentPreview, TAssessmentPreviewRow } from '@yingji/domain/risk/risk.schema';
import { Alert, Button, Card, Popconfirm, Result, Space, Spin, Table, Typography, Upload } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { isApiError } from '../../api/client';
import { riskApi } from '../../api/risk.api';
import { useErrorHandler } from '../../app/use-error-handler';
import { ENTERPRISE_KEYS } from '../enterprise/enterprise-data';
import { RISK_KEYS, RiskColourTag } from './risk-data';
import './risk.css';

const MAX_BYTES = 10 * 1024 * 1024;

const columns: TableColumnsType<TAssessmentPreviewRow> = [
  { title: '行', dataIndex: 'row', width: 56 },
  {
    title: '企业',
    key: 'firm',
    width: 260,
    render: (_, r) => (
      <div className="cell-stack">
        {r.enterpriseId ? <Link to={`/enterprises/${r.enterpriseId}`}>{r.registryName}</Link> : <span>{r.name || '—'}</span>}
        <span className="cell-sub mono">{r.creditCode || '—'}</span>
      </div>
    ),
  },
  { title: '得分', dataIndex: 'score', width: 70, align: 'right', render: (v: number | null) => v ?? '—' },
  { title: '评估日期', dataIndex: 'assessedOn', width: 110, render: (v: string | null) => v ?? '—' },
  {
    title: '等级变化',
    key: 'change',
    width: 150,
    render: (_, r) =>
      r.toColour ? (
        <Space size={4}>
          <RiskColourTag colour={r.fromColour} />
          <span>→</span>
          <RiskColourTag colour={r.toColour} />
        </Space>
      ) : (
        '—'
      ),
  },
  {
    title: '问题与提示',
    key: 'problems',
    render: (_, r) => (
      <div className="cell-stack">
        {r.problems.map((p) => (
          <Typography.Text key={p} type="danger">
            {p}
          </Typography.Text>
        ))}
        {r.warnings.map((w) => (
          <Typography.Text key={w} type="warning">
            {w}
          </Typography.Text>
        ))}
        {r.forcedRed.length > 0 && <span className="cell-sub">强制红色条件：{r.forcedRed.join('；')}</span>}
        {r.problems.length === 0 && r.warnings.length === 0 && r.forcedRed.length === 0 && <span className="cell-sub">—</span>}
      </div>
    ),
  },
];

/** 评估结果导入: the experts' scores per firm; preview first, then all of it in one transaction or nothing. */
export function AssessmentImportPage() {
  const queryClient = useQueryClient();
  const showError = useErrorHandler();
  const [preview, setPreview] = useState<TAssessmentPreview | null>(null);
  const [result, setResult] = useState<TAssessmentPreview | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const read = useMutation({
    mutationFn: riskApi.previewImport,
    onSuccess: setPreview,
    onError: (e) => (isApiError(e) && e.code !== 'unauthenticated' ? setProblem(e.message) : showError(e)),
  });
  const apply = useMutation({
    mutationFn: (p: TAssessmentPreview) => riskApi.applyImport({ token: p.token, fileName: p.fileName }),
    onSuccess: (r) => {
      setResult(r);
      void queryClient.invalidateQueries({ queryKey: RISK_KEYS.all });
      void queryClient.invalidateQueries({ queryKey: ENTERPRISE_KEYS.all });
    },
    onError: (e) => showError(e),
  });
  const start = (f: File) => {
    setProblem(null);
    setPreview(null);
    setResult(null);
    if (!/\.(xlsx|csv)$/i.test(f.name)) return setProblem(`“${f.name}”不是 .xlsx 或 .csv 文件，请使用下载的模板填写。`);
    if (f.size > MAX_BYTES) return setProblem(`文件超过 10 MB，请分批导入。`);
    read.mutate(f);
  };
  const reset = () => {
    setPreview(null);
    setResult(null);
    setProblem(null);
    read.reset();
    apply.reset();
  };
  const c = preview?.counts;

  return (
    <div className="page">
      <div className="page-header">
        <Typography.Title level={4} className="page-title">
          导入专家评估结果
        </Typography.Title>
        <div className="page-actions">
          <Button icon={<DownloadOutlined />} href={riskApi.templateUrl} download>
            下载模板
          </Button>
          {(preview || problem) && (
            <Button icon={<ReloadOutlined />} onClick={reset}>
              重新选择文件
            </Button>
          )}
        </div>
      </div>
      {result ? (
        <Card variant="borderless">
          <Result
            status="success"
            icon={<CheckCircleOutlined />}
            title="评估结果已导入"
            subTitle={`${result.fileName}：${result.counts.rows} 家企业定级（红 ${result.counts.red}、橙 ${result.counts.orange}、黄 ${result.counts.yellow}、蓝 ${result.counts.blue}），其中等级变化 ${result.counts.changed} 家。已记入定级记录和审计日志。`}
            extra={[
              <Link to="/risk" key="dist">
                <Button type="primary">查看风险分级总览</Button>
              </Link>,
              <Button key="again" onClick={reset}>
                导入下一个文件
              </Button>,
            ]}
          />
        </Card>
      ) : read.isPending ? (
        <Card variant="borderless">
          <Spin size="large" description="正在读取与核对…">
            <div className="import-spin-space" style={{ height: 120 }} />
          </Spin>
        </Card>
      ) : preview && c ? (
        <Card variant="borderless" data-testid="risk-import-preview">
          <Space direction="vertical" style={{ width: '100%' }} size={12}>
            <div>
              <strong>{preview.fileName}</strong>
              <span className="cell-sub">
                {' '}
                · 共 {c.rows} 行：红 {c.red}、橙 {c.orange}、黄 {c.yellow}、蓝 {c.blue}，等级变化 {c.changed} 家 · 预览未写入任何数据
              </span>
            </div>
            {c.bad > 0 && <Alert type="error" showIcon title={`${c.bad} 行有问题，请修正文件后重新上传。有问题时不会导入任何数据。`} />}
            <Table<TAssessmentPreviewRow>
              rowKey="row"
              size="small"
              columns={columns}
              dataSource={preview.rows}
              rowClassName={(r) => (r.problems.length > 0 ? 'risk-row-bad' : '')}
              pagination={{ pageSize: 50, hideOnSinglePage: true }}
              scroll={{ x: 900 }}
            />
            <Space wrap>
              <Popconfirm
                title="导入这份评估结果？"
                description={`${c.rows} 家企业按评估得分定级，在一个事务中完成。`}
                okText="导入"
                cancelText="取消"
                onConfirm={() => apply.mutateAsync(preview).catch(() => undefined)}
              >
                <Button type="primary" disabled={c.bad > 0} loading={apply.isPending}>
                  导入
                </Button>
              </Popconfirm>
              {c.bad > 0 && <Typography.Text type="secondary">文件有问题行，不能导入。</Typography.Text>}
            </Space>
          </Space>
        </Card>
      ) : (
        <Card variant="borderless">
          <Upload.Dragger
            accept=".xlsx,.csv"
            multiple={false}
            showUploadList={false}
            beforeUpload={(f) => (start(f), false)}
            data-testid="risk-import-upload"
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">点击或将评估结果文件拖到此处</p>
            <div className="ant-upload-hint">
              <div>.xlsx 或 .csv；列：统一社会信用代码、企业名称、评估得分、评估日期、强制红色条件（可空）。</div>
              <div>上传后逐行预览等级变化和问题，确认后才写入。</div>
            </div>
          </Upload.Dragger>
          {problem && <Alert type="error" showIcon style={{ marginTop: 16 }} title="无法读取该文件" description={problem} />}
        </Card>
      )}
    </div>
  );
}
