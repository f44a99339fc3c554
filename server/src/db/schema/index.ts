export * from './org';
export * from './enterprise';
export * from './risk';
export * from './inspection';
export * from './inspection-counts';
export * from './hazard';
export * from './case';
export * from './accident';
