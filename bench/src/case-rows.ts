import type { TCaseStage } from '@yingji/domain';
import type { TGenerateContext } from './generate';
import type { TRandom } from './prng';
import type { TPlannedCase } from './case-data';
import { EVIDENCE_DOCUMENTS, EVIDENCE_PHOTOS } from './case-evidence-files';

export type TDocRow = Record<string, unknown> & {
  divisionCode: string;
  year: number;
  kind: string;
  issuedOn: string;
  at: string;
  caseId: number;
};

export interface TCaseRows {
  caseRows: Record<string, unknown>[];
  officerRows: Record<string, unknown>[];
  penaltyRows: Record<string, unknown>[];
  evidenceRows: Record<string, unknown>[];
  attachmentRows: Record<string, unknown>[];
  eventRows: Record<string, unknown>[];
  docRows: TDocRow[];
  paymentRows: Record<string, unknown>[];
  extensionRows: Record<string, unknown>[];
}

/**
 * The planned cases as the server would have stored them, ids in the order they were created (from `ids.case`):
 * each step replayed at office hours of its day (later steps of a day later) into the case row, its events,
 * documents, evidence (a real file of the pool), payments and extensions.
 */
export function caseRowsOf(
  ctx: TGenerateContext,
  random: TRandom,
  planned: TPlannedCase[],
  certs: Map<number, { certificate_no: string }>,
  ids: { case: number },
): TCaseRows {
  const caseRows: Record<string, unknown>[] = [];
  const officerRows: Record<string, unknown>[] = [];
  const penaltyRows: Record<string, unknown>[] = [];
  const evidenceRows: Record<string, unknown>[] = [];
  const attachmentRows: Record<string, unknown>[] = [];
  const attached = new Set<string>();
  const eventRows: Record<string, unknown>[] = [];
  const docRows: TDocRow[] = [];
  const paymentRows: Record<string, unknown>[] = [];
  const extensionRows: Record<string, unknown>[] = [];
  for (const p of planned) {
    const id = ++ids.case;
    const c: Record<string, unknown> = {
      id,
      ...p.row,
      stage: 'pending_filing',
      surchargePaidFen: 0,
      finePaidFen: 0,
      fineDecidedFen: 0,
      evidenceCount: 0,
    };
    let lastOn = '';
    let minute = 0;
    let stage: TCaseStage = 'pending_filing';
    let version = 0;
    for (const s of p.steps) {
      minute = s.on === lastOn ? minute + random.int(10, 40) : random.int(0, 120);
      lastOn = s.on;
      const at = `${s.on}T${String(9 + Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}:00+08:00`;
      if (s.action === 'create') c.createdAt = at;
      const from = stage;
      if (s.to) stage = s.to;
      version++;
      s.apply?.(c, at);
      if (s.evidence) {
        // a real file of the pool (written under the data directory), so the page shows the picture
        const photo = s.evidence.kind === 'photo';
        const f = photo ? random.pick(EVIDENCE_PHOTOS) : random.pick(EVIDENCE_DOCUMENTS);
        const sha256 = f.sha256;
        if (!attached.has(sha256)) {
          attached.add(sha256);
          attachmentRows.push({
            sha256,
            mime: f.mime,
            size: f.size,
            fileName: `${s.evidence.title}.${f.ext}`,
            createdBy: s.actor.id,
            createdAt: at,
          });
        }
        evidenceRows.push({
          caseId: id,
          kind: s.evidence.kind,
          title: s.evidence.title,
          sha256,
          collectedOn: s.on,
          createdBy: s.actor.id,
          createdAt: at,
        });
        c.evidenceCount = Number(c.evidenceCount) + 1;
      }
      if (s.payment)
        paymentRows.push({
          caseId: id,
          paidOn: s.on,
          principalFen: s.payment.principal,
          surchargeFen: s.payment.surcharge,
          receiptNo: s.payment.receiptNo,
          createdBy: s.actor.id,
          createdAt: at,
        });
      if (s.extension)
        extensionRows.push({
          caseId: id,
          days: s.extension,
          reason: String(s.payload?.reason ?? ''),
          approvedBy: s.actor.id,
          approvedAt: at,
        });
      if (s.doc)
        docRows.push({
          caseId: id,
          kind: s.doc.kind,
          divisionCode: p.body,
          year: Number(s.on.slice(0, 4)),
          issuedOn: s.on,
          content: s.doc.content ?? null,
          createdBy: s.actor.id,
          createdAt: at,
          at,
        });
      eventRows.push({
        caseId: id,
        action: s.action,
        fromStage: s.action === 'create' ? null : from,
        toStage: stage,
        note: s.note,
        payload: s.payload,
        actorId: s.actor.id,
        actorName: s.actor.name,
        at,
      });
      c.updatedAt = at;
    }
    c.stage = stage;
    c.version = version;
    caseRows.push(c);
    for (const o of p.officers) officerRows.push({ caseId: id, userId: o.id, certificateNo: certs.get(o.id)?.certificate_no ?? '' });
    for (const x of p.penalties) {
      const decided = c.decidedOn ? (c.decisionOutcome === 'no_penalty' ? 0 : x.decided) : null;
      penaltyRows.push({
        caseId: id,
        code: x.code,
        target: x.target,
        circumstance: x.circumstance,
        proposedFineFen: x.proposed,
        decidedFineFen: decided,
        bandMinFen: x.band?.minFen ?? null,
        bandMaxFen: x.band?.maxFen ?? null,
        tier: x.tierLine?.tier ?? 1,
        statutoryMinFen: x.tierLine?.statutoryMinFen ?? null,
        statutoryMaxFen: x.tierLine?.statutoryMaxFen ?? null,
      });
    }
    ctx.fingerprint.update(`case|${id}|${p.body}|${String(c.stage)}|${String(c.fineDecidedFen)}|${p.steps.length}\n`);
  }
  return { caseRows, officerRows, penaltyRows, evidenceRows, attachmentRows, eventRows, docRows, paymentRows, extensionRows };
}
