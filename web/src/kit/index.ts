/** The web kit: what every module's pages are built from (list page, filters in the address, pickers, rules, tags). */
export * from './column-mapping';
export * from './enum-tag';
export * from './firm-picker';
export * from './list-page';
export * from './officer-picker';
export * from './towns';
export * from './url-params';
export * from './validators';
export * from './filters';
export * from './sorting';
export * from './phone-sort';
