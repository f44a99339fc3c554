import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { REPORT_STATE_LABELS, type TReportState } from '@yingji/domain/findings/progress-report.rules';
import type { TProgressReport } from '@yingji/domain/findings/progress-report.schema';
import { App, Button, Card, Form, Input, InputNumber, Modal, Select, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { findingsApi, FINDINGS_KEYS } from '../../api/findings.api';
import { useCan } from '../../app/auth';
import { EnumTag } from '../../kit';
import { progressReportApi, REPORT_KEYS } from './progress-report.api';

export const REPORT_STATE_COLORS: Record<TReportState, string> = { draft: 'default', approved: 'blue', published: 'green' };
export const ReportStateTag = ({ state }: { state: TReportState }) => (
  <EnumTag value={state} labels={REPORT_STATE_LABELS} colors={REPORT_STATE_COLORS} />
);

/** The window as the office reads it: not yet, open until, closed. */
export const WindowText = ({ r }: { r: Pick<TProgressReport, 'windowState' | 'feedbackFrom' | 'feedbackTo' | 'feedbackDays'> }) =>
  r.windowState === 'unpublished' ? (
    <span>公开后 {r.feedbackDays} 日</span>
  ) : (
    <span>
      {r.feedbackFrom} 至 {r.feedbackTo} {r.windowState === 'open' ? <Tag color="green">受理中</Tag> : <Tag>已结束</Tag>}
    </span>
  );

export const REPORT_DEFAULTS = {
  leadership:
    '（一）提高思想认识，落实整改责任。局党委把整改作为重要政治任务，严肃认领、照单全收反馈意见。\n（二）主要负责人切实履行整改第一责任人责任，牵头制定整改方案，定期研究部署、调度推进。\n（三）建立问题、任务、责任“三张清单”，明确牵头领导、责任部门、责任人和整改时限，实行整改销号管理。',
  nextSteps: '持续巩固整改成果，对需长期坚持的事项定期调度、跟踪问效，健全完善长效机制，加大督办检查力度，防止问题反弹回潮。',
  contacts: '联系电话：\n邮政信箱：\n电子邮箱：',
};

const columns: TableColumnsType<TProgressReport> = [
  { title: '报告', dataIndex: 'title', render: (v: string, r) => <Link to={`/rectification/reports/${r.id}`}>{v}</Link> },
  { title: '整改轮次', dataIndex: 'roundTitle', width: 220 },
  { title: '状态', dataIndex: 'state', width: 90, render: (s: TReportState) => <ReportStateTag state={s} /> },
  { title: '公开期限', width: 250, render: (_, r) => <WindowText r={r} /> },
  {
    title: '意见建议',
    width: 110,
    render: (_, r) => (r.unansweredCount > 0 ? <Tag color="orange">{`${r.unansweredCount} 条待答复`}</Tag> : `${r.feedbackCount} 条`),
  },
];

/** 整改进展公开: each round's progress reports, their state and the public's opinions waiting for an answer. */
export function ProgressReportsPage() {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const can = useCan();
  const reports = useQuery({ queryKey: REPORT_KEYS.all, queryFn: progressReportApi.list });
  const [open, setOpen] = useState(false);
  const rounds = useQuery({ queryKey: [...FINDINGS_KEYS.all, 'rounds'], queryFn: findingsApi.rounds, enabled: open });
  const [form] = Form.useForm();
  const create = useMutation({
    mutationFn: ({
      roundId,
      ...body
    }: {
      roundId: number;
      title: string;
      leadership: string;
      nextSteps: string;
      contacts: string;
      issuer: string;
      feedbackDays: number;
    }) => progressReportApi.create(roundId, body),
    onSuccess: (r) => {
      void qc.invalidateQueries({ queryKey: REPORT_KEYS.all });
      message.success('已生成报告草稿');
      navigate(`/rectification/reports/${r.id}`);
    },
    onError: (e: Error) => message.error(e.message),
  });
  return (
    <Card
      title="整改进展公开"
      extra={
        can('findings.manage') ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)}>
            生成进展情况报告
          </Button>
        ) : null
      }
    >
      <Table
        rowKey="id"
        size="small"
        loading={reports.isLoading}
        columns={columns}
        dataSource={reports.data?.items ?? []}
        scroll={{ x: 900 }}
        pagination={false}
        locale={{ emptyText: '还没有进展情况报告' }}
      />
      <Modal
        title="生成进展情况报告"
        open={open}
        width={720}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        okText="生成草稿"
        confirmLoading={create.isPending}
      >
        <Form form={form} layout="vertical" initialValues={{ ...REPORT_DEFAULTS, feedbackDays: 14 }} onFinish={(v) => create.mutate(v)}>
          <Form.Item name="roundId" label="整改轮次" rules={[{ required: true, message: '请选择整改轮次' }]}>
            <Select
              loading={rounds.isLoading}
              options={(rounds.data?.items ?? []).map((r) => ({ value: r.id, label: r.title }))}
              onChange={(id: number) => {
                const r = rounds.data?.items.find((x) => x.id === id);
                if (r && !form.getFieldValue('title')) form.setFieldValue('title', `关于${r.title}进展情况的通报`);
              }}
            />
          </Form.Item>
          <Form.Item name="title" label="报告标题" rules={[{ required: true, message: '请填写报告标题' }]}>
            <Input />
          </Form.Item>
          <ReportTextFields />
        </Form>
      </Modal>
    </Card>
  );
}

/** The office's own paragraphs of the report; findings and measures come from the round. */
export function ReportTextFields() {
  return (
    <>
      <Form.Item name="leadership" label="一、履行整改主体责任情况" rules={[{ required: true, message: '请填写履行整改主体责任情况' }]}>
        <Input.TextArea rows={5} />
      </Form.Item>
      <Form.Item name="nextSteps" label="四、下一步工作打算" rules={[{ required: true, message: '请填写下一步工作打算' }]}>
        <Input.TextArea rows={3} />
      </Form.Item>
      <Form.Item name="contacts" label="联系方式（每行一项，照原样公布）" rules={[{ required: true, message: '请填写联系方式' }]}>
        <Input.TextArea rows={4} />
      </Form.Item>
      <Form.Item name="issuer" label="落款单位" rules={[{ required: true, message: '请填写落款单位' }]}>
        <Input />
      </Form.Item>
      <Form.Item name="feedbackDays" label="公开期限（公开之日起天数）" rules={[{ required: true, message: '请填写公开期限' }]}>
        <InputNumber min={5} max={60} addonAfter="日" />
      </Form.Item>
    </>
  );
}
