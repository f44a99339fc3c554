/** What leaves the server for one accident: the row with its clocks computed against `now` (never stored). */
import {
  followUpWindow,
  investigationReplyDueOn,
  investigationState,
  isRoadOrFire,
  pendingStep,
  reportClocks,
  targetLevel,
  bureauDate,
  type TAccidentDetail,
  type TAccidentGrade,
  type TAccidentListItem,
  type TReportLevel,
  type TReportStep,
  type TStepClock,
} from '@yingji/domain';
import type { TAccidentRow } from './accident.repo';

/** The clocks of a row: the chain to the level its grade must reach (an emergency goes to the city). */
export function clocksOf(row: Pick<TAccidentRow, 'grade' | 'knownAt' | 'chain'>, now: Date): TStepClock[] {
  return reportClocks({
    knownAt: new Date(row.knownAt).toISOString(),
    steps: row.chain,
    target: targetLevel(row.grade as TAccidentGrade | null),
    now,
  });
}

/** The stored mirror of the level holding the report (for the workbench's indexed count). */
export function pendingColumns(row: Pick<TAccidentRow, 'grade' | 'knownAt' | 'chain'>, now: Date) {
  const p = pendingStep(clocksOf(row, now));
  return { pendingLevel: p?.level ?? null, pendingDueAt: p?.dueAt ?? null };
}

export const lateStepCount = (clocks: readonly TStepClock[]): number =>
  clocks.filter((c) => c.state === 'late' || c.state === 'overdue').length;

const iso = (t: string | null): string | null => (t === null ? null : new Date(t).toISOString());

export function toListItem(row: TAccidentRow, townName: string, now: Date): TAccidentListItem {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    enterpriseId: row.enterpriseId,
    partyName: row.partyName,
    divisionCode: row.divisionCode,
    townName,
    industry: row.industry,
    accidentType: row.accidentType,
    emergencyType: row.emergencyType,
    occurredAt: new Date(row.occurredAt).toISOString(),
    deaths: row.deaths,
    missing: row.missing,
    seriousInjuries: row.seriousInjuries,
    minorInjuries: row.minorInjuries,
    lossFen: row.lossFen,
    grade: row.grade,
    pendingLevel: row.pendingLevel as TReportLevel | null,
    pendingDueAt: iso(row.pendingDueAt),
    lateSteps: lateStepCount(clocksOf(row, now)),
    closed: row.closed,
  };
}

export function toDetail(
  input: {
    row: TAccidentRow;
    townName: string;
    enterpriseName: string | null;
    changes: {
      c: {
        id: number;
        at: string;
        deaths: number;
        missing: number;
        seriousInjuries: number;
        minorInjuries: number;
        lossFen: number;
        gradeBefore: string | null;
        gradeAfter: string | null;
        inWindow: boolean;
        note: string;
      };
      recordedBy: string | null;
    }[];
    findings: { f: { id: number; kind: 'omitted' | 'false' | 'concealed'; reason: string; at: string }; recordedBy: string | null }[];
    log: { l: { id: number; at: string; kind: string; content: string }; recordedBy: string | null }[];
  },
  now: Date,
): TAccidentDetail {
  const { row } = input;
  const grade = row.grade as TAccidentGrade | null;
  const occurredAt = new Date(row.occurredAt).toISOString();
  const window = followUpWindow({ occurredAt, roadOrFire: isRoadOrFire(row.accidentType, row.industry), now });
  const inv =
    row.investigationLeadUnit === null
      ? null
      : {
          leadUnit: row.investigationLeadUnit,
          startedOn: row.investigationStartedOn!,
          reportDueOn: row.investigationReportDueOn!,
          extensionDays: row.investigationExtensionDays,
          extensionReason: row.investigationExtensionReason,
          reportSubmittedOn: row.investigationReportSubmittedOn,
          replyDueOn: investigationReplyDueOn({ reportSubmittedOn: row.investigationReportSubmittedOn, grade: grade ?? 'general' }),
          repliedOn: row.investigationRepliedOn,
          parties: row.investigationParties ?? [],
          state: investigationState(
            {
              accidentDate: row.occurredOn,
              extensionDays: row.investigationExtensionDays,
              reportSubmittedOn: row.investigationReportSubmittedOn,
              repliedOn: row.investigationRepliedOn,
              grade: grade ?? 'general',
            },
            bureauDate(now),
          ),
        };
  return {
    ...toListItem(row, input.townName, now),
    enterpriseName: input.enterpriseName,
    supervisionCategory: row.supervisionCategory,
    place: row.place,
    longitude: row.longitude,
    latitude: row.latitude,
    knownAt: new Date(row.knownAt).toISOString(),
    summary: row.summary,
    measures: row.measures,
    affectedPeople: row.affectedPeople,
    evacuated: row.evacuated,
    housesDamaged: row.housesDamaged,
    targetLevel: targetLevel(grade),
    chain: row.chain.map((s: TReportStep) => ({ level: s.level, receivedAt: iso(s.receivedAt), passedUpAt: iso(s.passedUpAt) })),
    clocks: clocksOf(row, now),
    followUp: window,
    casualtyChanges: input.changes.map(({ c, recordedBy }) => ({
      id: c.id,
      at: new Date(c.at).toISOString(),
      deaths: c.deaths,
      missing: c.missing,
      seriousInjuries: c.seriousInjuries,
      minorInjuries: c.minorInjuries,
      lossFen: c.lossFen,
      gradeBefore: c.gradeBefore as TAccidentGrade | null,
      gradeAfter: c.gradeAfter as TAccidentGrade | null,
      inWindow: c.inWindow,
      note: c.note,
      recordedBy: recordedBy ?? '',
    })),
    findings: input.findings.map(({ f, recordedBy }) => ({
      id: f.id,
      kind: f.kind,
      reason: f.reason,
      at: new Date(f.at).toISOString(),
      recordedBy: recordedBy ?? '',
    })),
    investigation: inv,
    closedAt: iso(row.closedAt),
    closedNote: row.closedNote,
    dutyLog: input.log.map(({ l, recordedBy }) => ({
      id: l.id,
      at: new Date(l.at).toISOString(),
      kind: l.kind,
      content: l.content,
      recordedBy: recordedBy ?? '',
    })),
    version: row.version,
  };
}
