export * from './shared/errors';
export * from './shared/time';
export * from './org/org.schema';
export * from './org/settings.schema';
export * from './org/org.policy';
export * from './org/password.rules';
export * from './audit/audit.schema';
export * from './audit/audit.rules';
