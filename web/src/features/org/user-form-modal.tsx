import { useMutation, useQueryClient } from '@tanstack/react-query';
import { roleScopeProblem } from '@yingji/domain/org/org.policy';
import { ROLE_LABELS, ROLES, type TRole, type TUser, type TUserCreate, type TUserUpdate } from '@yingji/domain/org/org.schema';
import { Col, Form, Input, Modal, Row, Select, TreeSelect } from 'antd';
import { useEffect, useMemo } from 'react';
import { userApi } from '../../api/org.api';
import { useErrorHandler } from '../../app/use-error-handler';
import { departmentsFor, divisionNames, divisionTree, ORG_KEYS, useDepartments } from './org-data';
import type { TOneTimePasswordNotice } from './one-time-password-modal';
import { FirmPicker, phoneRule, useDivisions } from '../../kit';

interface TUserForm {
  username: string;
  displayName: string;
  role: TRole;
  divisionCode: string;
  departmentId: number | null;
  phone: string;
  /** The firm an enterprise user speaks for (issue 5), a firm of the chosen town. */
  enterpriseId?: number | null;
}

export const ROLE_OPTIONS = ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));

/** Creates a user (`user` null) or edits one; a creation ends by showing the one-time password. */
export function UserFormModal({
  open,
  user,
  onClose,
  onCreated,
}: {
  open: boolean;
  user: TUser | null;
  onClose: () => void;
  onCreated: (notice: TOneTimePasswordNotice) => void;
}) {
  const [form] = Form.useForm<TUserForm>();
  const queryClient = useQueryClient();
  const showError = useErrorHandler();
  const divisions = useDivisions();
  const departments = useDepartments(open);
  const divisionCode = Form.useWatch('divisionCode', form);
  const role = Form.useWatch('role', form);
  const tree = useMemo(() => divisionTree(divisions.data ?? []), [divisions.data]);
  const names = useMemo(() => divisionNames(divisions.data), [divisions.data]);
  const departmentOptions = departmentsFor(departments.data ?? [], divisionCode).map((d) => ({
    value: d.id,
    label: `${d.name}（${names.get(d.divisionCode) ?? d.divisionCode}）`,
  }));

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (user)
      form.setFieldsValue({
        displayName: user.displayName,
        role: user.role,
        divisionCode: user.divisionCode,
        departmentId: user.departmentId,
        phone: user.phone ?? '',
        enterpriseId: user?.enterpriseId ?? null,
      });
  }, [open, user, form]);

  const save = useMutation({
    mutationFn: async (values: TUserForm) => {
      const phone = values.phone?.trim() || null;
      const departmentId = values.departmentId ?? null;
      const enterpriseId = values.role === 'enterprise_user' ? (values.enterpriseId ?? null) : null;
      if (!user) {
        const body: TUserCreate = {
          username: values.username.trim(),
          displayName: values.displayName.trim(),
          role: values.role,
          divisionCode: values.divisionCode,
          ...(departmentId !== null ? { departmentId } : {}),
          ...(phone !== null ? { phone } : {}),
          ...(enterpriseId !== null ? { enterpriseId } : {}),
        };
        const answer = await userApi.create(body);
        return { created: answer };
      }
      // send only what changed, so the audit entry shows the real change
      const change: TUserUpdate = {};
      if (values.displayName.trim() !== user.displayName) change.displayName = values.displayName.trim();
      if (values.role !== user.role) change.role = values.role;
      if (values.divisionCode !== user.divisionCode) change.divisionCode = values.divisionCode;
      if (departmentId !== user.departmentId) change.departmentId = departmentId;
      if (phone !== user.phone) change.phone = phone;
      if (enterpriseId !== (user?.enterpriseId ?? null)) change.enterpriseId = enterpriseId;
      if (Object.keys(change).length === 0) return { created: null };
      await userApi.update(user.id, change);
      return { created: null };
    },
    onSuccess: ({ created }) => {
      void queryClient.invalidateQueries({ queryKey: ORG_KEYS.users });
      onClose();
      if (created) onCreated({ kind: 'create', ...created });
    },
    onError: (e) => showError(e, form),
  });

  return (
    <Modal
      open={open}
      title={user ? `编辑用户：${user.displayName}` : '新建用户'}
      okText={user ? '保存' : '创建'}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={save.isPending}
      width={640}
      mask={{ closable: false }}
      forceRender
    >
      <Form<TUserForm> form={form} layout="vertical" onFinish={(values) => save.mutate(values)} className="modal-form">
        <Row gutter={16}>
          {!user && (
            <Col xs={24} sm={12}>
              <Form.Item
                name="username"
                label="用户名"
                tooltip="用于登录，创建后不能修改；3–32 位英文字母、数字、下划线、点或连字符"
                rules={[
                  { required: true, whitespace: true, message: '请输入用户名' },
                  { pattern: /^[A-Za-z0-9_.-]{3,32}$/, message: '用户名为 3–32 位英文字母、数字、下划线、点或连字符' },
                ]}
              >
                <Input autoComplete="off" placeholder="例如 tanzhou.li" />
              </Form.Item>
            </Col>
          )}
          <Col xs={24} sm={12}>
            <Form.Item name="displayName" label="姓名" rules={[{ required: true, whitespace: true, message: '请输入姓名' }, { max: 50 }]}>
              <Input autoComplete="off" placeholder="真实姓名" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="role" label="角色" rules={[{ required: true, message: '请选择角色' }]}>
              <Select options={ROLE_OPTIONS} placeholder="请选择角色" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="divisionCode"
              label="所属区划（数据范围）"
              dependencies={['role']}
              rules={[
                { required: true, message: '请选择所属区划' },
                ({ getFieldValue }) => ({
                  validator: (_, value: string | undefined) => {
                    const role = getFieldValue('role') as TRole | undefined;
                    const problem = role && value ? roleScopeProblem(role, value) : null;
                    return problem ? Promise.reject(new Error(problem)) : Promise.resolve();
                  },
                }),
              ]}
            >
              <TreeSelect
                treeData={tree}
                showSearch={{ treeNodeFilterProp: 'title' }}
                treeDefaultExpandAll
                loading={divisions.isPending}
                placeholder="选择市或镇街，可输入名称搜索"
                onChange={(code: string) => {
                  const current = form.getFieldValue('departmentId') as number | null | undefined;
                  const stillFits = departmentsFor(departments.data ?? [], code).some((d) => d.id === current);
                  if (current != null && !stillFits) form.setFieldValue('departmentId', null);
                  form.setFieldValue('enterpriseId', null);
                }}
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="departmentId" label="科室">
              <Select
                allowClear
                options={departmentOptions}
                loading={departments.isPending}
                placeholder="可不选"
                showSearch={{ optionFilterProp: 'label' }}
                notFoundContent="该区划下暂无科室"
              />
            </Form.Item>
          </Col>
          {role === 'enterprise_user' && (
            <Col xs={24}>
              <Form.Item
                name="enterpriseId"
                label="所属企业"
                tooltip="企业用户只能查看和处理本企业的隐患；须为所选镇街的企业"
                rules={[{ required: true, message: '企业用户须选择所属企业' }]}
              >
                <FirmPicker
                  divisionCode={divisionCode}
                  current={user?.enterpriseId ? { id: user.enterpriseId, name: user.enterpriseName ?? `企业 #${user.enterpriseId}` } : null}
                />
              </Form.Item>
            </Col>
          )}
          <Col xs={24} sm={12}>
            <Form.Item name="phone" label="联系电话" rules={[phoneRule()]}>
              <Input autoComplete="off" placeholder="可不填" />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
