import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { REVIEW_CRITERIA, REVIEW_CRITERION_LABELS, type TReviewRound, type TReviewScore } from '@yingji/domain/case/case.schema';
import {
  App,
  Button,
  Card,
  Checkbox,
  Col,
  Empty,
  Form,
  Input,
  InputNumber,
  List,
  Modal,
  Result,
  Row,
  Select,
  Spin,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { caseReviewApi } from '../../api/case.api';
import { useCurrentMe } from '../../app/auth';
import { formatTime } from '../../app/locale';
import { useCaseErrorHandler } from './case-data';
import { useReviewerOptions } from './case-review-data';
import './case.css';

type TFile = TReviewRound['files'][number];
interface TValues {
  scores: Record<string, number>;
  problems: { criterion: string; description: string; sendBack: boolean }[];
  comment?: string;
}

/** The score sheet of one file: six criteria out of 100, the problems found (each may go back as a correction task). */
function ScoreModal({ roundId, file, onClose }: { roundId: number; file: TFile | null; onClose: () => void }) {
  const [form] = Form.useForm<TValues>();
  const client = useQueryClient();
  const { message } = App.useApp();
  const onError = useCaseErrorHandler();
  const save = useMutation({
    mutationFn: (v: TValues) =>
      caseReviewApi.score(roundId, file!.caseId, {
        scores: v.scores,
        problems: v.problems ?? [],
        comment: v.comment || null,
      } as TReviewScore),
    onSuccess: (round) => {
      client.setQueryData(['case', 'review', roundId], round);
      void client.invalidateQueries({ queryKey: ['case', 'review-report', roundId] });
      void message.success('评分已保存');
      onClose();
    },
    onError: (e) => onError(e, form),
  });
  return (
    <Modal
      open={!!file}
      title={`评查案卷 ${file?.caseNo ?? ''}`}
      width={720}
      onCancel={onClose}
      okText="保存评分"
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Form<TValues>
        form={form}
        layout="vertical"
        name="case-review-score"
        initialValues={{ scores: Object.fromEntries(REVIEW_CRITERIA.map((c) => [c, 100])), problems: [] }}
        onFinish={(v) => save.mutate(v)}
      >
        <Row gutter={12}>
          {REVIEW_CRITERIA.map((c) => (
            <Col span={8} key={c}>
              <Form.Item
                name={['scores', c]}
                label={`${REVIEW_CRITERION_LABELS[c]}（满分 100）`}
                rules={[{ required: true, message: '请评分' }]}
              >
                <InputNumber min={0} max={100} precision={0} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          ))}
        </Row>
        <Typography.Title level={5} className="section-title">
          发现的问题
        </Typography.Title>
        <Form.List name="problems">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Row gutter={8} key={f.key} align="top">
                  <Col span={5}>
                    <Form.Item name={[f.name, 'criterion']} rules={[{ required: true, message: '评查项' }]}>
                      <Select options={REVIEW_CRITERIA.map((c) => ({ value: c, label: REVIEW_CRITERION_LABELS[c] }))} />
                    </Form.Item>
                  </Col>
                  <Col span={12}>
                    <Form.Item name={[f.name, 'description']} rules={[{ required: true, whitespace: true, message: '请描述问题' }]}>
                      <Input placeholder="问题描述" />
                    </Form.Item>
                  </Col>
                  <Col span={5}>
                    <Form.Item name={[f.name, 'sendBack']} valuePropName="checked">
                      <Checkbox>退回整改</Checkbox>
                    </Form.Item>
                  </Col>
                  <Col span={2}>
                    <Button type="link" danger onClick={() => remove(f.name)}>
                      删除
                    </Button>
                  </Col>
                </Row>
              ))}
              <Button onClick={() => add({ criterion: 'documents', sendBack: true })} style={{ marginBottom: 16 }}>
                添加问题
              </Button>
            </>
          )}
        </Form.List>
        <Form.Item name="comment" label="评查意见">
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function Report({ roundId, scoredCount }: { roundId: number; scoredCount: number }) {
  const report = useQuery({ queryKey: ['case', 'review-report', roundId, scoredCount], queryFn: () => caseReviewApi.report(roundId) });
  if (!report.data) return <Spin />;
  const r = report.data;
  return (
    <Card variant="borderless" title="评查报告" data-testid="review-report">
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Table
            rowKey="divisionCode"
            size="small"
            pagination={false}
            dataSource={r.byBody}
            columns={[
              { title: '办案机关', render: (_, b) => b.divisionName ?? b.divisionCode },
              { title: '案卷', align: 'right', render: (_, b) => `${b.scored} / ${b.files}` },
              { title: '平均得分', align: 'right', render: (_, b) => (b.averageScore === null ? '—' : b.averageScore.toFixed(1)) },
            ]}
          />
        </Col>
        <Col xs={24} md={12}>
          <Table
            rowKey="criterion"
            size="small"
            pagination={false}
            dataSource={r.byCriterion}
            columns={[
              { title: '评查项', dataIndex: 'label' },
              { title: '平均得分', align: 'right', render: (_, c) => (c.averageScore === null ? '—' : c.averageScore.toFixed(1)) },
            ]}
          />
        </Col>
      </Row>
      <Typography.Title level={5} className="section-title" style={{ marginTop: 16 }}>
        典型问题
      </Typography.Title>
      {r.problems.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚未发现问题" />
      ) : (
        <List
          size="small"
          dataSource={r.problems}
          renderItem={(p) => (
            <List.Item>
              <div className="cell-stack">
                <span>
                  {p.divisionName ?? p.divisionCode} · <Tag>{p.label}</Tag> {p.count} 个
                </span>
                <span className="cell-sub">{p.examples.join('；')}</span>
              </div>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

/** One review round: the files with their reviewers and scores, the score sheet for one's own files, the report. */
export function CaseReviewPage() {
  const id = Number(useParams().id);
  const me = useCurrentMe();
  const reviewers = useReviewerOptions();
  const round = useQuery({ queryKey: ['case', 'review', id], queryFn: () => caseReviewApi.round(id) });
  const [scoring, setScoring] = useState<TFile | null>(null);
  if (round.isPending) return <Spin className="full-page-center" size="large" />;
  if (round.isError) return <Result status="warning" title={(round.error as Error).message} />;
  const r = round.data;
  const columns: TableColumnsType<TFile> = [
    { title: '案卷', render: (_, f) => <Link to={`/cases/${f.caseId}`}>{f.caseNo ?? `案件 ${f.caseId}`}</Link> },
    { title: '评查人员', width: 140, render: (_, f) => (f.reviewerId ? (reviewers.names.get(f.reviewerId) ?? `#${f.reviewerId}`) : '—') },
    {
      title: '得分',
      width: 90,
      align: 'right',
      render: (_, f) => (f.totalScore === null ? <span className="cell-sub">未评</span> : f.totalScore.toFixed(1)),
    },
    { title: '评查时间', width: 170, render: (_, f) => formatTime(f.scoredAt) },
    {
      title: '',
      width: 100,
      render: (_, f) =>
        f.reviewerId === me.user.id && r.status === 'open' ? (
          <Button size="small" type={f.scoredAt ? 'default' : 'primary'} onClick={() => setScoring(f)}>
            {f.scoredAt ? '重新评分' : '评分'}
          </Button>
        ) : null,
    },
  ];
  const scored = r.files.filter((f) => f.scoredAt).length;
  return (
    <div className="page">
      <div className="page-header">
        <Typography.Title level={4} className="page-title">
          {r.title}
        </Typography.Title>
        <div className="page-actions">
          <Link to="/cases/reviews">返回评查活动</Link>
        </div>
      </div>
      <Card
        variant="borderless"
        title={`评查案卷（已评 ${scored} / ${r.files.length}）`}
        extra={
          <span className="cell-sub">{`案卷范围 ${r.periodFrom} 至 ${r.periodTo} · ${r.pick === 'random' ? '随机抽取' : '指定案卷'}`}</span>
        }
        style={{ marginBottom: 16 }}
      >
        <Table<TFile> rowKey="caseId" size="middle" columns={columns} dataSource={r.files} pagination={false} />
      </Card>
      <Report roundId={id} scoredCount={scored} />
      <ScoreModal roundId={id} file={scoring} onClose={() => setScoring(null)} />
    </div>
  );
}
