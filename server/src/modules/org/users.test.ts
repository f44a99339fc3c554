import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, TEST_PASSWORD, TOWNS, type THarness } from '../../../test/harness';

let h: THarness;
let admin: string;
beforeAll(async () => {
  h = await createHarness();
  admin = (await h.userWithSession({ role: 'admin', username: 'cityadmin' })).cookie;
});
afterAll(() => h.close());

const createUser = (body: object) => h.call('POST', '/api/users', { cookie: admin, body });

describe('user administration', () => {
  it('creates a town officer whose one-time password must be changed at first login', async () => {
    const res = await createUser({
      username: 'tz_zhang',
      displayName: '张三',
      role: 'town_officer',
      divisionCode: TOWNS.tanzhou,
      phone: '0760-86661234',
    });
    expect(res.statusCode).toBe(201);
    const { user, oneTimePassword } = res.json();
    expect(user).toMatchObject({ username: 'tz_zhang', divisionName: '坦洲镇', mustChangePassword: true, disabled: false });
    expect(user).not.toHaveProperty('passwordHash');
    expect(oneTimePassword).toHaveLength(16);
    const cookie = await h.login('tz_zhang', oneTimePassword);
    expect((await h.call('GET', '/api/divisions', { cookie })).json().code).toBe('password_expired');
  });

  it('refuses a duplicate user name in any letter case, naming the field', async () => {
    await createUser({ username: 'dup_user', displayName: '甲', role: 'bureau_officer', divisionCode: '4420' });
    const res = await createUser({ username: 'DUP_user', displayName: '乙', role: 'bureau_officer', divisionCode: '4420' });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toEqual({ code: 'conflict', message: '用户名 DUP_user 已被使用', field: 'username' });
  });

  it.each([
    [{ username: 'ab', displayName: '甲', role: 'bureau_officer', divisionCode: '4420' }, 'username', '用户名至少 3 个字符'],
    [{ username: 'abc', displayName: '', role: 'bureau_officer', divisionCode: '4420' }, 'displayName', '姓名必须填写'],
    [{ username: 'abc', displayName: '甲', role: 'boss', divisionCode: '4420' }, 'role', ''],
    [
      { username: 'abc', displayName: '甲', role: 'bureau_officer', divisionCode: '44x' },
      'divisionCode',
      '行政区划代码应为 2、4、6 或 9 位数字',
    ],
    [
      { username: 'abc', displayName: '甲', role: 'town_officer', divisionCode: '4420' },
      'divisionCode',
      '镇街人员和企业用户必须指定到镇街',
    ],
    [{ username: 'abc', displayName: '甲', role: 'town_officer', divisionCode: '442000999' }, 'divisionCode', '行政区划 442000999 不存在'],
  ])('refuses %j naming %s', async (body, field, message) => {
    const res = await createUser(body);
    expect(res.statusCode).toBe(400);
    expect(res.json().field).toBe(field);
    expect(res.json().message).toContain(message);
  });

  it('refuses a user outside the administrator’s city', async () => {
    const res = await createUser({ username: 'gz_user', displayName: '广州', role: 'bureau_officer', divisionCode: '4401' });
    expect(res.statusCode).toBe(403);
    expect(res.json().field).toBe('divisionCode');
  });

  it('disables a user, ending their sessions, and enables them again', async () => {
    const { user, cookie } = await h.userWithSession({ role: 'bureau_officer' });
    const res = await h.call('PATCH', `/api/users/${user.id}`, { cookie: admin, body: { disabled: true } });
    expect(res.json().disabled).toBe(true);
    expect((await h.call('GET', '/api/auth/me', { cookie })).statusCode).toBe(401);
    await h.call('PATCH', `/api/users/${user.id}`, { cookie: admin, body: { disabled: false } });
    expect((await h.call('POST', '/api/auth/login', { body: { username: user.username, password: TEST_PASSWORD } })).statusCode).toBe(200);
  });

  it('never lets administrators disable or demote themselves', async () => {
    const me = (await h.call('GET', '/api/auth/me', { cookie: admin })).json().user;
    const res = await h.call('PATCH', `/api/users/${me.id}`, { cookie: admin, body: { disabled: true } });
    expect(res.statusCode).toBe(403);
    expect(res.json().message).toBe('不能停用自己的账号或更改自己的角色');
  });

  it('resets a password: the old one stops working, a lock is lifted, the new one must be changed', async () => {
    const user = await h.createUser({ role: 'bureau_officer' });
    for (let i = 0; i < 5; i++) await h.call('POST', '/api/auth/login', { body: { username: user.username, password: 'Wrong#Password1' } });
    const res = await h.call('POST', `/api/users/${user.id}/reset-password`, { cookie: admin });
    expect(res.statusCode).toBe(200);
    expect(res.json().user).toMatchObject({ lockedUntil: null, mustChangePassword: true });
    expect((await h.call('POST', '/api/auth/login', { body: { username: user.username, password: TEST_PASSWORD } })).statusCode).toBe(401);
    expect(
      (await h.call('POST', '/api/auth/login', { body: { username: user.username, password: res.json().oneTimePassword } })).statusCode,
    ).toBe(200);
  });

  it('changes role, division and department together with their rules', async () => {
    const dept = (
      await h.call('POST', '/api/departments', { cookie: admin, body: { name: '安全生产执法科', divisionCode: '4420' } })
    ).json();
    const user = await h.createUser({ role: 'town_officer', divisionCode: TOWNS.xiaolan });
    const promoted = await h.call('PATCH', `/api/users/${user.id}`, {
      cookie: admin,
      body: { role: 'bureau_officer', divisionCode: '4420', departmentId: dept.id },
    });
    expect(promoted.json()).toMatchObject({ role: 'bureau_officer', divisionName: '中山市', departmentName: '安全生产执法科' });
    const bad = await h.call('PATCH', `/api/users/${user.id}`, { cookie: admin, body: { role: 'town_officer' } });
    expect(bad.json()).toMatchObject({ code: 'invalid', field: 'role' });
  });

  it('lists with filters and paging', async () => {
    for (let i = 0; i < 3; i++) await h.createUser({ role: 'town_officer', divisionCode: TOWNS.shiqi, username: `shiqi_${i}` });
    const page = await h.call('GET', `/api/users?divisionCode=${TOWNS.shiqi}&pageSize=2&page=1`, { cookie: admin });
    expect(page.json().total).toBe(3);
    expect(page.json().items).toHaveLength(2);
    const q = await h.call('GET', '/api/users?q=SHIQI_1', { cookie: admin });
    expect(q.json().items.map((u: { username: string }) => u.username)).toEqual(['shiqi_1']);
    const role = await h.call('GET', '/api/users?role=admin', { cookie: admin });
    expect(role.json().items.every((u: { role: string }) => u.role === 'admin')).toBe(true);
    expect((await h.call('GET', '/api/users?pageSize=500', { cookie: admin })).json()).toMatchObject({
      code: 'invalid',
      field: 'pageSize',
    });
  });
});

describe('the user list’s total', () => {
  it('is summed from the roll-ups and equals a count of the accounts, whatever the filter, after accounts move', async () => {
    const moved = await h.createUser({ role: 'town_officer', divisionCode: TOWNS.tanzhou, username: 'tz_total' });
    const disabled = await h.createUser({ role: 'town_officer', divisionCode: TOWNS.shiqi, username: 'sq_total' });
    expect((await h.call('PATCH', `/api/users/${disabled.id}`, { cookie: admin, body: { disabled: true } })).statusCode).toBe(200);
    const patched = await h.call('PATCH', `/api/users/${moved.id}`, { cookie: admin, body: { divisionCode: TOWNS.xiaolan } });
    expect(patched.statusCode).toBe(200);
    const accounts = (await h.call('GET', '/api/users?pageSize=200', { cookie: admin })).json().items as {
      role: string;
      divisionCode: string;
      disabled: boolean;
    }[];
    const filters: [string, (u: (typeof accounts)[number]) => boolean][] = [
      ['', () => true],
      [`divisionCode=${TOWNS.xiaolan}`, (u) => u.divisionCode.startsWith(TOWNS.xiaolan)],
      [`divisionCode=${TOWNS.tanzhou}`, (u) => u.divisionCode.startsWith(TOWNS.tanzhou)],
      ['role=town_officer', (u) => u.role === 'town_officer'],
      ['disabled=true', (u) => u.disabled],
      ['disabled=false&role=admin', (u) => !u.disabled && u.role === 'admin'],
      [`divisionCode=${TOWNS.shiqi}&disabled=true`, (u) => u.divisionCode.startsWith(TOWNS.shiqi) && u.disabled],
    ];
    for (const [query, keep] of filters) {
      const page = (await h.call('GET', `/api/users?pageSize=1&${query}`, { cookie: admin })).json();
      expect([query, page.total]).toEqual([query, accounts.filter(keep).length]);
    }
    expect(accounts.filter((u) => u.disabled).length).toBeGreaterThan(0);
    // a page past the end still reports the total
    const past = (await h.call('GET', `/api/users?pageSize=1&page=100000&divisionCode=${TOWNS.xiaolan}`, { cookie: admin })).json();
    expect(past).toMatchObject({ items: [], total: accounts.filter((u) => u.divisionCode.startsWith(TOWNS.xiaolan)).length });
  });
});

describe('data scope by division', () => {
  it('shows a town officer only their own town', async () => {
    const { cookie } = await h.userWithSession({ role: 'town_officer', divisionCode: TOWNS.tanzhou });
    const divisions = (await h.call('GET', '/api/divisions', { cookie })).json();
    expect(divisions).toEqual([{ code: TOWNS.tanzhou, name: '坦洲镇', level: 'town', parentCode: '442000' }]);
  });

  it('names every town of the city to a town officer, for choosing where a firm moves', async () => {
    const { cookie } = await h.userWithSession({ role: 'town_officer', divisionCode: TOWNS.tanzhou });
    const towns = (await h.call('GET', '/api/divisions/towns', { cookie })).json();
    expect(towns).toHaveLength(23);
    expect(towns.every((d: { level: string }) => d.level === 'town')).toBe(true);
  });

  it('shows a town the bureau’s departments and its own, never another town’s', async () => {
    await h.call('POST', '/api/departments', { cookie: admin, body: { name: '坦洲应急办', divisionCode: TOWNS.tanzhou } });
    await h.call('POST', '/api/departments', { cookie: admin, body: { name: '小榄应急办', divisionCode: TOWNS.xiaolan } });
    const { cookie } = await h.userWithSession({ role: 'town_officer', divisionCode: TOWNS.tanzhou });
    const names = (await h.call('GET', '/api/departments', { cookie })).json().map((d: { name: string }) => d.name);
    expect(names).toContain('坦洲应急办');
    expect(names).toContain('安全生产执法科');
    expect(names).not.toContain('小榄应急办');
  });

  it('gives the city all 23 towns and streets with their code history', async () => {
    const divisions = (await h.call('GET', '/api/divisions', { cookie: admin })).json();
    expect(divisions.filter((d: { level: string }) => d.level === 'town')).toHaveLength(23);
    const history = (await h.call('GET', '/api/divisions/history', { cookie: admin })).json();
    expect(history).toContainEqual(
      expect.objectContaining({ oldCode: '442000104', oldName: '东升镇', newCode: '442000118', kind: 'merge' }),
    );
  });

  it('hides and protects users of another city from a city administrator', async () => {
    const outsider = await h.createUser({ role: 'bureau_officer', divisionCode: '4401' });
    const list = (await h.call('GET', '/api/users?pageSize=200', { cookie: admin })).json();
    expect(list.items.map((u: { id: number }) => u.id)).not.toContain(outsider.id);
    const res = await h.call('PATCH', `/api/users/${outsider.id}`, { cookie: admin, body: { displayName: '改' } });
    expect(res.statusCode).toBe(403);
    expect(res.json().message).toBe('该用户不在您的管辖范围内');
  });
});
