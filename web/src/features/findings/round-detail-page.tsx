import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  MEASURE_TERM_LABELS,
  MEASURE_TERMS,
  ROUND_SOURCE_LABELS,
  type TMeasure,
  type TRoundDetail,
} from '@yingji/domain/findings/findings.schema';
import { App, Button, Card, DatePicker, Descriptions, Empty, Form, Input, InputNumber, Modal, Radio, Space, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { findingsApi, FINDINGS_KEYS } from '../../api/findings.api';
import { enumLabel, enumOptions } from '../../kit';
import { DueTag, MeasureStateTag, PersonPicker } from './findings-data';

type TFinding = TRoundDetail['findings'][number];
interface TMeasureForm {
  content: string;
  leadLeader: string;
  department: string;
  ownerId: number;
  deadline: Dayjs;
  term: TMeasure['term'];
}

const measureColumns: TableColumnsType<TMeasure> = [
  { title: '整改措施', dataIndex: 'content', render: (v: string, m) => <Link to={`/rectification/measures/${m.id}`}>{v}</Link> },
  { title: '牵头领导', dataIndex: 'leadLeader', width: 90 },
  { title: '责任部门', dataIndex: 'department', width: 130 },
  { title: '责任人', dataIndex: 'ownerName', width: 110 },
  {
    title: '整改时限',
    width: 150,
    render: (_, m) => (
      <Space size={4}>
        {m.deadline}
        <DueTag due={m.due} />
      </Space>
    ),
  },
  { title: '状态', dataIndex: 'state', width: 90, render: (s: TMeasure['state']) => <MeasureStateTag state={s} /> },
];

/** One round: its findings as the feedback groups them, each with its measures; add findings and measures; 三张清单. */
export function RoundDetailPage() {
  const id = Number(useParams().id);
  const qc = useQueryClient();
  const { message } = App.useApp();
  const round = useQuery({ queryKey: [...FINDINGS_KEYS.all, 'round', id], queryFn: () => findingsApi.round(id) });
  const [findingOpen, setFindingOpen] = useState(false);
  const [measureFor, setMeasureFor] = useState<TFinding | null>(null);
  const [findingForm] = Form.useForm<{ section: string; itemNo: number; title: string; quote?: string }>();
  const [measureForm] = Form.useForm<TMeasureForm>();
  const done = (text: string) => {
    void qc.invalidateQueries({ queryKey: FINDINGS_KEYS.all });
    message.success(text);
  };
  const addFinding = useMutation({
    mutationFn: (v: { section: string; itemNo: number; title: string; quote?: string }) =>
      findingsApi.addFinding(id, { ...v, quote: v.quote ?? '' }),
    onSuccess: () => {
      done('已增加问题');
      setFindingOpen(false);
      findingForm.resetFields();
    },
    onError: (e: Error) => message.error(e.message),
  });
  const addMeasure = useMutation({
    mutationFn: (v: TMeasureForm) => findingsApi.addMeasure(measureFor!.id, { ...v, deadline: v.deadline.format('YYYY-MM-DD') }),
    onSuccess: () => {
      done('已增加整改措施');
      setMeasureFor(null);
      measureForm.resetFields();
    },
    onError: (e: Error) => message.error(e.message),
  });

  const r = round.data;
  if (!r) return <Card loading={round.isLoading}>{round.isError ? round.error.message : null}</Card>;
  const sections = [...new Set(r.findings.map((f) => f.section))];

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={r.title}
        extra={
          <Space wrap>
            <Button icon={<DownloadOutlined />} href={findingsApi.listsUrl(id)}>
              导出三张清单
            </Button>
            {r.canManage ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setFindingOpen(true)}>
                增加问题
              </Button>
            ) : null}
          </Space>
        }
      >
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label="来源">{enumLabel(ROUND_SOURCE_LABELS, r.source)}</Descriptions.Item>
          <Descriptions.Item label="检查组">{r.inspector}</Descriptions.Item>
          <Descriptions.Item label="检查期间">
            {r.inspectedFrom} 至 {r.inspectedTo}
          </Descriptions.Item>
          <Descriptions.Item label="反馈日期">{r.feedbackOn}</Descriptions.Item>
          <Descriptions.Item label="反馈文件">{r.feedbackDocument || '—'}</Descriptions.Item>
          <Descriptions.Item label="进度">
            问题 {r.findingCount} 个，措施 {r.measureCount} 项，已销号 {r.signedOffCount} 项，超期 {r.overdueCount} 项
          </Descriptions.Item>
        </Descriptions>
      </Card>
      {r.findings.length === 0 ? (
        <Card>
          <Empty description="还没有录入问题" />
        </Card>
      ) : null}
      {sections.map((section) => (
        <Card key={section} title={section} size="small">
          {r.findings
            .filter((f) => f.section === section)
            .map((f) => (
              <div key={f.id} className="finding-item" style={{ marginBottom: 16 }}>
                <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
                  <Typography.Text strong>
                    {f.itemNo}. {f.title}
                  </Typography.Text>
                  {r.canManage ? (
                    <Button size="small" icon={<PlusOutlined />} onClick={() => setMeasureFor(f)}>
                      增加措施
                    </Button>
                  ) : null}
                </Space>
                {f.quote ? (
                  <Typography.Paragraph type="secondary" style={{ margin: '4px 0 8px' }}>
                    {f.quote}
                  </Typography.Paragraph>
                ) : null}
                <Table
                  rowKey="id"
                  size="small"
                  columns={measureColumns}
                  dataSource={f.measures}
                  pagination={false}
                  scroll={{ x: 800 }}
                  locale={{ emptyText: '尚无整改措施' }}
                />
              </div>
            ))}
        </Card>
      ))}
      <Modal
        title="增加问题"
        open={findingOpen}
        onCancel={() => setFindingOpen(false)}
        onOk={() => findingForm.submit()}
        okText="保存"
        confirmLoading={addFinding.isPending}
      >
        <Form form={findingForm} layout="vertical" onFinish={(v) => addFinding.mutate(v)} initialValues={{ itemNo: r.findings.length + 1 }}>
          <Form.Item name="section" label="所属部分" rules={[{ required: true, message: '请填写问题所属部分' }]}>
            <Input placeholder="如：一、贯彻落实党中央决策部署方面" />
          </Form.Item>
          <Form.Item name="itemNo" label="序号" rules={[{ required: true, message: '请填写序号' }]}>
            <InputNumber min={1} />
          </Form.Item>
          <Form.Item name="title" label="问题" rules={[{ required: true, message: '请填写问题' }]}>
            <Input.TextArea rows={2} />
          </Form.Item>
          <Form.Item name="quote" label="反馈原文">
            <Input.TextArea rows={3} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        title={measureFor ? `增加整改措施：${measureFor.itemNo}. ${measureFor.title}` : ''}
        open={measureFor !== null}
        onCancel={() => setMeasureFor(null)}
        onOk={() => measureForm.submit()}
        okText="保存"
        confirmLoading={addMeasure.isPending}
      >
        <Form form={measureForm} layout="vertical" onFinish={(v) => addMeasure.mutate(v)} initialValues={{ term: 'immediate' }}>
          <Form.Item name="content" label="整改措施" rules={[{ required: true, message: '请填写整改措施' }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
          <Form.Item name="leadLeader" label="牵头领导" rules={[{ required: true, message: '请填写牵头领导' }]}>
            <Input />
          </Form.Item>
          <Form.Item name="department" label="责任部门" rules={[{ required: true, message: '请填写责任部门' }]}>
            <Input />
          </Form.Item>
          <Form.Item name="ownerId" label="责任人" rules={[{ required: true, message: '请指定整改责任人' }]}>
            <PersonPicker />
          </Form.Item>
          <Form.Item name="deadline" label="整改时限" rules={[{ required: true, message: '请选择整改时限' }]}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="term" label="整改类型">
            <Radio.Group options={enumOptions(MEASURE_TERMS, MEASURE_TERM_LABELS)} />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
