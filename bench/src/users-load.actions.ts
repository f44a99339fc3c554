import type { TLoadClient, TRole, TUser } from './users-load.client';

/**
 * What each role does (bench/src/users-load.ts): lists, detail pages and the workbench; a town officer also updates
 * hazards and records inspections. Weights are the share of a role's clicks; `needs` is the permission the page asks
 * for, and a user is only given the actions his role holds (a duty officer opens no hazard list).
 */
export type TAction = { kind: string; weight: number; needs?: string; run: (u: TUser) => Promise<void> };

export function roleActions(c: TLoadClient, random: () => number): Record<TRole, TAction[]> {
  const { request, done } = c;
  const pick = <T>(xs: T[]): T | undefined => (xs.length ? xs[Math.floor(random() * xs.length)] : undefined);
  const page = () => 1 + Math.floor(random() * 3);
  const get = (kind: string, path: () => string) => (u: TUser) => request(u, kind, 'GET', path()).then(() => {});

  const listHazards = async (u: TUser) => {
    const r = (await request(u, 'hazard list', 'GET', `/api/hazards?page=${page()}&pageSize=20&open=true`)) as
      { items: { id: number; version: number; state: string }[] } | undefined;
    if (r) u.hazards = r.items.map((h) => ({ id: h.id, version: h.version, state: h.state }));
  };
  const listFirms = async (u: TUser) => {
    const r = (await request(u, 'enterprise list', 'GET', `/api/enterprises?page=${page()}&pageSize=20`)) as
      { items: { id: number }[] } | undefined;
    if (r) u.firms = r.items.map((f) => f.id);
  };
  const hazardDetail = async (u: TUser) => {
    const h = pick(u.hazards);
    if (!h) return listHazards(u);
    const r = (await request(u, 'hazard detail', 'GET', `/api/hazards/${h.id}`)) as { version: number; state: string } | undefined;
    if (r) Object.assign(h, { version: r.version, state: r.state });
  };
  const firmDetail = async (u: TUser) => {
    const id = pick(u.firms);
    if (id === undefined) return listFirms(u);
    await request(u, 'enterprise detail', 'GET', `/api/enterprises/${id}`);
  };
  /** 填报整改方案 on an open hazard of the town, with the version last seen: a real write, never refused as stale. */
  const hazardUpdate = async (u: TUser) => {
    const h = pick(u.hazards.filter((x) => ['found', 'ordered', 'rectifying'].includes(x.state)));
    if (!h) return listHazards(u);
    const r = (await request(
      u,
      'hazard update',
      'POST',
      `/api/hazards/${h.id}/actions`,
      {
        action: 'plan',
        version: h.version,
        plan: {
          measures: '更换老化设备，完善安全防护装置（模拟用户）',
          fundsFen: 100_000 + done.writes,
          deadline: null,
          responsiblePerson: '张伟',
          contingency: '整改期间设置警戒区域，专人监护',
        },
      },
      true,
    )) as { version: number } | undefined;
    if (r) {
      h.version = r.version;
      done.writes++;
    } else {
      // another officer of the town changed it first (409): read it again, as the page tells the user to
      const fresh = (await request(u, 'hazard detail', 'GET', `/api/hazards/${h.id}`)) as { version: number; state: string } | undefined;
      if (fresh) Object.assign(h, { version: fresh.version, state: fresh.state });
    }
  };

  /** The inspection date: today at the bureau (Asia/Shanghai), as the record's form proposes it. */
  const bureauToday = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
  /** Two inspectors of the user's pool with valid certificates, the first active checklist, a signature image. */
  const prepareInspecting = async (u: TUser): Promise<TUser['inspecting']> => {
    const today = bureauToday();
    const pool = (await request(u, 'inspection submit', 'GET', '/api/inspections/inspector-options')) as
      { userId: number; certificateExpiresOn: string }[] | undefined;
    const lists = (await request(u, 'inspection submit', 'GET', '/api/checklists')) as
      { id: number; active: boolean; itemCount: number }[] | undefined;
    const inspectorIds = (pool ?? []).filter((p) => p.certificateExpiresOn >= today).map((p) => p.userId);
    const checklist = (lists ?? []).find((l) => l.active && l.itemCount > 0);
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from(`signature of ${u.username}`)]);
    const stored = (await request(u, 'inspection submit', 'POST', '/api/attachments?fileName=signature.png', png)) as
      { sha256: string } | undefined;
    if (inspectorIds.length < 2 || !checklist || !stored) return null;
    return { inspectorIds: inspectorIds.slice(0, 2), checklistId: checklist.id, signature: stored.sha256 };
  };
  /**
   * 日常检查 of a firm on the user's list, as an officer records it on the phone: created, filled in (the first item
   * not compliant, which becomes a finding and a hazard) and submitted, each a real write.
   */
  const inspectionSubmit = async (u: TUser) => {
    const firm = pick(u.firms);
    if (!firm) return listFirms(u);
    if (u.inspecting === undefined) u.inspecting = await prepareInspecting(u);
    if (!u.inspecting) return;
    const { inspectorIds, checklistId, signature } = u.inspecting;
    const created = (await request(u, 'inspection submit', 'POST', '/api/inspections', {
      kind: 'ad_hoc',
      enterpriseId: firm,
      inspectedOn: bureauToday(),
      place: '企业生产现场',
      inspectorIds,
      checklistId,
    })) as { inspection: { id: number }; items: { id: number }[] } | undefined;
    if (!created) return;
    const id = created.inspection.id;
    const filled = await request(u, 'inspection submit', 'PATCH', `/api/inspections/${id}`, {
      answers: created.items.map((item, i) => ({
        itemId: item.id,
        result: i === 0 ? 'non_compliant' : 'compliant',
        ...(i === 0 ? { note: '现场检查发现：安全警示标志缺失' } : {}),
      })),
      representativeName: '企业安全负责人',
      signatureSha256: signature,
      conclusion: '发现一般事故隐患 1 项，责令限期整改',
    });
    if (!filled) return;
    if (await request(u, 'inspection submit', 'POST', `/api/inspections/${id}/submit`)) done.inspections++;
  };

  const inspectionList = get('inspection list', () => `/api/inspections?page=${page()}&pageSize=20`);
  const caseList = get('case list', () => `/api/cases?page=${page()}&pageSize=20`);
  const workbench = get('workbench', () => '/api/workbench');
  return {
    town: [
      { kind: 'hazard list', weight: 25, needs: 'hazard.read', run: listHazards },
      { kind: 'hazard detail', weight: 20, needs: 'hazard.read', run: hazardDetail },
      { kind: 'hazard update', weight: 10, needs: 'hazard.rectify', run: hazardUpdate },
      { kind: 'inspection submit', weight: 5, needs: 'inspection.record', run: inspectionSubmit },
      { kind: 'enterprise list', weight: 15, needs: 'enterprise.read', run: listFirms },
      { kind: 'enterprise detail', weight: 10, needs: 'enterprise.read', run: firmDetail },
      { kind: 'inspection list', weight: 10, needs: 'inspection.read', run: inspectionList },
      { kind: 'workbench', weight: 10, run: workbench },
    ],
    bureau: [
      { kind: 'enterprise list', weight: 20, needs: 'enterprise.read', run: listFirms },
      { kind: 'enterprise detail', weight: 10, needs: 'enterprise.read', run: firmDetail },
      { kind: 'hazard list', weight: 15, needs: 'hazard.read', run: listHazards },
      { kind: 'hazard detail', weight: 10, needs: 'hazard.read', run: hazardDetail },
      { kind: 'case list', weight: 15, needs: 'case.read', run: caseList },
      { kind: 'inspection list', weight: 15, needs: 'inspection.read', run: inspectionList },
      { kind: 'workbench', weight: 15, run: workbench },
    ],
    enterprise: [
      { kind: 'hazard list', weight: 50, needs: 'hazard.read', run: listHazards },
      { kind: 'hazard detail', weight: 30, needs: 'hazard.read', run: hazardDetail },
      { kind: 'workbench', weight: 20, run: workbench },
    ],
  };
}
