import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Empty, Form, Input, InputNumber, Result, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { progressReportApi } from './progress-report.api';
import { ReportBody } from './report-body';

const cnDate = (d: string) => `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;

/** 整改进展情况公开: the published reports, newest first. */
export function PublicReportsPage() {
  const list = useQuery({ queryKey: ['public', 'progress-reports'], queryFn: progressReportApi.publicList });
  if (list.isError) return <Result status="warning" title="暂时无法读取公开信息" subTitle="请稍后再试。" />;
  return (
    <div>
      <Typography.Title level={4}>整改进展情况公开</Typography.Title>
      {list.isPending ? (
        <Spin />
      ) : list.data.items.length === 0 ? (
        <Empty description="暂无公开的整改进展情况" />
      ) : (
        list.data.items.map((r) => (
          <Card key={r.id} size="small" style={{ marginBottom: 12 }}>
            <Link to={`/public/progress-reports/${r.id}`}>{r.title}</Link>
            <div className="public-meta">
              <span>{r.issuer}</span>
              <span>
                公开期限：{r.feedbackFrom} 至 {r.feedbackTo}
              </span>
              {r.windowOpen ? <Tag color="green">受理意见建议</Tag> : <Tag>已结束</Tag>}
            </div>
          </Card>
        ))
      )}
    </div>
  );
}

/** One published report, readable without an account, with the feedback form while its window is open. */
export function PublicReportPage() {
  const id = Number(useParams().id);
  const report = useQuery({ queryKey: ['public', 'progress-reports', id], queryFn: () => progressReportApi.publicDetail(id) });
  if (report.isError)
    return <Result status="404" title="该报告不存在或尚未公开" extra={<Link to="/public/progress-reports">返回列表</Link>} />;
  if (!report.data) return <Spin />;
  const r = report.data;
  return (
    <div className="public-report">
      <Card>
        <Typography.Title level={4} style={{ textAlign: 'center' }}>
          {r.title}
        </Typography.Title>
        <ReportBody content={r.content} leadership={r.leadership} nextSteps={r.nextSteps} />
        <Typography.Paragraph style={{ whiteSpace: 'pre-line' }}>
          欢迎广大干部群众对整改落实情况进行监督。如有意见建议，请及时向我们反映。公开期限：{cnDate(r.feedbackFrom)}至{cnDate(r.feedbackTo)}
          。{'\n'}
          {r.contacts}
        </Typography.Paragraph>
        <Typography.Paragraph style={{ textAlign: 'right' }}>
          {r.issuer}
          <br />
          {cnDate(r.publishedOn)}
        </Typography.Paragraph>
      </Card>
      <Card title="提交意见建议" style={{ marginTop: 16 }}>
        {r.windowOpen ? <FeedbackForm id={id} /> : <Alert type="info" showIcon message="公开期限已结束，不再受理意见建议。" />}
      </Card>
    </div>
  );
}

interface TFeedbackForm {
  name?: string;
  contact: string;
  text: string;
  answer: number;
}

function FeedbackForm({ id }: { id: number }) {
  const [form] = Form.useForm<TFeedbackForm>();
  const [sent, setSent] = useState(false);
  const challenge = useQuery({
    queryKey: ['public', 'progress-reports', id, 'challenge'],
    queryFn: () => progressReportApi.challenge(id),
    staleTime: 5 * 60_000,
  });
  const send = useMutation({
    mutationFn: (v: TFeedbackForm) =>
      progressReportApi.feedback(id, {
        name: v.name ?? '',
        contact: v.contact,
        text: v.text,
        answer: v.answer,
        token: challenge.data!.token,
      }),
    onSuccess: () => setSent(true),
    // each question takes one answer: a new one is asked after any refusal
    onSettled: () => {
      form.setFieldValue('answer', undefined);
      void challenge.refetch();
    },
  });
  if (sent) return <Result status="success" title="已收到您的意见建议" subTitle="我们将认真研究并及时答复，感谢您的监督。" />;
  return (
    <Form form={form} layout="vertical" onFinish={(v) => send.mutate(v)} style={{ maxWidth: 640 }}>
      {send.isError ? <Alert type="error" showIcon message={send.error.message} style={{ marginBottom: 12 }} /> : null}
      <Form.Item name="name" label="姓名（可不填）">
        <Input maxLength={50} />
      </Form.Item>
      <Form.Item name="contact" label="联系方式" rules={[{ required: true, message: '请填写联系方式（电话或邮箱），便于答复' }]}>
        <Input maxLength={100} placeholder="电话或电子邮箱" />
      </Form.Item>
      <Form.Item name="text" label="意见建议" rules={[{ required: true, message: '请填写意见建议' }]}>
        <Input.TextArea rows={5} maxLength={2000} showCount />
      </Form.Item>
      <Form.Item
        name="answer"
        label={`验证问题：${challenge.data?.question ?? '加载中…'}`}
        rules={[{ required: true, message: '请回答验证问题' }]}
      >
        <InputNumber style={{ width: 160 }} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={send.isPending} disabled={!challenge.data}>
        提交
      </Button>
    </Form>
  );
}
