export * from './org';
export * from './enterprise';
