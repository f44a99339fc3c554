import { describe, expect, it } from 'vitest';
import { ROLES, type TRole } from './org.schema';
import {
  can,
  enterpriseChangeProblem,
  inScope,
  PERMISSIONS,
  permissionsOf,
  roleScopeProblem,
  userChangeProblem,
  type TPermission,
} from './org.policy';

type TMark = 'Y' | '-';

/**
 * Who may do what, written out by hand: one row per permission, one column per role (admin, bureau officer,
 * bureau leader, legal reviewer, town officer, enterprise user, duty officer). This is the
 * specification the policy table in org.policy.ts is checked against; granting or withdrawing a permission
 * there fails here until this table says the same.
 */
const ROLE_COLUMNS: TRole[] = [
  'admin',
  'bureau_officer',
  'bureau_leader',
  'legal_reviewer',
  'town_officer',
  'enterprise_user',
  'duty_officer',
];
// prettier-ignore
const EXPECTED: [permission: TPermission, admin: TMark, bureauOfficer: TMark, bureauLeader: TMark, legalReviewer: TMark, townOfficer: TMark, enterpriseUser: TMark, dutyOfficer: TMark][] = [
  //                         adm  off  lead law  town firm duty
  ['user.read',              'Y', '-', '-', '-', '-', '-', '-'],
  ['user.manage',            'Y', '-', '-', '-', '-', '-', '-'],
  ['department.read',        'Y', 'Y', 'Y', 'Y', 'Y', '-', 'Y'],
  ['department.manage',      'Y', '-', '-', '-', '-', '-', '-'],
  ['division.read',          'Y', 'Y', 'Y', 'Y', 'Y', 'Y', 'Y'],
  ['audit.read',             'Y', '-', 'Y', '-', '-', '-', '-'],
  ['settings.read',          'Y', '-', '-', '-', '-', '-', '-'],
  ['settings.manage',        'Y', '-', '-', '-', '-', '-', '-'],
  ['enterprise.read',        'Y', 'Y', 'Y', 'Y', 'Y', '-', 'Y'],
  ['enterprise.manage',      'Y', 'Y', '-', '-', 'Y', '-', '-'],
  ['enterprise.import',      'Y', 'Y', '-', '-', '-', '-', '-'],
  ['enterprise.alerts',      'Y', 'Y', 'Y', '-', '-', '-', '-'],
  ['risk.read',              'Y', 'Y', 'Y', '-', 'Y', '-', '-'],
  ['risk.assess',            'Y', 'Y', '-', '-', '-', '-', '-'],
  ['risk.decide',            '-', 'Y', 'Y', '-', '-', '-', '-'],
  ['inspection.read',        'Y', 'Y', 'Y', 'Y', 'Y', '-', '-'],
  ['inspection.catalogue',   'Y', 'Y', '-', '-', '-', '-', '-'],
  ['inspection.inspectors',  'Y', 'Y', '-', '-', 'Y', '-', '-'],
  ['inspection.plan',        '-', 'Y', 'Y', '-', 'Y', '-', '-'],
  ['inspection.record',      '-', 'Y', '-', '-', 'Y', '-', '-'],
  ['hazard.read',            'Y', 'Y', 'Y', 'Y', 'Y', 'Y', '-'],
  ['hazard.report',          '-', 'Y', '-', '-', 'Y', 'Y', '-'],
  ['hazard.rectify',         '-', 'Y', '-', '-', 'Y', 'Y', '-'],
  ['hazard.manage',          '-', 'Y', '-', '-', 'Y', '-', '-'],
  ['hazard.supervise',       '-', 'Y', 'Y', '-', '-', '-', '-'],
  ['hazard.campaign',        'Y', 'Y', '-', '-', '-', '-', '-'],
  ['hazard.stats',           'Y', 'Y', 'Y', 'Y', 'Y', '-', '-'],
  ['case.read',              'Y', 'Y', 'Y', 'Y', 'Y', '-', '-'],
  ['case.handle',            '-', 'Y', '-', '-', 'Y', '-', '-'],
  ['case.approve',           '-', '-', 'Y', '-', '-', '-', '-'],
  ['case.legal_review',      '-', '-', '-', 'Y', '-', '-', '-'],
  ['case.deliberate',        '-', '-', 'Y', '-', '-', '-', '-'],
  ['case.catalogue',         'Y', 'Y', '-', '-', '-', '-', '-'],
  ['case.file_review',       '-', 'Y', 'Y', 'Y', '-', '-', '-'],
  ['accident.read',          '-', 'Y', 'Y', '-', 'Y', '-', 'Y'],
  ['accident.report',        '-', 'Y', '-', '-', 'Y', '-', 'Y'],
  ['accident.manage',        '-', 'Y', '-', '-', '-', '-', 'Y'],
  ['duty.read',              '-', 'Y', 'Y', '-', 'Y', '-', 'Y'],
  ['duty.manage',            '-', 'Y', '-', '-', '-', '-', 'Y'],
  ['attachment.upload',      'Y', 'Y', 'Y', 'Y', 'Y', 'Y', 'Y'],
  ['attachment.read',        'Y', 'Y', 'Y', 'Y', 'Y', 'Y', 'Y'],
  ['drill.read',             'Y', 'Y', 'Y', '-', 'Y', 'Y', 'Y'],
  ['drill.plan',             '-', 'Y', '-', '-', 'Y', 'Y', '-'],
  ['drill.record',           '-', 'Y', 'Y', '-', 'Y', 'Y', '-'],
  ['drill.training',         '-', 'Y', '-', '-', 'Y', '-', '-'],
  ['findings.read',          '-', 'Y', 'Y', '-', 'Y', '-', '-'],
  ['findings.manage',        '-', 'Y', 'Y', '-', '-', '-', '-'],
  ['findings.progress',      '-', 'Y', 'Y', '-', 'Y', '-', '-'],
  ['report.read',            '-', 'Y', 'Y', '-', 'Y', '-', '-'],
  ['resources.read',         'Y', 'Y', 'Y', '-', 'Y', '-', 'Y'],
  ['resources.catalogue',    'Y', 'Y', '-', '-', '-', '-', '-'],
  ['resources.manage',       '-', 'Y', '-', '-', 'Y', '-', '-'],
  ['resources.loan',         '-', 'Y', '-', '-', 'Y', '-', 'Y'],
  ['resources.approve',      '-', 'Y', 'Y', '-', '-', '-', '-'],
  ['shelter.read',           'Y', 'Y', 'Y', '-', 'Y', '-', 'Y'],
  ['shelter.manage',         '-', 'Y', '-', '-', 'Y', '-', '-'],
  ['notification.deliveries', 'Y', 'Y', 'Y', '-', '-', '-', 'Y'],
  ['notification.gateway',   'Y', '-', '-', '-', '-', '-', '-'],
  ['warning.read',           'Y', 'Y', 'Y', '-', 'Y', '-', 'Y'],
  ['warning.issue',          '-', 'Y', '-', '-', '-', '-', 'Y'],
  ['warning.chain',          'Y', 'Y', '-', '-', 'Y', '-', 'Y'],
  ['warning.response',       '-', 'Y', 'Y', '-', '-', '-', 'Y'],
  ['warning.points',         '-', 'Y', '-', '-', 'Y', '-', 'Y'],
  ['fire.read',              'Y', 'Y', 'Y', '-', 'Y', '-', 'Y'],
  ['fire.handle',            '-', 'Y', '-', '-', '-', '-', 'Y'],
  ['fire.manage',            'Y', 'Y', '-', '-', '-', '-', '-'],
  ['fire.keys',              'Y', '-', '-', '-', '-', '-', '-'],
  ['findings.approve',       '-', '-', 'Y', '-', '-', '-', '-'],
  ['warning.escalate',       '-', 'Y', '-', '-', 'Y', '-', 'Y'],
];

describe('permission policy', () => {
  it('has exactly the roles and permissions of the written table', () => {
    expect([...ROLES]).toEqual(ROLE_COLUMNS);
    expect([...PERMISSIONS].sort()).toEqual(EXPECTED.map(([permission]) => permission).sort());
  });

  it.each(EXPECTED)('%s: %s %s %s %s %s %s %s', (permission, ...marks) => {
    ROLE_COLUMNS.forEach((role, i) => {
      expect(can(role, permission), `${role} ${permission}`).toBe(marks[i] === 'Y');
    });
  });

  it('lists for each role exactly the permissions the table marks', () => {
    ROLE_COLUMNS.forEach((role, i) => {
      const marked = EXPECTED.filter((row) => row[i + 1] === 'Y').map(([permission]) => permission);
      expect([...permissionsOf(role)].sort(), role).toEqual(marked.sort());
    });
  });
});

describe('data scope by division prefix', () => {
  it.each([
    ['4420', '442000107', true],
    ['442000107', '442000107', true],
    ['442000107', '442000118', false],
    ['442000107', '4420', false],
    ['44', '442000001', true],
    ['4420', '4401', false],
  ])('scope %s sees %s: %s', (scope, code, expected) => {
    expect(inScope(scope, code)).toBe(expected);
  });
});

describe('role and scope fit together', () => {
  it.each<[TRole, string, boolean]>([
    ['town_officer', '442000107', true],
    ['town_officer', '4420', false],
    ['enterprise_user', '4420', false],
    ['admin', '4420', true],
    ['admin', '442000107', false],
    ['bureau_officer', '44', true],
  ])('%s at %s ok=%s', (role, code, ok) => {
    expect(roleScopeProblem(role, code) === null).toBe(ok);
  });
});

describe('who may change a user', () => {
  const admin = { id: 1, role: 'admin' as const, divisionCode: '4420' };
  it('an admin changes users in scope', () => {
    expect(userChangeProblem(admin, { id: 2, divisionCode: '442000107' }, { disabled: true })).toBeNull();
  });
  it('not outside scope', () => {
    expect(userChangeProblem(admin, { id: 2, divisionCode: '4401' }, {})).toBe('该用户不在您的管辖范围内');
  });
  it('not moving a user outside scope', () => {
    expect(userChangeProblem(admin, { id: 2, divisionCode: '442000107' }, { divisionCode: '4401' })).toMatch('管辖范围以外');
  });
  it('never disabling or demoting oneself', () => {
    expect(userChangeProblem(admin, { id: 1, divisionCode: '4420' }, { disabled: true })).toMatch('不能停用自己');
    expect(userChangeProblem(admin, { id: 1, divisionCode: '4420' }, { role: 'bureau_officer' })).toMatch('不能停用自己');
  });
  it('a non-admin cannot', () => {
    expect(userChangeProblem({ id: 3, role: 'town_officer', divisionCode: '442000107' }, { id: 4, divisionCode: '442000107' }, {})).toBe(
      '没有管理用户的权限',
    );
  });
});

describe('who may change a firm', () => {
  const town = { id: 5, role: 'town_officer' as const, divisionCode: '442000107' };
  const city = { id: 6, role: 'bureau_officer' as const, divisionCode: '4420' };
  it.each([
    [town, { divisionCode: '442000107', supervisingLevel: 'town' }, null],
    [town, { divisionCode: '442000107', supervisingLevel: 'city' }, '该企业由市级监管，镇街不能修改，请联系市局'],
    [town, { divisionCode: '442000118', supervisingLevel: 'town' }, '该企业不在您的管辖范围内'],
    [city, { divisionCode: '442000107', supervisingLevel: 'city' }, null],
    [
      { id: 7, role: 'bureau_leader' as const, divisionCode: '4420' },
      { divisionCode: '442000107', supervisingLevel: 'town' },
      '没有维护企业台账的权限',
    ],
  ])('%j changing %j → %s', (actor, firm, expected) => {
    expect(enterpriseChangeProblem(actor, firm)).toBe(expected);
  });
});
