import { EditOutlined, GlobalOutlined, RedoOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { DRAW_STATUS_LABELS, type TDrawTargetView } from '@yingji/domain/inspection/draw.schema';
import {
  App,
  Button,
  Card,
  Descriptions,
  Form,
  Grid,
  Input,
  Modal,
  Popconfirm,
  Result,
  Space,
  Spin,
  Steps,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { drawApi, PLAN_KEYS } from '../../api/inspection-plan.api';
import { formatTime } from '../../app/locale';
import { useErrorHandler } from '../../app/use-error-handler';
import { DRAW_STATUS_COLORS, STRATUM_COLORS, stratumLabel } from './draw-data';
import { DrawVerifyPanel } from './draw-verify-panel';
import './plan-draw.css';

const PAGE_SIZE = 100;

/** One draw: commit → draw → publish, the published values, the drawn firms and their inspectors. */
export function DrawDetailPage() {
  const id = Number(useParams().id);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const showError = useErrorHandler();
  const { message } = App.useApp();
  const isPhone = Grid.useBreakpoint().md === false;
  const [page, setPage] = useState(1);
  /** The open dialog: 重新抽取 (unpublished draw) or 更正抽取 (published draw). */
  const [redrawing, setRedrawing] = useState<'redraw' | 'correct' | null>(null);
  const [form] = Form.useForm<{ reason: string }>();

  const detail = useQuery({ queryKey: [...PLAN_KEYS.draw(id), page], queryFn: () => drawApi.detail(id, page, PAGE_SIZE) });
  const done = (text: string) => {
    void message.success(text);
    void queryClient.invalidateQueries({ queryKey: PLAN_KEYS.all });
  };
  const execute = useMutation({
    mutationFn: () => drawApi.execute(id),
    onSuccess: (d) => done(`抽取完成：抽中 ${d.targetCount} 家企业，种子已公开`),
    onError: (e) => showError(e),
  });
  const publish = useMutation({
    mutationFn: () => drawApi.publish(id),
    onSuccess: () => done('抽取结果已向社会公开'),
    onError: (e) => showError(e),
  });
  const redraw = useMutation({
    mutationFn: ({ mode, reason }: { mode: 'redraw' | 'correct'; reason: string }) =>
      mode === 'redraw' ? drawApi.redraw(id, reason) : drawApi.correct(id, reason),
    onSuccess: (d, { mode }) => {
      done(mode === 'redraw' ? '原抽取已作废并保留，已为重新抽取生成新的承诺' : '已生成与原抽取关联的更正抽取，原抽取继续有效');
      setRedrawing(null);
      void navigate(`/inspection/draws/${d.id}`);
    },
    onError: (e) => showError(e, form),
  });

  if (detail.isPending) return <Spin className="full-page-center" />;
  if (detail.isError)
    return (
      <Result
        status="404"
        title="抽取记录不存在"
        extra={<Button onClick={() => void navigate('/inspection/plans')}>返回计划列表</Button>}
      />
    );
  const { draw, targets, can } = detail.data;
  const step = draw.publishedAt ? 3 : draw.drawnAt ? 2 : 1;

  // 一公开: 20 working days after the check (the bureau's calendar)
  const publication = (t: TDrawTargetView) => {
    if (!t.publishBy) return <Typography.Text type="secondary">—</Typography.Text>;
    if (t.resultPublished) return <Tag color="green">已公示</Tag>;
    if (t.publicationOverdue)
      return (
        <Tag color="red" data-testid="publication-overdue">
          逾期未公示（应于 {t.publishBy} 前）
        </Tag>
      );
    return <Tag color="orange">待公示（{t.publishBy} 前）</Tag>;
  };
  const inspection = (t: TDrawTargetView) => (t.inspectionId ? <Tag color="green">已检查</Tag> : <Tag>待检查</Tag>);
  const columns: TableColumnsType<TDrawTargetView> = [
    { title: '序号', dataIndex: 'position', width: 70 },
    { title: '企业', key: 'firm', render: (_, t) => <Link to={`/enterprises/${t.enterpriseId}`}>{t.enterpriseName}</Link> },
    { title: '镇街', dataIndex: 'divisionName', width: 110 },
    {
      title: '风险等级',
      key: 'stratum',
      width: 100,
      render: (_, t) => <Tag color={STRATUM_COLORS[t.stratum]}>{stratumLabel(t.stratum)}</Tag>,
    },
    { title: '执法人员', key: 'inspectors', width: 200, render: (_, t) => t.inspectorNames.join('、') },
    { title: '检查', key: 'inspection', width: 90, render: (_, t) => inspection(t) },
    { title: '结果公示', key: 'publication', width: 190, render: (_, t) => publication(t) },
  ];
  const phoneColumns: TableColumnsType<TDrawTargetView> = [
    {
      title: '抽中企业',
      key: 'all',
      render: (_, t) => (
        <div className="cell-stack">
          <div className="cell-head">
            <Link to={`/enterprises/${t.enterpriseId}`}>
              {t.position}. {t.enterpriseName}
            </Link>
            <Tag color={STRATUM_COLORS[t.stratum]}>{stratumLabel(t.stratum)}</Tag>
          </div>
          <span className="cell-sub">
            {t.divisionName} · {t.inspectorNames.join('、')}
          </span>
          {t.publishBy && <span>{publication(t)}</span>}
        </div>
      ),
    },
  ];

  return (
    <div className="page">
      <div className="page-header">
        <Space wrap>
          <Typography.Title level={4} className="page-title">
            {draw.planTitle} · {draw.label}
          </Typography.Title>
          <Tag color={DRAW_STATUS_COLORS[draw.status]}>{DRAW_STATUS_LABELS[draw.status]}</Tag>
        </Space>
        <div className="page-actions">
          <Button onClick={() => void navigate(`/inspection/plans/${draw.planId}`)}>返回计划</Button>
          {can.draw && (
            <Popconfirm title="按已冻结的名录执行抽取并公开种子？" onConfirm={() => execute.mutate()}>
              <Button type="primary" icon={<ThunderboltOutlined />} loading={execute.isPending} data-testid="draw-execute">
                执行抽取
              </Button>
            </Popconfirm>
          )}
          {can.publish && (
            <Popconfirm title="公开后，抽取结果、种子和执法人员姓名将在公示页面显示。确认公开？" onConfirm={() => publish.mutate()}>
              <Button type="primary" icon={<GlobalOutlined />} loading={publish.isPending} data-testid="draw-publish">
                向社会公开
              </Button>
            </Popconfirm>
          )}
          {can.redraw && (
            <Button danger icon={<RedoOutlined />} onClick={() => (form.resetFields(), setRedrawing('redraw'))}>
              重新抽取
            </Button>
          )}
          {can.correct && (
            <Button icon={<EditOutlined />} onClick={() => (form.resetFields(), setRedrawing('correct'))} data-testid="draw-correct">
              更正抽取
            </Button>
          )}
        </div>
      </div>
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <Card>
          <Steps
            className="draw-steps"
            current={step}
            size="small"
            items={[
              { title: '生成承诺', description: formatTime(draw.committedAt) },
              { title: '执行抽取', description: draw.drawnAt ? formatTime(draw.drawnAt) : '待执行' },
              { title: '向社会公开', description: draw.publishedAt ? formatTime(draw.publishedAt) : '待公开' },
            ]}
          />
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label="种子承诺值 SHA-256(种子)">
              <span className="hash">{draw.commitment}</span>
            </Descriptions.Item>
            <Descriptions.Item label={`候选企业名录哈希（${draw.candidateCount} 家）`}>
              <span className="hash">{draw.candidatesHash}</span>
            </Descriptions.Item>
            <Descriptions.Item label={`执法人员名录哈希（${draw.inspectorCount} 名）`}>
              <span className="hash">{draw.inspectorsHash}</span>
            </Descriptions.Item>
            <Descriptions.Item label="种子">
              {draw.seed ? <span className="hash">{draw.seed}</span> : <Typography.Text type="secondary">执行抽取后公开</Typography.Text>}
            </Descriptions.Item>
            {draw.redrawOf && (
              <Descriptions.Item label="重新抽取">
                替代 <Link to={`/inspection/draws/${draw.redrawOf}`}>抽取 #{draw.redrawOf}</Link>，原因：{draw.redrawReason}
              </Descriptions.Item>
            )}
            {draw.correctionOf && (
              <Descriptions.Item label="更正抽取">
                更正已公开的 <Link to={`/inspection/draws/${draw.correctionOf}`}>抽取 #{draw.correctionOf}</Link>（原抽取继续有效），原因：
                {draw.correctionReason}
              </Descriptions.Item>
            )}
            {draw.correctedBy && (
              <Descriptions.Item label="已更正">
                已由 <Link to={`/inspection/draws/${draw.correctedBy}`}>抽取 #{draw.correctedBy}</Link> 更正，本抽取继续有效
              </Descriptions.Item>
            )}
            {draw.supersededBy && (
              <Descriptions.Item label="已作废">
                已由 <Link to={`/inspection/draws/${draw.supersededBy}`}>抽取 #{draw.supersededBy}</Link> 重新抽取
              </Descriptions.Item>
            )}
          </Descriptions>
        </Card>
        {draw.drawnAt && (
          <Card title="复算验证">
            <DrawVerifyPanel drawId={id} load={() => drawApi.inputs(id)} inputsUrl={drawApi.inputsUrl(id)} />
          </Card>
        )}
        <Card title={`抽中企业（${draw.targetCount} 家）`}>
          <Table
            rowKey="id"
            size={isPhone ? 'small' : 'middle'}
            dataSource={targets}
            columns={isPhone ? phoneColumns : columns}
            pagination={{
              current: page,
              pageSize: PAGE_SIZE,
              total: draw.targetCount,
              onChange: setPage,
              hideOnSinglePage: true,
              showSizeChanger: false,
            }}
            locale={{ emptyText: draw.drawnAt ? '没有抽中企业' : '执行抽取后显示' }}
          />
        </Card>
      </Space>
      <Modal
        title={redrawing === 'correct' ? '更正抽取' : '重新抽取'}
        open={redrawing !== null}
        onCancel={() => setRedrawing(null)}
        onOk={() => form.submit()}
        confirmLoading={redraw.isPending}
        okText={redrawing === 'correct' ? '生成更正抽取' : '作废并重新生成承诺'}
        okButtonProps={{ danger: redrawing === 'redraw' }}
      >
        <Typography.Paragraph>
          {redrawing === 'correct'
            ? '本抽取已向社会公开，抽中企业的检查照常进行，不能重新抽取。系统将按最新名录生成一次新的抽取，与本抽取关联并公开更正原因。'
            : '本次抽取将标为“已作废”并继续公开可查，系统按最新名录重新生成承诺。已有检查记录的抽取不能重新抽取。'}
        </Typography.Paragraph>
        <Form form={form} layout="vertical" onFinish={(v) => redrawing && redraw.mutate({ mode: redrawing, reason: v.reason })}>
          <Form.Item
            name="reason"
            label={redrawing === 'correct' ? '更正原因' : '重新抽取原因'}
            rules={[{ required: true, message: redrawing === 'correct' ? '请填写更正的原因' : '请填写重新抽取的原因' }]}
          >
            <Input.TextArea rows={3} maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
