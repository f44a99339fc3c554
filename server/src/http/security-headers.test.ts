import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/test-db';
import { buildApp, IMMUTABLE_ASSET, SECURITY_HEADERS, type TApp } from './app';
import { loadConfig } from '../config';

// one app with a small built web (a page, a hashed script, an unhashed file) for the headers and the caching
let built: TApp;
let database: Awaited<ReturnType<typeof createTestDatabase>>;
let webDist: string;
beforeAll(async () => {
  webDist = fs.mkdtempSync(path.join(os.tmpdir(), 'yingji-web-'));
  fs.writeFileSync(path.join(webDist, 'index.html'), '<!doctype html><title>Yingji</title>');
  fs.mkdirSync(path.join(webDist, 'assets'));
  fs.writeFileSync(path.join(webDist, 'assets', 'index-Bx1.js'), 'export {};');
  fs.writeFileSync(path.join(webDist, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  database = await createTestDatabase();
  built = await buildApp({ database, logLevel: false, webDist });
});
afterAll(async () => {
  await built.app.close();
  await database.close();
  fs.rmSync(webDist, { recursive: true, force: true });
});

describe('security headers', () => {
  it.each([
    ['the page', '/'],
    ['a page of the app', '/hazards/12'],
    ['a public API answer', '/api/health'],
    ['a refusal', '/api/settings'],
    ['an unknown API path', '/api/nothing-here'],
  ])('%s (%s) carries CSP, frame-ancestors and nosniff', async (_name, url) => {
    const res = await built.app.inject({ method: 'GET', url });
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(res.headers[name], name).toBe(value);
    expect(String(res.headers['content-security-policy'])).toContain("frame-ancestors 'none'");
    expect(String(res.headers['content-security-policy'])).not.toContain('unsafe-eval');
  });
});

describe('caching of the web app', () => {
  it.each([
    ['a content-hashed script', '/assets/index-Bx1.js', IMMUTABLE_ASSET],
    ['the page', '/', 'no-cache'],
    ['a page of the app', '/hazards/12', 'no-cache'],
    ['an unhashed file beside the page', '/favicon.svg', 'no-cache'],
  ])('%s (%s) is cached as %s', async (_name, url, cacheControl) => {
    const res = await built.app.inject({ method: 'GET', url });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['cache-control']).toBe(cacheControl);
  });
});

describe('listening address', () => {
  it('is this machine only unless HOST says otherwise', () => {
    expect(loadConfig({}).host).toBe('127.0.0.1');
    expect(loadConfig({ HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
  });
});
