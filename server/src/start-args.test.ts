import { describe, expect, it } from 'vitest';
import { startNodeArgs } from './start-args';

describe("npm start's Node flags", () => {
  it('are read from package.json: tsx for TypeScript and a small young generation for memory', () => {
    const args = startNodeArgs();
    expect(args).toContain('--max-semi-space-size=2');
    expect(args.slice(args.indexOf('--import'), args.indexOf('--import') + 2)).toEqual(['--import', 'tsx']);
  });
});
