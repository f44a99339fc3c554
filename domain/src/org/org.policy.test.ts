import { describe, expect, it } from 'vitest';
import { ROLES, type TRole } from './org.schema';
import {
  can,
  enterpriseChangeProblem,
  inScope,
  PERMISSIONS,
  permissionsOf,
  POLICY,
  roleScopeProblem,
  userChangeProblem,
} from './org.policy';

describe('permission policy', () => {
  it('denies by default: a role gets exactly the permissions listed for it', () => {
    for (const role of ROLES) {
      for (const permission of PERMISSIONS) {
        expect(can(role, permission)).toBe((POLICY[permission] as readonly TRole[]).includes(role));
      }
    }
  });

  it.each<[TRole, string[]]>([
    [
      'admin',
      [
        'user.read',
        'user.manage',
        'department.read',
        'department.manage',
        'division.read',
        'audit.read',
        'settings.read',
        'settings.manage',
        'enterprise.read',
        'enterprise.manage',
        'enterprise.import',
        'enterprise.alerts',
        'risk.read',
        'risk.assess',
        'inspection.read',
        'inspection.catalogue',
        'inspection.inspectors',
        'hazard.read',
        'hazard.campaign',
        'hazard.stats',
        'case.read',
        'case.catalogue',
        'attachment.upload',
        'attachment.read',
      ],
    ],
    [
      'bureau_leader',
      [
        'department.read',
        'division.read',
        'audit.read',
        'enterprise.read',
        'enterprise.alerts',
        'risk.read',
        'risk.decide',
        'inspection.read',
        'inspection.plan',
        'hazard.read',
        'hazard.supervise',
        'hazard.stats',
        'case.read',
        'case.approve',
        'case.deliberate',
        'case.file_review',
        'attachment.upload',
        'attachment.read',
      ],
    ],
    [
      'town_officer',
      [
        'department.read',
        'division.read',
        'enterprise.read',
        'enterprise.manage',
        'risk.read',
        'inspection.read',
        'inspection.inspectors',
        'inspection.plan',
        'inspection.record',
        'hazard.read',
        'hazard.report',
        'hazard.rectify',
        'hazard.manage',
        'hazard.stats',
        'case.read',
        'case.handle',
        'attachment.upload',
        'attachment.read',
      ],
    ],
    ['enterprise_user', ['division.read', 'hazard.read', 'hazard.report', 'hazard.rectify', 'attachment.upload', 'attachment.read']],
  ])('%s may %j', (role, expected) => {
    expect(permissionsOf(role)).toEqual(expected);
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
