/**
 * The case module's HTTP tests share this world: a harness, officers with enforcement certificates, a leader, legal
 * reviewers, a town officer elsewhere, a firm and an uploaded photo, and helpers that take a case through its stages.
 * Each test file calls `setUpCases()` once (beforeAll) and closes `h` after.
 */
import { sql } from 'drizzle-orm';
import JSZip from 'jszip';
import { expect } from 'vitest';
import { idNumberValid } from '@yingji/domain';
import { queryRows } from '../src/db/client';
import { inspectors } from '../src/db/schema/index';
import { CITY, createHarness, TOWNS, type THarness } from './harness';
import { enterpriseBody } from './enterprise-fixtures';

export let h: THarness;
export const s = { chair: '', officerA: '', officerB: '', leader: '', reviewer: '', xiaolan: '', cityOfficer: '', reviewerOfficer: '' };
export const ids = { a: 0, b: 0, chair: 0, cityOfficer: 0, reviewerOfficer: 0 };
export let firm: number;
export let photo: string;

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAYAAABytg0kAAAAFklEQVR4nGNgYGD4z8DAwMDAwMAAAA8AAQZJ9l4AAAAASUVORK5CYII=',
  'base64',
);
export const ID_NUMBER = (() => {
  const base = '44200019800101123';
  return base + [...'0123456789X'].find((c) => idNumberValid(base + c))!;
})();

const usernames: Partial<Record<keyof typeof s, string>> = {};
/** Sessions end when idle: after moving the clock, every user logs in again. */
export async function setClock(t: string) {
  h.clock.set(t);
  await h.db.execute(sql`UPDATE users SET password_changed_at = ${t}`);
  for (const [k, u] of Object.entries(usernames)) s[k as keyof typeof s] = await h.login(u!);
}
async function session(key: keyof typeof s, o: Parameters<THarness['userWithSession']>[0]) {
  const { user, cookie } = await h.userWithSession(o);
  usernames[key] = user.username;
  s[key] = cookie;
  return user;
}

async function officer(
  key: keyof typeof s,
  role: 'town_officer' | 'bureau_officer' | 'legal_reviewer',
  divisionCode: string,
  name: string,
) {
  const user = await session(key, { role, divisionCode, username: name });
  const cookie = s[key];
  await h.db.execute(sql`UPDATE users SET display_name = ${name} WHERE id = ${user.id}`);
  await h.db.insert(inspectors).values({
    userId: user.id,
    divisionCode,
    certificateNo: `44200${user.id}`,
    certificateExpiresOn: '2028-12-31',
    active: true,
    updatedAt: '2026-01-01T00:00:00Z',
  });
  return { id: user.id, cookie };
}

export const post = (cookie: string, url: string, body: unknown = {}) => h.call('POST', url, { cookie, body });
export const get = (cookie: string, url: string) => h.call('GET', url, { cookie });
export const act = async (cookie: string, id: number, action: string, body: unknown = {}) =>
  post(cookie, `/api/cases/${id}/${action}`, body);
export const ok = async (p: ReturnType<THarness['call']>) => {
  const res = await p;
  expect(res.statusCode, res.body).toBeLessThan(300);
  return res.json();
};

export function caseBody(o: Record<string, unknown> = {}) {
  return {
    enterpriseId: firm,
    person: { name: '王五', idNumber: ID_NUMBER, position: '主要负责人' },
    sourceKind: 'inspection',
    sourceRef: 17,
    summary: '未在有较大危险因素的场所设置明显的安全警示标志',
    violationCodes: ['SAFL-99'],
    occurredOn: '2026-02-20',
    discoveredOn: '2026-03-01',
    divisionCode: TOWNS.tanzhou,
    officerIds: [ids.a, ids.b],
    ...o,
  };
}

/** A case brought to 调查取证 with one evidence item. */
export async function investigating(o: Record<string, unknown> = {}, cookie = s.officerA) {
  const c = await ok(post(cookie, '/api/cases', caseBody(o)));
  await ok(act(s.leader, c.case.id, 'approve-filing'));
  await ok(act(cookie, c.case.id, 'start-investigation'));
  await ok(
    post(cookie, `/api/cases/${c.case.id}/evidence`, { kind: 'photo', title: '现场照片', sha256: photo, collectedOn: '2026-03-01' }),
  );
  return c.case.id as number;
}

export const unitFine = (fineFen: number, circumstance = 'general') => ({
  findings: '经查，该单位仓库未设置安全警示标志。',
  violations: [{ code: 'SAFL-99', target: 'unit', circumstance, fineFen }],
});

/** What must not move when an action is refused. */
export async function snapshot(id: number) {
  const [row] = await queryRows<{ stage: string; version: number }>(h.db, sql`SELECT stage, version FROM cases WHERE id = ${id}`);
  const [n] = await queryRows<{ events: number; docs: number; audit: number }>(
    h.db,
    sql`SELECT (SELECT count(*) FROM case_events WHERE case_id = ${id})::int AS events, (SELECT count(*) FROM case_documents)::int AS docs, (SELECT count(*) FROM audit_log)::int AS audit`,
  );
  return { stage: row!.stage, version: row!.version, events: n!.events, docs: n!.docs, audit: n!.audit };
}

export async function docxText(buffer: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(buffer);
  return (await zip.file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
}

/** A harness with the case catalogue, two officers of 坦洲 and their colleagues, a leader, reviewers and a firm. */
export async function setUpCases(): Promise<void> {
  h = await createHarness();
  await h.services.modules.case.ensureCatalogue();
  const a = await officer('officerA', 'town_officer', TOWNS.tanzhou, '张三');
  const b = await officer('officerB', 'town_officer', TOWNS.tanzhou, '李四');
  const chair = await officer('chair', 'town_officer', TOWNS.tanzhou, '赵六');
  const cityOfficer = await officer('cityOfficer', 'bureau_officer', CITY, '钱七');
  const reviewerOfficer = await officer('reviewerOfficer', 'legal_reviewer', CITY, '孙八');
  Object.assign(ids, { a: a.id, b: b.id, chair: chair.id, cityOfficer: cityOfficer.id, reviewerOfficer: reviewerOfficer.id });
  await session('leader', { role: 'bureau_leader' });
  await session('reviewer', { role: 'legal_reviewer' });
  await session('xiaolan', { role: 'town_officer', divisionCode: TOWNS.xiaolan });
  const city = (await h.userWithSession({ role: 'bureau_officer' })).cookie;
  firm = (await h.call('POST', '/api/enterprises', { cookie: city, body: enterpriseBody(31) })).json().id;
  photo = (
    await h.app.inject({
      method: 'POST',
      url: '/api/attachments?fileName=p.png',
      headers: { cookie: s.officerA, origin: 'http://localhost', 'content-type': 'image/png' },
      payload: PNG,
    })
  ).json().sha256;
}
