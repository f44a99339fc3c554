import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TReviewRound } from '@yingji/domain/case/case.schema';
import { Button, Card, DatePicker, Drawer, Form, Input, InputNumber, Segmented, Select, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { caseApi, caseReviewApi } from '../../api/case.api';
import { bureauNow, dayjs, formatTime } from '../../app/locale';
import { useCaseErrorHandler } from './case-data';
import { useReviewerOptions } from './case-review-data';
import './case.css';

type TRoundItem = Omit<TReviewRound, 'files'>;
interface TValues {
  title: string;
  period: [dayjs.Dayjs, dayjs.Dayjs];
  pick: 'random' | 'chosen';
  sampleSize?: number;
  caseIds?: number[];
  reviewerIds: number[];
}

function NewRoundDrawer({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<TValues>();
  const navigate = useNavigate();
  const client = useQueryClient();
  const onError = useCaseErrorHandler();
  const reviewers = useReviewerOptions();
  const pick = Form.useWatch('pick', form) ?? 'random';
  const period = Form.useWatch('period', form);
  const [q, setQ] = useState('');
  const from = period?.[0]?.format('YYYY-MM-DD');
  const to = period?.[1]?.format('YYYY-MM-DD');
  // the files that may be chosen: cases decided in the period (the server checks again)
  const decided = useQuery({
    queryKey: ['case', 'list', 'reviewable', q],
    queryFn: () => caseApi.list({ q: q || undefined, page: 1, pageSize: 100 }),
    enabled: open && pick === 'chosen',
  });
  const choosable = (decided.data?.items ?? []).filter((c) => c.decidedOn && (!from || c.decidedOn >= from) && (!to || c.decidedOn <= to));
  const save = useMutation({
    mutationFn: (v: TValues) =>
      caseReviewApi.create({
        title: v.title,
        periodFrom: v.period[0].format('YYYY-MM-DD'),
        periodTo: v.period[1].format('YYYY-MM-DD'),
        pick: v.pick,
        ...(v.pick === 'random' ? { sampleSize: v.sampleSize } : { caseIds: v.caseIds }),
        reviewerIds: v.reviewerIds,
      }),
    onSuccess: (round) => {
      void client.invalidateQueries({ queryKey: ['case', 'reviews'] });
      onClose();
      void navigate(`/cases/reviews/${round.id}`);
    },
    onError: (e) => {
      const err = e as { field?: string };
      if (err.field === 'periodFrom' || err.field === 'periodTo') form.setFields([{ name: 'period', errors: [(e as Error).message] }]);
      else onError(e, form);
    },
  });
  const year = bureauNow().year();
  return (
    <Drawer open={open} title="发起案卷评查" size={560} onClose={onClose} destroyOnHidden>
      <Form<TValues>
        form={form}
        layout="vertical"
        name="case-review-new"
        initialValues={{
          title: `${year}年度行政处罚案卷评查`,
          period: [dayjs(`${year}-01-01`), dayjs(bureauNow().format('YYYY-MM-DD'))],
          pick: 'random',
          sampleSize: 10,
          reviewerIds: [],
        }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item name="title" label="评查名称" rules={[{ required: true, whitespace: true, message: '请填写评查名称' }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="period" label="案卷范围（作出决定的日期）" rules={[{ required: true, message: '请选择期间' }]}>
          <DatePicker.RangePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="pick" label="抽取方式">
          <Segmented
            options={[
              { value: 'random', label: '随机抽取' },
              { value: 'chosen', label: '指定案卷' },
            ]}
          />
        </Form.Item>
        {pick === 'random' ? (
          <Form.Item name="sampleSize" label="抽取数量（件）" rules={[{ required: true, message: '请填写抽取数量' }]}>
            <InputNumber min={1} max={500} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        ) : (
          <Form.Item name="caseIds" label="评查案卷" rules={[{ required: true, type: 'array', min: 1, message: '请选择要评查的案卷' }]}>
            <Select
              mode="multiple"
              showSearch
              filterOption={false}
              onSearch={setQ}
              loading={decided.isFetching}
              placeholder="输入案号或当事人搜索期间内已决定的案件"
              notFoundContent="期间内没有已决定的案件"
              options={choosable.map((c) => ({ value: c.id, label: `${c.caseNo ?? c.id} ${c.partyName}` }))}
            />
          </Form.Item>
        )}
        <Form.Item
          name="reviewerIds"
          label="评查人员（不评查本人承办的案卷，系统轮流分配）"
          rules={[{ required: true, type: 'array', min: 1, message: '请至少选择一名评查人员' }]}
        >
          <Select mode="multiple" showSearch optionFilterProp="label" loading={reviewers.isFetching} options={reviewers.options} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          发起评查
        </Button>
      </Form>
    </Drawer>
  );
}

/** 案卷评查: the review rounds; a new round picks files at random or by choice and assigns reviewers. */
export function CaseReviewsPage() {
  const rounds = useQuery({ queryKey: ['case', 'reviews'], queryFn: caseReviewApi.rounds });
  const [open, setOpen] = useState(false);
  const columns: TableColumnsType<TRoundItem> = [
    { title: '评查名称', render: (_, r) => <Link to={`/cases/reviews/${r.id}`}>{r.title}</Link> },
    { title: '案卷范围', width: 220, render: (_, r) => `${r.periodFrom} 至 ${r.periodTo}` },
    { title: '抽取方式', width: 100, render: (_, r) => (r.pick === 'random' ? '随机抽取' : '指定案卷') },
    {
      title: '状态',
      width: 90,
      render: (_, r) => <Tag color={r.status === 'open' ? 'blue' : 'default'}>{r.status === 'open' ? '评查中' : '已结束'}</Tag>,
    },
    { title: '发起时间', width: 170, render: (_, r) => formatTime(r.createdAt) },
  ];
  return (
    <div className="page">
      <div className="page-header">
        <Typography.Title level={4} className="page-title">
          案卷评查
        </Typography.Title>
        <div className="page-actions">
          <Link to="/cases/review-tasks">
            <Button>整改任务</Button>
          </Link>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)}>
            发起评查
          </Button>
        </div>
      </div>
      <Card variant="borderless">
        <Table<TRoundItem>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={rounds.data}
          loading={rounds.isFetching}
          pagination={false}
          locale={{ emptyText: '还没有评查活动' }}
        />
      </Card>
      <NewRoundDrawer open={open} onClose={() => setOpen(false)} />
    </div>
  );
}
