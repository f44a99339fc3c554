import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ROLE_LABELS, ROLES, type TRole, type TUser } from '@yingji/domain/org/org.schema';
import { App, Button, Popconfirm, Space, Tag, TreeSelect } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { userApi } from '../../api/org.api';
import { useCan, useCurrentMe } from '../../app/auth';
import { dayjs, formatTime } from '../../app/locale';
import { useErrorHandler } from '../../app/use-error-handler';
import { ListPage, param, SelectFilter, useDivisions, useListParams } from '../../kit';
import { OneTimePasswordModal, type TOneTimePasswordNotice } from './one-time-password-modal';
import { divisionTree, ORG_KEYS } from './org-data';
import { ROLE_OPTIONS, UserFormModal } from './user-form-modal';

const FILTERS = { q: param.text(), role: param.oneOf(ROLES), divisionCode: param.text(), disabled: param.flag() };
const STATE_OPTIONS = [
  { value: 'false', label: '正常' },
  { value: 'true', label: '已停用' },
];

/** One state per account, the most important first: disabled, locked, must change password, active. */
function StatusTag({ user }: { user: TUser }) {
  if (user.disabled) return <Tag color="red">已停用</Tag>;
  if (user.lockedUntil !== null && dayjs(user.lockedUntil).isAfter(dayjs())) return <Tag color="orange">已锁定</Tag>;
  if (user.mustChangePassword) return <Tag color="gold">待改密</Tag>;
  return <Tag color="green">正常</Tag>;
}

export function UsersPage() {
  const me = useCurrentMe();
  const can = useCan();
  const canManage = can('user.manage');
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const showError = useErrorHandler();
  const divisions = useDivisions();
  const tree = useMemo(() => divisionTree(divisions.data ?? []), [divisions.data]);

  const list = useListParams(FILTERS);
  const { filter, page, pageSize } = list;
  const [editing, setEditing] = useState<{ user: TUser | null } | null>(null);
  const [notice, setNotice] = useState<TOneTimePasswordNotice | null>(null);

  const users = useQuery({
    queryKey: [...ORG_KEYS.users, filter, page, pageSize],
    queryFn: () => userApi.list({ ...filter, page, pageSize }),
    placeholderData: keepPreviousData,
  });

  const toggle = useMutation({
    mutationFn: (u: TUser) => userApi.update(u.id, { disabled: !u.disabled }),
    onSuccess: (u) => {
      void message.success(u.disabled ? `已停用 ${u.displayName}` : `已启用 ${u.displayName}`);
      void queryClient.invalidateQueries({ queryKey: ORG_KEYS.users });
    },
    onError: (e) => showError(e),
  });

  const reset = useMutation({
    mutationFn: (u: TUser) => userApi.resetPassword(u.id),
    onSuccess: (answer) => {
      setNotice({ kind: 'reset', ...answer });
      void queryClient.invalidateQueries({ queryKey: ORG_KEYS.users });
    },
    onError: (e) => showError(e),
  });

  const columns: TableColumnsType<TUser> = [
    {
      title: '姓名 / 用户名',
      key: 'name',
      width: 150,
      render: (_, u) => (
        <div className="cell-stack">
          <span>{u.displayName}</span>
          <span className="cell-sub mono">{u.username}</span>
        </div>
      ),
    },
    {
      title: '角色',
      dataIndex: 'role',
      width: 140,
      render: (r: TRole, u) => (
        <div className="cell-stack">
          <span>{ROLE_LABELS[r]}</span>
          {u.enterpriseName && <span className="cell-sub">{u.enterpriseName}</span>}
        </div>
      ),
    },
    {
      title: '区划 / 科室',
      key: 'division',
      width: 150,
      render: (_, u) => (
        <div className="cell-stack">
          <span>{u.divisionName ?? u.divisionCode}</span>
          <span className="cell-sub">{u.departmentName ?? '未分配科室'}</span>
        </div>
      ),
    },
    { title: '联系电话', dataIndex: 'phone', width: 130, render: (v: string | null) => v ?? '—' },
    { title: '状态', key: 'status', width: 90, render: (_, u) => <StatusTag user={u} /> },
    { title: '最近登录', dataIndex: 'lastLoginAt', width: 170, render: (v: string | null) => formatTime(v) },
  ];
  const actions = (u: TUser) => (
    <Space size={0} wrap>
      <Button type="link" size="small" onClick={() => setEditing({ user: u })}>
        编辑
      </Button>
      <Popconfirm
        title="重置密码"
        description={`将为 ${u.displayName} 生成新的一次性密码，原密码立即失效。`}
        okText="重置"
        cancelText="取消"
        onConfirm={() => reset.mutateAsync(u).catch(() => undefined)}
      >
        <Button type="link" size="small">
          重置密码
        </Button>
      </Popconfirm>
      {u.id !== me.user.id && (
        <Popconfirm
          key={u.disabled ? 'enable' : 'disable'}
          title={u.disabled ? '启用账号' : '停用账号'}
          description={u.disabled ? `启用后 ${u.displayName} 可以重新登录。` : `停用后 ${u.displayName} 将无法登录。`}
          okText={u.disabled ? '启用' : '停用'}
          okButtonProps={{ danger: !u.disabled }}
          cancelText="取消"
          onConfirm={() => toggle.mutateAsync(u).catch(() => undefined)}
        >
          <Button type="link" size="small" danger={!u.disabled}>
            {u.disabled ? '启用' : '停用'}
          </Button>
        </Popconfirm>
      )}
    </Space>
  );
  if (canManage) columns.push({ title: '操作', key: 'actions', width: 190, fixed: 'right', render: (_, u) => actions(u) });

  const card = (u: TUser) => (
    <div className="cell-stack">
      <div className="cell-head">
        <strong>{u.displayName}</strong>
        <StatusTag user={u} />
      </div>
      <span className="cell-sub">
        <span className="mono">{u.username}</span> · {ROLE_LABELS[u.role]}
      </span>
      <span className="cell-sub">
        {u.divisionName ?? u.divisionCode} · {u.departmentName ?? '未分配科室'}
        {u.phone ? ` · ${u.phone}` : ''}
      </span>
      {canManage && <div className="cell-actions">{actions(u)}</div>}
    </div>
  );

  return (
    <ListPage
      title="用户管理"
      refresh
      actions={
        canManage && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ user: null })}>
            新建用户
          </Button>
        )
      }
      list={list}
      query={users}
      search={{ placeholder: '用户名或姓名', width: 220 }}
      filters={
        <>
          <SelectFilter list={list} name="role" placeholder="全部角色" label="角色" width={170} options={ROLE_OPTIONS} />
          <TreeSelect
            allowClear
            placeholder="全部区划"
            aria-label="区划"
            treeData={tree}
            showSearch={{ treeNodeFilterProp: 'title' }}
            treeDefaultExpandAll
            value={filter.divisionCode}
            onChange={(divisionCode?: string) => list.update({ divisionCode })}
            style={{ width: 170 }}
          />
          <SelectFilter list={list} name="disabled" placeholder="全部状态" label="状态" width={110} options={STATE_OPTIONS} />
        </>
      }
      columns={columns}
      card={card}
      emptyText="没有用户"
      unit="人"
      tableProps={{ scroll: { x: canManage ? 1020 : 830 } }}
    >
      <UserFormModal
        open={editing !== null}
        user={editing?.user ?? null}
        onClose={() => setEditing(null)}
        onCreated={(n) => setNotice(n)}
      />
      <OneTimePasswordModal notice={notice} onClose={() => setNotice(null)} />
    </ListPage>
  );
}
