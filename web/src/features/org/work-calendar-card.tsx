/** The working-day calendar (工作日历) on the settings page: one row per year, a warning for a year not yet entered. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { addDaysToDate, bureauDate } from '@yingji/domain/shared/time';
import { missingCalendarYears, ZWorkCalendarSchema, type TWorkCalendar, type TWorkCalendarYear } from '@yingji/domain/shared/workdays';
import { Alert, App, Button, Card, Form, Input, InputNumber, Modal, Skeleton, Table, Typography } from 'antd';
import { useState } from 'react';
import { settingsApi } from '../../api/org.api';
import { useErrorHandler } from '../../app/use-error-handler';
import { ORG_KEYS } from './org-data';

/** `2027-01-01~2027-01-03` or one date per line → the dates; a bad line is named. */
export function parseDates(text: string): { dates: string[]; bad: string | null } {
  const dates: string[] = [];
  for (const raw of text.split(/[\n,，、]+/)) {
    const line = raw.trim();
    if (!line) continue;
    const m = /^(\d{4}-\d{2}-\d{2})(?:\s*[~至-]{1}\s*(\d{4}-\d{2}-\d{2}))?$/.exec(line.replace(/\s*～\s*/, '~'));
    if (!m) return { dates, bad: line };
    const [, from, to] = m;
    if (!to) dates.push(from!);
    else for (let d = from!; d <= to; d = addDaysToDate(d, 1)) dates.push(d);
  }
  return { dates, bad: null };
}

export function WorkCalendarCard({ canManage }: { canManage: boolean }) {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const showError = useErrorHandler();
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm<{ year: number; holidays: string; workdays: string; source: string }>();
  const calendar = useQuery({ queryKey: ORG_KEYS.settings, queryFn: settingsApi.get });
  const save = useMutation({
    mutationFn: (value: TWorkCalendar) => settingsApi.save('workCalendar', value),
    onSuccess: (answer) => {
      queryClient.setQueryData(ORG_KEYS.settings, answer);
      setAdding(false);
      form.resetFields();
      void message.success('工作日历已保存');
    },
    onError: (e) => showError(e),
  });

  const thisYear = Number(bureauDate(new Date()).slice(0, 4));
  const years = calendar.data?.workCalendar.years ?? [];
  const missing = calendar.data ? missingCalendarYears(calendar.data.workCalendar, thisYear, thisYear + 1) : [];

  const submit = (values: { year: number; holidays: string; workdays: string; source: string }) => {
    const holidays = parseDates(values.holidays ?? '');
    const workdays = parseDates(values.workdays ?? '');
    if (holidays.bad)
      return form.setFields([{ name: 'holidays', errors: [`无法识别“${holidays.bad}”，请写成 2027-01-01 或 2027-01-01~2027-01-03`] }]);
    if (workdays.bad) return form.setFields([{ name: 'workdays', errors: [`无法识别“${workdays.bad}”，请写成 2027-01-04`] }]);
    const year: TWorkCalendarYear = { year: values.year, holidays: holidays.dates, workdays: workdays.dates, source: values.source };
    const next = { years: [...years.filter((y) => y.year !== values.year), year].sort((a, b) => a.year - b.year) };
    const parsed = ZWorkCalendarSchema.safeParse(next);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const field = issue.path.includes('workdays') ? 'workdays' : issue.path.includes('holidays') ? 'holidays' : 'year';
      return form.setFields([{ name: field, errors: [issue.message] }]);
    }
    save.mutate(parsed.data);
  };

  return (
    <Card
      variant="borderless"
      title="工作日历"
      style={{ marginTop: 16 }}
      extra={canManage && <Button onClick={() => setAdding(true)}>录入一年</Button>}
    >
      <Typography.Paragraph type="secondary">
        行政处罚法第八十五条：十日以内的期限（听证申请 5 日、听证通知 7 日、送达 7 日、陈述申辩 3 日）按工作日计算，自送达次日起算；
        周末与国务院办公厅公布的节假日不计，调休上班日计入。每年国务院公布次年安排后请在此录入。
      </Typography.Paragraph>
      {missing.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={`${missing.join('、')} 年的工作日历尚未录入`}
          description="在录入之前，这些年份的工作日期限只跳过周末，不跳过法定节假日，相关期限可能算短。"
        />
      )}
      {calendar.isPending ? (
        <Skeleton active />
      ) : calendar.isError ? (
        <Alert type="error" showIcon title={(calendar.error as Error).message} />
      ) : (
        <Table<TWorkCalendarYear>
          rowKey="year"
          size="small"
          pagination={false}
          dataSource={years}
          columns={[
            { title: '年份', dataIndex: 'year', width: 80 },
            { title: '放假日', render: (_, y) => `${y.holidays.length} 天`, width: 90 },
            { title: '调休上班日', render: (_, y) => y.workdays.join('、') || '无' },
            { title: '依据', dataIndex: 'source' },
          ]}
        />
      )}
      <Modal
        title="录入一年的工作日历"
        open={adding}
        onCancel={() => setAdding(false)}
        onOk={() => form.submit()}
        confirmLoading={save.isPending}
        okText="保存"
        cancelText="取消"
      >
        <Form form={form} layout="vertical" onFinish={submit} initialValues={{ year: thisYear + 1 }}>
          <Form.Item name="year" label="年份" rules={[{ required: true, message: '请填写年份' }]}>
            <InputNumber min={2000} max={2100} precision={0} />
          </Form.Item>
          <Form.Item
            name="holidays"
            label="放假日"
            extra="每行一天或一段，如 2027-01-01~2027-01-03"
            rules={[{ required: true, message: '请填写放假日' }]}
          >
            <Input.TextArea rows={5} />
          </Form.Item>
          <Form.Item name="workdays" label="调休上班日" extra="每行一天，如 2027-01-04；没有则留空">
            <Input.TextArea rows={3} />
          </Form.Item>
          <Form.Item name="source" label="依据" rules={[{ required: true, message: '请填写依据的国务院办公厅通知' }]}>
            <Input placeholder="国务院办公厅关于2027年部分节假日安排的通知" />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
