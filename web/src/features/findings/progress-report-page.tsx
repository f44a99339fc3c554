import { CheckOutlined, DownloadOutlined, EditOutlined, GlobalOutlined, SendOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TFeedback, TProgressReportDetail } from '@yingji/domain/findings/progress-report.schema';
import { App, Button, Card, Descriptions, Form, Input, Modal, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useCan } from '../../app/auth';
import { formatTime } from '../../app/locale';
import { progressReportApi, REPORT_KEYS } from './progress-report.api';
import { ReportStateTag, ReportTextFields, WindowText } from './progress-reports-page';
import { ReportBody } from './report-body';

/** One progress report: its text as it will be published, the leader's approval, publishing, and the public's opinions. */
export function ProgressReportPage() {
  const id = Number(useParams().id);
  const qc = useQueryClient();
  const { message } = App.useApp();
  const can = useCan();
  const report = useQuery({ queryKey: [...REPORT_KEYS.all, id], queryFn: () => progressReportApi.detail(id) });
  const [editing, setEditing] = useState(false);
  const [answering, setAnswering] = useState<TFeedback | null>(null);
  const [editForm] = Form.useForm();
  const [replyForm] = Form.useForm<{ reply: string }>();
  const done = (text: string) => {
    void qc.invalidateQueries({ queryKey: REPORT_KEYS.all });
    message.success(text);
  };
  const onError = (e: Error) => message.error(e.message);
  const approve = useMutation({ mutationFn: () => progressReportApi.approve(id), onSuccess: () => done('已审定，内容已固定'), onError });
  const publish = useMutation({ mutationFn: () => progressReportApi.publish(id), onSuccess: () => done('已公开，公开期限开始'), onError });
  const update = useMutation({
    mutationFn: (v: Parameters<typeof progressReportApi.update>[1]) => progressReportApi.update(id, v),
    onSuccess: () => {
      done('已保存');
      setEditing(false);
    },
    onError,
  });
  const reply = useMutation({
    mutationFn: (v: { reply: string }) => progressReportApi.reply(answering!.id, v.reply),
    onSuccess: () => {
      done('已答复');
      setAnswering(null);
      replyForm.resetFields();
    },
    onError,
  });

  const r: TProgressReportDetail | undefined = report.data;
  if (!r) return <Card loading={report.isLoading}>{report.isError ? report.error.message : null}</Card>;

  const feedbackColumns: TableColumnsType<TFeedback> = [
    { title: '收到时间', dataIndex: 'receivedAt', width: 150, render: (v: string) => formatTime(v) },
    { title: '姓名', dataIndex: 'name', width: 90, render: (v: string) => v || '（未留名）' },
    { title: '联系方式', dataIndex: 'contact', width: 150 },
    { title: '意见建议', dataIndex: 'text' },
    {
      title: '答复',
      width: 260,
      render: (_, f) =>
        f.reply !== null ? (
          <span>
            {f.reply}
            <Typography.Text type="secondary">
              （{f.repliedByName}，{formatTime(f.repliedAt!)}）
            </Typography.Text>
          </span>
        ) : can('findings.manage') ? (
          <Button size="small" onClick={() => setAnswering(f)}>
            答复
          </Button>
        ) : (
          <Tag color="orange">待答复</Tag>
        ),
    },
  ];

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={
          <Space wrap>
            {r.title}
            <ReportStateTag state={r.state} />
          </Space>
        }
        extra={
          <Space wrap>
            <Button icon={<DownloadOutlined />} href={progressReportApi.documentUrl(id)}>
              下载 Word
            </Button>
            {r.can.edit ? (
              <Button
                icon={<EditOutlined />}
                onClick={() => {
                  editForm.setFieldsValue(r);
                  setEditing(true);
                }}
              >
                修改
              </Button>
            ) : null}
            {r.can.approve ? (
              <Popconfirm title="审定后内容固定，不能再修改。确认审定？" onConfirm={() => approve.mutate()} okText="审定">
                <Button type="primary" icon={<CheckOutlined />} loading={approve.isPending}>
                  领导审定
                </Button>
              </Popconfirm>
            ) : null}
            {r.can.publish ? (
              <Popconfirm
                title={`公开后即接受公众意见建议，为期 ${r.feedbackDays} 日。确认公开？`}
                onConfirm={() => publish.mutate()}
                okText="公开"
              >
                <Button type="primary" icon={<SendOutlined />} loading={publish.isPending}>
                  公开
                </Button>
              </Popconfirm>
            ) : null}
            {r.state === 'published' ? (
              <Link to={`/public/progress-reports/${r.id}`} target="_blank">
                <GlobalOutlined /> 查看公开页面
              </Link>
            ) : null}
          </Space>
        }
      >
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label="整改轮次">
            <Link to={`/rectification/rounds/${r.roundId}`}>{r.roundTitle}</Link>
          </Descriptions.Item>
          <Descriptions.Item label="起草">{r.authorName}</Descriptions.Item>
          <Descriptions.Item label="审定">
            {r.approvedByName ? `${r.approvedByName}，${formatTime(r.approvedAt!)}` : '待局领导审定'}
          </Descriptions.Item>
          <Descriptions.Item label="公开期限">
            <WindowText r={r} />
          </Descriptions.Item>
          <Descriptions.Item label="落款">{r.issuer}</Descriptions.Item>
          <Descriptions.Item label="意见建议">
            {r.feedbackCount} 条{r.unansweredCount > 0 ? `，${r.unansweredCount} 条待答复` : ''}
          </Descriptions.Item>
        </Descriptions>
        {r.state === 'draft' ? (
          <Typography.Text type="secondary">草稿按当前整改进展生成；局领导审定时内容固定，此后的进展不再改变本报告。</Typography.Text>
        ) : null}
      </Card>
      <Card title="报告正文" size="small">
        <ReportBody content={r.content} leadership={r.leadership} nextSteps={r.nextSteps} />
        <Typography.Paragraph style={{ whiteSpace: 'pre-line' }}>
          欢迎广大干部群众对整改落实情况进行监督。如有意见建议，请及时向我们反映。
          {'\n'}
          {r.contacts}
        </Typography.Paragraph>
      </Card>
      <Card title="公众意见建议" size="small">
        <Table
          rowKey="id"
          size="small"
          columns={feedbackColumns}
          dataSource={r.feedback}
          pagination={false}
          scroll={{ x: 900 }}
          locale={{ emptyText: '尚未收到意见建议' }}
        />
      </Card>
      <Modal
        title="修改报告草稿"
        open={editing}
        width={720}
        onCancel={() => setEditing(false)}
        onOk={() => editForm.submit()}
        okText="保存"
        confirmLoading={update.isPending}
      >
        <Form form={editForm} layout="vertical" onFinish={(v) => update.mutate(v)}>
          <Form.Item name="title" label="报告标题" rules={[{ required: true, message: '请填写报告标题' }]}>
            <Input />
          </Form.Item>
          <ReportTextFields />
        </Form>
      </Modal>
      <Modal
        title="答复意见建议"
        open={answering !== null}
        onCancel={() => setAnswering(null)}
        onOk={() => replyForm.submit()}
        okText="答复"
        confirmLoading={reply.isPending}
      >
        <Typography.Paragraph type="secondary">{answering?.text}</Typography.Paragraph>
        <Form form={replyForm} layout="vertical" onFinish={(v) => reply.mutate(v)}>
          <Form.Item name="reply" label="答复" rules={[{ required: true, message: '请填写答复' }]}>
            <Input.TextArea rows={4} />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
