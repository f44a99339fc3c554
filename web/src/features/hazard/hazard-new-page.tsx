import { useMutation, useQueryClient } from '@tanstack/react-query';
import { HAZARD_SOURCE_LABELS, type THazardCategory, type THazardSource } from '@yingji/domain';
import { Alert, Button, Card, DatePicker, Form, Input, Select, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { isApiError } from '../../api/client';
import { hazardApi } from '../../api/hazard.api';
import { useCurrentMe } from '../../app/auth';
import { bureauNow, dayjs } from '../../app/locale';
import { useErrorHandler } from '../../app/use-error-handler';
import { PhotoUpload } from '../attachment/photo-upload';
import { CATEGORY_OPTIONS, HAZARD_KEYS, meEnterprise, SOURCE_OPTIONS, useCampaigns, useHazardCriteria } from './hazard-data';
import { PlanFields, toPlan, type TPlanValues } from './hazard-plan-fields';
import '../inspection/inspection-styles.css';
import './hazard.css';
import { FirmPicker } from '../../kit';

interface TValues {
  enterpriseId?: number;
  source: THazardSource;
  category?: THazardCategory;
  criterionItemId?: number | null;
  description: string;
  location: string;
  photos: string[];
  foundOn: dayjs.Dayjs;
  foundBy: string;
  responsiblePerson: string;
  deadline?: dayjs.Dayjs;
  campaignIds: number[];
  plan?: TPlanValues;
}

/** 登记隐患 (bureau and town) / 上报隐患 (an enterprise user, for its own firm, as 企业自查). One column, phone first. */
export function HazardNewPage() {
  const me = useCurrentMe();
  const firm = meEnterprise(me);
  const isEnterprise = me.user.role === 'enterprise_user';
  const [form] = Form.useForm<TValues>();
  const navigate = useNavigate();
  const client = useQueryClient();
  const onError = useErrorHandler();
  const [planProblem, setPlanProblem] = useState<string | null>(null);
  const criteria = useHazardCriteria();
  const campaigns = useCampaigns(!isEnterprise);
  const criterionId = Form.useWatch('criterionItemId', form);
  const today = bureauNow().format('YYYY-MM-DD');

  const criterionOptions = useMemo(() => {
    const groups = new Map<string, { value: number; label: string }[]>();
    for (const c of criteria.data ?? []) {
      const list = groups.get(c.groupName) ?? [];
      list.push({ value: c.id, label: `${c.code} ${c.title}` });
      groups.set(c.groupName, list);
    }
    return [...groups].map(([group, options]) => ({ label: group, title: group, options }));
  }, [criteria.data]);
  const criterion = criteria.data?.find((c) => c.id === criterionId);

  const create = useMutation({
    mutationFn: (v: TValues) => {
      const plan = criterionId ? toPlan(v.plan) : undefined;
      const hasPlan = plan && Object.values(plan).some((x) => x !== null);
      return hazardApi.create({
        enterpriseId: (isEnterprise ? firm?.id : v.enterpriseId) ?? 0,
        source: isEnterprise ? 'self_check' : v.source,
        category: v.category!,
        criterionItemId: v.criterionItemId ?? null,
        description: v.description.trim(),
        location: v.location.trim(),
        photos: v.photos ?? [],
        foundOn: v.foundOn.format('YYYY-MM-DD'),
        foundBy: v.foundBy.trim(),
        responsiblePerson: v.responsiblePerson.trim(),
        deadline: v.deadline!.format('YYYY-MM-DD'),
        campaignIds: v.campaignIds ?? [],
        ...(hasPlan ? { plan } : {}),
      });
    },
    onSuccess: (d) => {
      void client.invalidateQueries({ queryKey: HAZARD_KEYS.all });
      void navigate(`/hazards/${d.id}`, { replace: true });
    },
    onError: (e) => {
      if (isApiError(e) && e.field === 'plan') setPlanProblem(e.message);
      else onError(e, form);
    },
  });

  if (isEnterprise && !firm) {
    return (
      <div className="page record-page">
        <Alert type="warning" showIcon message="您的账号尚未关联企业，无法上报隐患。请联系所在镇街的管理人员。" />
      </div>
    );
  }

  return (
    <div className="page record-page">
      <div className="page-header">
        <Typography.Title level={4} className="page-title">
          {isEnterprise ? '上报隐患' : '登记隐患'}
        </Typography.Title>
      </div>
      <Card variant="borderless">
        <Form<TValues>
          form={form}
          name="hazard-new"
          layout="vertical"
          className="big-form"
          initialValues={{
            source: isEnterprise ? 'self_check' : undefined,
            foundOn: dayjs(today),
            foundBy: me.user.displayName,
            photos: [],
            campaignIds: [],
          }}
          onFinish={(v) => {
            setPlanProblem(null);
            create.mutate(v);
          }}
        >
          {isEnterprise ? (
            <Form.Item label="企业">
              <div className="hazard-fixed">
                {firm?.name} <Tag>{HAZARD_SOURCE_LABELS.self_check}</Tag>
              </div>
            </Form.Item>
          ) : (
            <>
              <Form.Item name="enterpriseId" label="企业" rules={[{ required: true, message: '请选择存在隐患的企业' }]}>
                <FirmPicker
                  onPicked={(e) => {
                    if (e?.address && !form.getFieldValue('location')) form.setFieldValue('location', e.address);
                  }}
                />
              </Form.Item>
              <Form.Item name="source" label="隐患来源" rules={[{ required: true, message: '请选择隐患来源' }]}>
                <Select options={SOURCE_OPTIONS.filter((o) => o.value !== 'self_check')} placeholder="在哪里发现的" />
              </Form.Item>
            </>
          )}
          <Form.Item name="category" label="隐患类别" rules={[{ required: true, message: '请选择隐患类别' }]}>
            <Select options={CATEGORY_OPTIONS} placeholder="选择类别" showSearch={{ optionFilterProp: 'label' }} />
          </Form.Item>
          <Form.Item
            name="criterionItemId"
            label="重大事故隐患判定依据"
            extra={criterion ? undefined : '属于重大事故隐患判定标准所列情形的，请选择对应条目；不选即为一般隐患。'}
          >
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              loading={criteria.isPending}
              options={criterionOptions}
              placeholder="一般隐患（不属于重大事故隐患）"
              popupMatchSelectWidth={false}
            />
          </Form.Item>
          {criterion && (
            <Alert
              type="error"
              className="hazard-major-alert"
              message={
                <span>
                  <Tag color="volcano">重大隐患</Tag>
                  {criterion.title}
                </span>
              }
              description={`${criterion.standard ? `判定依据：${criterion.standard}。` : ''}重大隐患须制定整改方案并做到"五到位"，签收整改前须填写完整。`}
            />
          )}
          {criterion && <PlanFields required={false} problem={planProblem} />}
          <Form.Item
            name="description"
            label="隐患描述"
            rules={[{ required: true, whitespace: true, min: 4, message: '请描述隐患（至少 4 个字）' }, { max: 2000 }]}
          >
            <Input.TextArea rows={3} placeholder="如 配电箱未接地、线路私拉乱接" />
          </Form.Item>
          <Form.Item
            name="location"
            label="隐患部位"
            rules={[{ required: true, whitespace: true, min: 2, message: '请填写隐患部位' }, { max: 200 }]}
          >
            <Input placeholder="如 二号车间东侧配电房" />
          </Form.Item>
          <Form.Item name="photos" label="现场照片">
            <PhotoUpload max={9} />
          </Form.Item>
          <Form.Item name="foundOn" label="发现日期" rules={[{ required: true, message: '请选择发现日期' }]}>
            <DatePicker style={{ width: '100%' }} inputReadOnly disabledDate={(d) => d.format('YYYY-MM-DD') > today} />
          </Form.Item>
          <Form.Item
            name="foundBy"
            label="发现人"
            rules={[{ required: true, whitespace: true, min: 2, message: '请填写发现人' }, { max: 50 }]}
          >
            <Input />
          </Form.Item>
          <Form.Item
            name="responsiblePerson"
            label="整改责任人"
            rules={[{ required: true, whitespace: true, min: 2, message: '请填写整改责任人' }, { max: 50 }]}
          >
            <Input placeholder="企业负责整改的人员" />
          </Form.Item>
          <Form.Item name="deadline" label="整改期限" rules={[{ required: true, message: '请选择整改期限' }]}>
            <DatePicker style={{ width: '100%' }} inputReadOnly disabledDate={(d) => d.format('YYYY-MM-DD') < today} />
          </Form.Item>
          {!isEnterprise && (campaigns.data?.length ?? 0) > 0 && (
            <Form.Item name="campaignIds" label="专项行动">
              <Select
                mode="multiple"
                allowClear
                placeholder="可不选"
                options={(campaigns.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
              />
            </Form.Item>
          )}
          <Button type="primary" htmlType="submit" size="large" block loading={create.isPending}>
            {isEnterprise ? '上报隐患' : '登记隐患'}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
