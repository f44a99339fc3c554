/** The hazard records tests' common ground: a harness, officers of two towns, three firms, two firm users, uploads. */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll } from 'vitest';
import { createHarness, TOWNS, type THarness } from '../../../../test/harness';
import { firm as makeFirm } from '../../../../test/inspection-fixtures';

export const TODAY = '2026-03-02'; // the harness clock, bureau calendar

type TFirm = { id: number; divisionCode: string; name: string; creditCode: string };

export interface THazardFixtures {
  h: THarness;
  city: string;
  tanzhou: string;
  tanzhou2: string;
  xiaolan: string;
  firmUser: string;
  otherFirmUser: string;
  firmA: TFirm;
  firmB: TFirm;
  firmX: TFirm;
  photo: string;
  pdf: string;
  criterion: { id: number; code: string; title: string };
  generalItem: number;
}

/** The calls a test makes, reading the fixtures when called (they are set in beforeAll). */
export function hazardCalls(f: () => Pick<THazardFixtures, 'h' | 'city' | 'firmA'>) {
  const upload = async (cookie: string, bytes: Buffer, type: string) =>
    (
      await f().h.app.inject({
        method: 'POST',
        url: '/api/attachments?fileName=x',
        headers: { cookie, origin: 'http://localhost', 'content-type': type },
        payload: bytes,
      })
    ).json().sha256 as string;

  async function enterpriseUser(enterpriseId: number, divisionCode: string) {
    const { user, cookie } = await f().h.userWithSession({ role: 'enterprise_user', divisionCode });
    await f().h.db.execute(sql`UPDATE users SET enterprise_id = ${enterpriseId} WHERE id = ${user.id}`);
    return { user, cookie };
  }

  const body = (over: Record<string, unknown> = {}) => ({
    enterpriseId: f().firmA.id,
    source: 'inspection',
    category: 'dust',
    description: '除尘器未设置泄爆装置',
    location: '打磨车间',
    foundOn: TODAY,
    foundBy: '张三',
    responsiblePerson: '李四',
    deadline: '2026-03-20',
    ...over,
  });
  const create = (cookie: string, over: Record<string, unknown> = {}) => f().h.call('POST', '/api/hazards', { cookie, body: body(over) });
  const get = async (cookie: string, id: number) => (await f().h.call('GET', `/api/hazards/${id}`, { cookie })).json();
  const act = (cookie: string, id: number, input: Record<string, unknown>) =>
    f().h.call('POST', `/api/hazards/${id}/actions`, { cookie, body: input });
  /** Acts with the hazard's current version, as the page would. */
  const step = async (cookie: string, id: number, input: Record<string, unknown>) =>
    act(cookie, id, { version: (await get(f().city, id)).version, ...input });

  return { upload, enterpriseUser, body, create, get, act, step };
}

/** Registers the file's beforeAll and afterAll; the fixtures object is filled before the first test. */
export function useHazardFixtures(): THazardFixtures {
  const fx = {} as THazardFixtures;
  const { upload, enterpriseUser } = hazardCalls(() => fx);
  beforeAll(async () => {
    const h = await createHarness();
    fx.h = h;
    await h.services.modules.inspection.catalogue.ensureCatalogue();
    fx.city = (await h.userWithSession({ role: 'bureau_officer' })).cookie;
    fx.tanzhou = (await h.userWithSession({ role: 'town_officer', divisionCode: TOWNS.tanzhou })).cookie;
    fx.tanzhou2 = (await h.userWithSession({ role: 'town_officer', divisionCode: TOWNS.tanzhou })).cookie;
    fx.xiaolan = (await h.userWithSession({ role: 'town_officer', divisionCode: TOWNS.xiaolan })).cookie;
    fx.firmA = await makeFirm(h.db, { name: '中山市坦洲镇永安五金制品有限公司' });
    fx.firmB = await makeFirm(h.db, { name: '中山市坦洲镇隔壁家具有限公司' });
    fx.firmX = await makeFirm(h.db, { divisionCode: TOWNS.xiaolan, name: '中山市小榄镇远方灯饰有限公司' });
    fx.firmUser = (await enterpriseUser(fx.firmA.id, TOWNS.tanzhou)).cookie;
    fx.otherFirmUser = (await enterpriseUser(fx.firmB.id, TOWNS.tanzhou)).cookie;
    fx.photo = await upload(
      fx.firmUser,
      Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from(`photo ${Math.random()}`)]),
      'image/jpeg',
    );
    fx.pdf = await upload(fx.firmUser, Buffer.from(`%PDF-1.7 整改报告 ${Math.random()}`), 'application/pdf');
    const criteria = (await h.call('GET', '/api/hazard-criteria', { cookie: fx.firmUser })).json() as {
      id: number;
      code: string;
      title: string;
    }[];
    fx.criterion = criteria.find((c) => c.code === 'GM-DUST-3')!;
    const all = (await h.call('GET', '/api/inspection-items', { cookie: fx.city })).json() as {
      id: number;
      code: string;
      majorHazard: boolean;
    }[];
    fx.generalItem = all.find((i) => !i.majorHazard)!.id;
  });
  afterAll(() => fx.h.close());
  return fx;
}
