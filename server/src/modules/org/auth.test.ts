import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, ORIGIN, TEST_PASSWORD, type THarness } from '../../../test/harness';
import { ADDRESS_FAILURES_MAX } from './auth.service';

let h: THarness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

const loginAttempt = (username: string, password: string) => h.call('POST', '/api/auth/login', { body: { username, password } });

describe('上次登录 (the home page)', () => {
  it('is the sign-in before this session: none at the first, the first at the second, whatever later sessions do', async () => {
    const user = await h.createUser({ role: 'bureau_officer' });
    const signIn = async () => {
      const res = await loginAttempt(user.username, TEST_PASSWORD);
      expect(res.statusCode).toBe(200);
      const cookie = `yingji_session=${res.cookies.find((c) => c.name === 'yingji_session')!.value}`;
      return { at: h.clock.now().toISOString(), me: res.json(), cookie };
    };
    const meOf = async (cookie: string) => (await h.call('GET', '/api/auth/me', { cookie })).json();

    const first = await signIn();
    expect(first.me.previousLoginAt).toBeNull();
    h.clock.advanceMinutes(90);
    const second = await signIn();
    expect(second.me.previousLoginAt).toBe(first.at);
    expect((await meOf(second.cookie)).previousLoginAt).toBe(first.at);
    // The users list's 最近登录 stays the latest sign-in.
    expect((await meOf(second.cookie)).user.lastLoginAt).toBe(second.at);

    // Signing in on another device later does not change what this session says.
    h.clock.advanceMinutes(5);
    const third = await signIn();
    expect((await meOf(second.cookie)).previousLoginAt).toBe(first.at);
    expect((await meOf(third.cookie)).previousLoginAt).toBe(second.at);
  });
});

describe('login', () => {
  it('opens a session with an HttpOnly SameSite=Strict cookie and answers who I am', async () => {
    const user = await h.createUser({ role: 'bureau_officer' });
    const res = await loginAttempt(user.username, TEST_PASSWORD);
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'yingji_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(cookie.secure).toBeFalsy();
    expect(res.json()).toMatchObject({ user: { username: user.username, role: 'bureau_officer' }, passwordExpired: false });
    const me = await h.call('GET', '/api/auth/me', { cookie: `yingji_session=${cookie.value}` });
    expect(me.json().user.id).toBe(user.id);
  });

  it('answers a wrong password and an unknown user alike', async () => {
    const user = await h.createUser({ role: 'bureau_officer' });
    const wrong = await loginAttempt(user.username, 'Wrong#Password1');
    const unknown = await loginAttempt('nobody-here', 'Wrong#Password1');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual({ code: 'unauthenticated', message: '用户名或密码错误' });
    expect(unknown.json()).toEqual(wrong.json());
  });

  it('locks the account at the 5th failure for 15 minutes; the 6th attempt is refused even with the right password', async () => {
    const user = await h.createUser({ role: 'bureau_officer' });
    for (let i = 1; i <= 4; i++) expect((await loginAttempt(user.username, `Wrong#${i}xxxxxxx`)).statusCode).toBe(401);
    const fifth = await loginAttempt(user.username, 'Wrong#5xxxxxxx');
    expect(fifth.statusCode).toBe(423);
    expect(fifth.json()).toEqual({ code: 'locked', message: '连续登录失败次数过多，账号已锁定，请 15 分钟后再试' });
    const sixth = await loginAttempt(user.username, TEST_PASSWORD);
    expect(sixth.statusCode).toBe(423);
    h.clock.advanceMinutes(14);
    expect((await loginAttempt(user.username, TEST_PASSWORD)).json().message).toBe('连续登录失败次数过多，账号已锁定，请 1 分钟后再试');
    h.clock.advanceMinutes(1);
    expect((await loginAttempt(user.username, TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('an address with 30 failed sign-ins in 15 minutes waits, whatever the account; another address does not', async () => {
    h.clock.advanceMinutes(60); // the failures of the tests above have left the window
    const user = await h.createUser({ role: 'bureau_officer' });
    const from = (remoteAddress: string, username: string, password: string) =>
      h.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress, headers: { origin: ORIGIN }, payload: { username, password } });
    for (let i = 0; i < ADDRESS_FAILURES_MAX; i++)
      expect((await from('203.0.113.9', `nobody${i}`, 'Wrong#Password1')).statusCode).toBe(401);
    const refused = await from('203.0.113.9', user.username, TEST_PASSWORD);
    expect(refused.statusCode).toBe(429);
    expect(refused.json()).toEqual({ code: 'too_many_requests', message: '该网络地址登录失败次数过多，请 15 分钟后再试' });
    expect((await from('203.0.113.10', user.username, TEST_PASSWORD)).statusCode).toBe(200);
    h.clock.advanceMinutes(15);
    expect((await from('203.0.113.9', user.username, TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('a successful login resets the failure count', async () => {
    const user = await h.createUser({ role: 'bureau_officer' });
    for (let i = 0; i < 4; i++) await loginAttempt(user.username, 'Wrong#Password1');
    expect((await loginAttempt(user.username, TEST_PASSWORD)).statusCode).toBe(200);
    for (let i = 0; i < 4; i++) expect((await loginAttempt(user.username, 'Wrong#Password1')).statusCode).toBe(401);
  });

  it('refuses a disabled account', async () => {
    const user = await h.createUser({ role: 'bureau_officer' });
    const { cookie } = await h.userWithSession({ role: 'admin' });
    await h.call('PATCH', `/api/users/${user.id}`, { cookie, body: { disabled: true } });
    const res = await loginAttempt(user.username, TEST_PASSWORD);
    expect(res.statusCode).toBe(403);
    expect(res.json().message).toBe('该账号已停用，请联系管理员');
  });
});

describe('sessions', () => {
  it('end after 30 idle minutes, and not before', async () => {
    const { cookie } = await h.userWithSession({ role: 'bureau_officer' });
    h.clock.advanceMinutes(29);
    expect((await h.call('GET', '/api/auth/me', { cookie })).statusCode).toBe(200);
    h.clock.advanceMinutes(29);
    expect((await h.call('GET', '/api/auth/me', { cookie })).statusCode).toBe(200);
    h.clock.advanceMinutes(30);
    const res = await h.call('GET', '/api/auth/me', { cookie });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual({ code: 'unauthenticated', message: '请先登录' });
  });

  it('logout ends the session', async () => {
    const { cookie } = await h.userWithSession({ role: 'bureau_officer' });
    expect((await h.call('POST', '/api/auth/logout', { cookie })).statusCode).toBe(204);
    expect((await h.call('GET', '/api/auth/me', { cookie })).statusCode).toBe(401);
  });

  it('refuses a state-changing request without our Origin', async () => {
    const { cookie } = await h.userWithSession({ role: 'bureau_officer' });
    const none = await h.call('POST', '/api/auth/logout', { cookie, origin: null });
    expect(none.statusCode).toBe(403);
    expect(none.json().message).toContain('Origin');
    const other = await h.call('POST', '/api/auth/logout', { cookie, origin: 'https://evil.example' });
    expect(other.statusCode).toBe(403);
    expect(other.json().message).toContain('其他站点');
    expect((await h.call('GET', '/api/auth/me', { cookie })).statusCode).toBe(200);
  });
});

describe('password change', () => {
  const change = (cookie: string, currentPassword: string, newPassword: string) =>
    h.call('POST', '/api/auth/change-password', { cookie, body: { currentPassword, newPassword } });

  it('is forced at first login: every other route answers password_expired until it is done', async () => {
    const user = await h.createUser({ role: 'admin', mustChangePassword: true });
    const cookie = await h.login(user.username);
    const blocked = await h.call('GET', '/api/users', { cookie });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json()).toEqual({ code: 'password_expired', message: '首次登录或密码被重置后，必须先修改密码' });
    expect((await h.call('GET', '/api/auth/me', { cookie })).json().user.mustChangePassword).toBe(true);
    expect((await change(cookie, TEST_PASSWORD, 'Brand#New2026pw')).statusCode).toBe(200);
    expect((await h.call('GET', '/api/users', { cookie })).statusCode).toBe(200);
  });

  it('names every rule a weak password breaks, in Chinese', async () => {
    const { user, cookie } = await h.userWithSession({ role: 'bureau_officer' });
    const elevenChars = await change(cookie, TEST_PASSWORD, 'Abcdefgh1!x');
    expect(elevenChars.statusCode).toBe(422);
    expect(elevenChars.json()).toMatchObject({
      code: 'rule_violation',
      field: 'newPassword',
      message: '密码至少需要 12 个字符，当前只有 11 个',
    });
    const twoClasses = await change(cookie, TEST_PASSWORD, 'abcdefghijkL');
    expect(twoClasses.json().message).toBe('密码需包含大写字母、小写字母、数字、符号中的至少 3 类，当前只有 2 类');
    const withName = await change(cookie, TEST_PASSWORD, `X#1${user.username}`);
    expect(withName.json().details.violations.map((v: { rule: string }) => v.rule)).toContain('contains_username');
    expect((await change(cookie, 'not-my-password', 'Brand#New2026pw')).json()).toMatchObject({
      code: 'invalid',
      field: 'currentPassword',
      message: '当前密码不正确',
    });
  });

  it('refuses any of the last 5 passwords, accepts the 6th back', async () => {
    const { cookie } = await h.userWithSession({ role: 'bureau_officer' });
    const passwords = [TEST_PASSWORD, 'Second#Pass2026', 'Third#Pass20266', 'Fourth#Pass2026', 'Fifth#Pass20266', 'Sixth#Pass20266'];
    for (let i = 1; i < passwords.length; i++) {
      expect((await change(cookie, passwords[i - 1]!, passwords[i]!)).statusCode).toBe(200);
    }
    // History now holds the last 5: Second … Sixth. The first is the 6th back and may return.
    const reused = await change(cookie, 'Sixth#Pass20266', 'Second#Pass2026');
    expect(reused.statusCode).toBe(422);
    expect(reused.json().message).toBe('新密码不能与最近 5 次使用过的密码相同');
    expect((await change(cookie, 'Sixth#Pass20266', TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('expires after 90 days: day 89 works, day 90 must change first', async () => {
    const user = await h.createUser({ role: 'bureau_officer' });
    h.clock.advanceDays(89);
    let cookie = await h.login(user.username);
    expect((await h.call('GET', '/api/departments', { cookie })).statusCode).toBe(200);
    h.clock.advanceDays(1);
    cookie = await h.login(user.username);
    const me = await h.call('GET', '/api/auth/me', { cookie });
    expect(me.json().passwordExpired).toBe(true);
    const blocked = await h.call('GET', '/api/departments', { cookie });
    expect(blocked.json()).toEqual({ code: 'password_expired', message: '密码已过期，请先修改密码' });
    expect((await change(cookie, TEST_PASSWORD, 'Renewed#Pass2026')).statusCode).toBe(200);
    expect((await h.call('GET', '/api/departments', { cookie })).statusCode).toBe(200);
  });

  it('follows the password policy settings', async () => {
    const { cookie: admin } = await h.userWithSession({ role: 'admin' });
    const settings = (await h.call('GET', '/api/settings', { cookie: admin })).json();
    const put = await h.call('PUT', '/api/settings/passwordPolicy', {
      cookie: admin,
      body: { value: { ...settings.passwordPolicy, minLength: 16 } },
    });
    expect(put.statusCode).toBe(200);
    const { cookie } = await h.userWithSession({ role: 'bureau_officer' });
    expect((await change(cookie, TEST_PASSWORD, 'Fifteen#Chars15')).json().message).toBe('密码至少需要 16 个字符，当前只有 15 个');
    await h.call('PUT', '/api/settings/passwordPolicy', { cookie: admin, body: { value: settings.passwordPolicy } });
  });
});
