import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../../db/client';
import { TOWNS } from '../../../../test/harness';
import { act, firm, get, h, investigating, ok, post, s, setClock, setUpCases, snapshot, unitFine } from '../../../../test/case-fixtures';

beforeAll(setUpCases);
afterAll(() => h.close());

describe('document numbers', () => {
  async function ready(n: number): Promise<number[]> {
    const out: number[] = [];
    for (let i = 0; i < n; i++) {
      const id = await investigating({ enterpriseId: firm, person: null });
      await ok(act(s.officerA, id, 'propose', unitFine(1_000_000)));
      await ok(act(s.officerA, id, 'notify', { notifiedOn: '2026-08-01' }));
      await ok(act(s.officerA, id, 'waive-rights', { waivedOn: '2026-08-01' }));
      out.push(id);
    }
    return out;
  }

  it('concurrent decisions get consecutive numbers without gaps or duplicates', async () => {
    await setClock('2026-08-01T02:00:00Z');
    const cases = await ready(6);
    const [{ last } = { last: 0 }] = await queryRows<{ last: number }>(
      h.db,
      sql`SELECT last_seq AS last FROM case_document_sequences WHERE division_code = ${TOWNS.tanzhou} AND year = 2026 AND kind = 'decision'`,
    );
    const results = await Promise.all(cases.map((id) => act(s.leader, id, 'decide', { decidedOn: '2026-08-01', outcome: 'penalty' })));
    expect(results.map((r) => r.statusCode)).toEqual(cases.map(() => 200));
    const numbers = results.map((r) => r.json().documents.at(-1).number as string);
    const seqs = numbers.map((n) => Number(/〔2026〕(\d+)号/.exec(n)![1])).sort((a, b) => a - b);
    expect(seqs).toEqual(cases.map((_, i) => last + i + 1));
    expect(new Set(numbers).size).toBe(cases.length);
  });

  it('a duplicate number is refused with nothing changed', async () => {
    const [id] = await ready(1);
    await h.db.execute(
      sql`UPDATE case_document_sequences SET last_seq = last_seq - 1 WHERE division_code = ${TOWNS.tanzhou} AND year = 2026 AND kind = 'decision'`,
    );
    const before = await snapshot(id!);
    const res = await act(s.leader, id!, 'decide', { decidedOn: '2026-08-01', outcome: 'penalty' });
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toMatch(/文书编号 坦洲应急罚〔2026〕\d+号 已被使用/);
    expect(await snapshot(id!)).toEqual(before);
  });
});

/** Uploads these bytes as officer A and answers the stored file's SHA-256. */
async function upload(bytes: Buffer, fileName: string, contentType: string): Promise<string> {
  const res = await h.app.inject({
    method: 'POST',
    url: `/api/attachments?fileName=${fileName}`,
    headers: { cookie: s.officerA, origin: 'http://localhost', 'content-type': contentType },
    payload: bytes,
  });
  expect(res.statusCode).toBe(201);
  return res.json().sha256 as string;
}

describe('who reads a case’s evidence', () => {
  // Issue 14 item 10: the case page shows an evidence file as a picture only when its kind is 照片 (0d2cf06), and
  // as a file link otherwise; so a 照片 must be an image, and the page's API must give each file's kind.
  it('the case answers each evidence file with its kind, a 照片 is an image and a PDF 书证 a PDF; a PDF 照片 is refused', async () => {
    const id = await investigating();
    const png = await upload(
      Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.from(`photo ${Math.random()}`)]),
      'p.png',
      'image/png',
    );
    const pdf = await upload(Buffer.from(`%PDF-1.4\n书证 ${Math.random()}\n%%EOF\n`), 'd.pdf', 'application/pdf');
    await ok(post(s.officerA, `/api/cases/${id}/evidence`, { kind: 'photo', title: '现场照片', sha256: png, collectedOn: '2026-03-01' }));
    await ok(
      post(s.officerA, `/api/cases/${id}/evidence`, { kind: 'document', title: '营业执照复印件', sha256: pdf, collectedOn: '2026-03-01' }),
    );

    const before = await snapshot(id);
    const pdfAsPhoto = await post(s.officerA, `/api/cases/${id}/evidence`, {
      kind: 'photo',
      title: '现场照片',
      sha256: pdf,
      collectedOn: '2026-03-01',
    });
    expect(pdfAsPhoto.statusCode).toBe(400);
    expect(pdfAsPhoto.json()).toMatchObject({ field: 'sha256' });
    expect(pdfAsPhoto.json().message).toContain('照片');
    expect(await snapshot(id)).toEqual(before);

    const detail = (await get(s.officerB, `/api/cases/${id}`)).json();
    // the fixture's case holds one evidence file already; ours are the last two, the refused one is not among them
    expect(detail.evidence.slice(-3).map((e: { kind: string; sha256: string }) => [e.kind, e.sha256])).toEqual([
      [expect.any(String), expect.not.stringMatching(new RegExp(`${png}|${pdf}`))],
      ['photo', png],
      ['document', pdf],
    ]);
    const types = await Promise.all(
      [png, pdf].map(async (sha) => (await get(s.officerB, `/api/attachments/${sha}`)).headers['content-type']),
    );
    expect(types).toEqual(['image/png', 'application/pdf']);
  });

  it('users who may read the case (case.read, its body in scope); a town officer elsewhere gets 404', async () => {
    const id = await investigating();
    const bytes = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from(`evidence ${Math.random()}`)]);
    const sha256 = (
      await h.app.inject({
        method: 'POST',
        url: '/api/attachments?fileName=e.jpg',
        headers: { cookie: s.officerA, origin: 'http://localhost', 'content-type': 'image/jpeg' },
        payload: bytes,
      })
    ).json().sha256 as string;
    const read = async (cookie: string) => (await get(cookie, `/api/attachments/${sha256}`)).statusCode;
    expect([await read(s.officerA), await read(s.officerB)]).toEqual([200, 404]);
    await ok(post(s.officerA, `/api/cases/${id}/evidence`, { kind: 'photo', title: '仓库现场照片', sha256, collectedOn: '2026-03-01' }));
    const refs = await queryRows<{ owner_id: number }>(
      h.db,
      sql`SELECT owner_id FROM attachment_refs WHERE sha256 = ${sha256} AND owner = 'case'`,
    );
    expect(refs.map((r) => r.owner_id)).toEqual([id]);
    expect([await read(s.officerB), await read(s.chair), await read(s.leader), await read(s.reviewer)]).toEqual([200, 200, 200, 200]);
    expect(await read(s.xiaolan)).toBe(404);
  });
});
