import { addDaysToDate, deliberationReasons, legalReviewReasons } from '@yingji/domain';
import { roundYuan, S, STATEMENTS } from './case-data';
import type { TCaseKit } from './case-steps';

/**
 * From the proposal to the day of the decision: legal review and collective deliberation where the rules require
 * them, the notice, and the party's statement, waiver or hearing. Returns the day the decision is made.
 */
export function proposeAndNotify(k: TCaseKit, proposeOn: string, outcome: 'penalty' | 'no_penalty'): string {
  const { random, penalties, step, officer, leader, findings, complex, accident, facts, reviewers, leaders, eligible, divisionName, body } =
    k;
  let at = proposeOn;
  const later = (min: number, max: number) => (at = addDaysToDate(at, random.int(min, max)));
  let decideOn: string;
  if (outcome === 'no_penalty') {
    decideOn = at;
  } else {
    const total = penalties.reduce((a, p) => a + p.proposed, 0);
    step({
      on: at,
      action: 'propose',
      to: 'proposed',
      actor: officer(),
      note: `拟罚款 ${total / 100} 元`,
      payload: {
        findings,
        violations: penalties.map((p) => ({ code: p.code, target: p.target, circumstance: p.circumstance, fineFen: p.proposed })),
        confiscationFen: 0,
        otherPenalties: [],
        complex,
        majorPublicInterest: accident,
      },
      apply: (c) => Object.assign(c, { findings, complex, majorPublicInterest: accident }),
    });
    /** Legal review and collective deliberation where the rules require them; after a hearing, on its record (arts. 58, 65). */
    const reviewAndDeliberate = (afterHearing: boolean) => {
      if (afterHearing || legalReviewReasons(facts, S).length > 0) {
        // after a hearing the case is in legal review already: no request
        if (!afterHearing)
          step({ on: later(0, 2), action: 'request_legal_review', to: 'legal_review', actor: officer(), note: null, payload: {} });
        const opinion = afterHearing
          ? '已审查听证笔录，事实清楚，证据确凿，维持原处罚意见。'
          : '事实清楚，证据确凿，适用法律正确，程序合法，裁量适当，同意。';
        const reviewer = random.pick(reviewers);
        step({
          on: later(afterHearing ? 1 : 2, 8),
          action: 'legal_review',
          to: 'legal_review',
          actor: reviewer,
          note: `审核通过：${opinion}`,
          payload: { result: 'pass', opinion },
          apply: (c, ts) => Object.assign(c, { legalReviewOpinion: opinion, legalReviewerId: reviewer.id, legalReviewPassedAt: ts }),
        });
      }
      if (deliberationReasons(facts, S).length > 0) {
        step({ on: later(0, 2), action: 'request_deliberation', to: 'deliberation', actor: officer(), note: null, payload: {} });
        const heldOn = later(2, 10);
        const participants = leaders.map((l) => l.name).slice(0, 5);
        const conclusion = afterHearing ? '经集体讨论听证笔录，维持承办人提出的处罚意见。' : '经集体讨论，同意承办人提出的处罚意见。';
        step({
          on: heldOn,
          action: 'deliberate',
          to: 'deliberation',
          actor: leader(),
          note: `${heldOn} 集体讨论（${participants.join('、')}）：${conclusion}`,
          payload: { result: 'agree', heldOn, participants, conclusion },
          apply: (c, ts) => Object.assign(c, { deliberationConclusion: conclusion, deliberatedAt: ts }),
        });
      }
    };
    reviewAndDeliberate(false);
    const notifiedOn = later(1, 5);
    const noticeFen = total;
    step({
      on: notifiedOn,
      action: 'notify',
      to: 'notified',
      actor: officer(),
      note: null,
      payload: { notifiedOn, method: 'direct' },
      doc: { kind: eligible ? 'hearing_notice' : 'notice' },
      apply: (c) => Object.assign(c, { notifiedOn, noticeFineFen: noticeFen }),
    });
    const rightsEnd = addDaysToDate(notifiedOn, Math.max(S.statementDays, eligible ? S.hearingRequestDays : 0));
    const r = random.next();
    if (eligible && r < 0.08) {
      const requestedOn = later(1, S.hearingRequestDays);
      step({
        on: requestedOn,
        action: 'request_hearing',
        to: 'hearing',
        actor: officer(),
        note: null,
        payload: { requestedOn },
        apply: (c) => Object.assign(c, { hearingRequestedOn: requestedOn }),
      });
      const scheduled = later(1, 3);
      const hearingOn = addDaysToDate(scheduled, random.int(S.hearingNoticeDays, S.hearingNoticeDays + 5));
      const chair = random.pick(reviewers);
      const place = `${divisionName.get(body) ?? ''}应急管理部门听证室`;
      step({
        on: scheduled,
        action: 'schedule_hearing',
        to: 'hearing',
        actor: officer(),
        note: `${hearingOn} ${place}`,
        payload: { hearingOn, chairId: chair.id, place },
        apply: (c) => Object.assign(c, { hearingOn, hearingChairId: chair.id, hearingPlace: place }),
      });
      at = hearingOn;
      const summaryText = '听证会依法举行，当事人进行了陈述和申辩，调查人员出示了证据。';
      step({
        on: hearingOn,
        action: 'conclude_hearing',
        to: 'legal_review',
        actor: officer(),
        note: summaryText,
        payload: { heldOn: hearingOn, summary: summaryText },
        // the first round's marks are cleared: the record goes to review (and deliberation) again
        apply: (c) =>
          Object.assign(c, {
            hearingHeldOn: hearingOn,
            statement: '当事人在听证中请求从轻处罚。',
            legalReviewPassedAt: null,
            deliberatedAt: null,
          }),
      });
      reviewAndDeliberate(true);
      decideOn = later(1, 7);
    } else if (r < 0.33) {
      const receivedOn = later(1, S.statementDays);
      const statement = random.pick(STATEMENTS);
      step({
        on: receivedOn,
        action: 'record_statement',
        to: 'notified',
        actor: officer(),
        note: statement,
        payload: { statement, receivedOn },
        apply: (c) => Object.assign(c, { statement }),
      });
      // the party argued: a lighter decision sometimes, never a heavier one (art. 45)
      if (random.chance(0.25)) for (const p of penalties) p.decided = Math.max(roundYuan(p.proposed * 0.8, 100), 0);
      at = rightsEnd;
      decideOn = later(1, 10);
    } else if (r < 0.7) {
      const waivedOn = later(0, 2);
      step({
        on: waivedOn,
        action: 'waive_rights',
        to: 'notified',
        actor: officer(),
        note: '当事人书面表示放弃陈述、申辩和听证权利',
        payload: { waivedOn, note: '当事人书面表示放弃陈述、申辩和听证权利' },
        apply: (c) => Object.assign(c, { rightsWaived: true }),
      });
      decideOn = later(0, 5);
    } else {
      at = rightsEnd;
      decideOn = later(1, 10);
    }
  }
  return decideOn;
}
