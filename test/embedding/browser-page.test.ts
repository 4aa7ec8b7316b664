import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../support/shared.js';
import { requireBuilt } from './built-packages.js';
import { serveStatic } from './static-server.js';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const seedRulePath = join(repoRoot, 'rules/okta/credential_access_mfa_push_brute_force.toml');
const oktaEvents = readFileSync(join(repoRoot, 'examples/okta/events.ndjson'), 'utf8').split('\n').filter((l) => l.trim() !== '');
const firstExpected = JSON.parse(readFileSync(join(repoRoot, 'examples/okta/expected-alerts.ndjson'), 'utf8').split('\n')[0]!) as {
  join_keys: string[];
  event_ids: string[];
};
const eventId = (line: string) => (JSON.parse(line) as { event: { id: string } }).event.id;

/** 1-based line and column of the first `needle` in `text`. */
function positionOf(text: string, needle: string): { line: number; column: number } {
  const at = text.indexOf(needle);
  if (at < 0) throw new Error(`${needle} not in text`);
  const before = text.slice(0, at).split('\n');
  return { line: before.length, column: before.at(-1)!.length + 1 };
}

/** The page loaded in Chromium, and what its scripts threw. */
interface Session {
  readonly page: Page;
  readonly pageErrors: string[];
  close(): Promise<void>;
}

/**
 * Builds the page, serves it on 127.0.0.1 and opens it in Debian's headless Chromium with a fresh
 * profile. Throws (so every test using it fails, never skips) when Chromium is not installed.
 */
async function openSession(): Promise<Session> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} not found: install Debian's chromium (apt-get install -y --no-install-recommends chromium); .ci/run does it on CI`);
  }
  requireBuilt('parser', 'engine', 'rules');
  const built = spawnSync(process.execPath, [join(repoRoot, 'examples/browser/build.mjs')], { encoding: 'utf8', timeout: 60_000 });
  if (built.status !== 0) throw new Error(`examples/browser/build.mjs failed:\n${built.stderr}`);
  const server = await serveStatic(join(repoRoot, 'examples/browser/dist'));
  const userDataDir = mkdtempSync(join(tmpdir(), 'eqlkit-chromium-'));
  let context: BrowserContext | undefined;
  const close = async () => {
    await context?.close();
    await server.close();
    rmSync(userDataDir, { recursive: true, force: true });
  };
  try {
    context = await chromium.launchPersistentContext(userDataDir, { executablePath: CHROMIUM, headless: true, args: ARGS, timeout: 60_000 });
    const page = context.pages()[0] ?? (await context.newPage());
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(server.url);
    return { page, pageErrors, close };
  } catch (error) {
    await close();
    throw error;
  }
}

describe('examples/browser in headless Chromium', { timeout: 120_000 }, () => {
  let opened: Promise<Session> | undefined;
  const session = () => (opened ??= openSession());
  afterAll(async () => {
    const s = await opened?.catch(() => undefined);
    await s?.close();
  });

  it('runs the seed rule over a burst of Okta events and shows its one alert', async () => {
    const { page, pageErrors } = await session();
    // The burst of the first planted alert, with the background traffic around it.
    const burst = new Set(firstExpected.event_ids);
    const last = oktaEvents.findIndex((l) => eventId(l) === firstExpected.event_ids.at(-1));
    const events = oktaEvents.slice(0, last + 20).filter((l, i) => burst.has(eventId(l)) || i < 40 || i > last);
    expect(events.filter((l) => burst.has(eventId(l)))).toHaveLength(3);

    await page.fill('#rule', readFileSync(seedRulePath, 'utf8'));
    await page.fill('#events', events.join('\n'));
    await page.click('#run');
    await expect.poll(() => page.textContent('#summary'), { timeout: 20_000 }).toBe('1 alert');
    const shown = await page.$$eval('#alerts > li', (items) => items.map((li) => ({ joinKeys: li.dataset.joinKeys, text: li.textContent ?? '' })));
    expect(shown).toHaveLength(1);
    expect(JSON.parse(shown[0]!.joinKeys!)).toEqual(firstExpected.join_keys);
    expect(shown[0]!.text).toContain('Potential Abuse of Repeated MFA Push Notifications');
    const alert = JSON.parse(await page.textContent('#alerts > li pre') ?? '{}') as { events: { event: { id: string } }[] };
    expect(alert.events.map((e) => e.event.id)).toEqual(firstExpected.event_ids);
    expect(await page.$$eval('#diagnostics > li', (items) => items.length)).toBe(0);
    expect(pageErrors).toEqual([]);
  });

  it('gives the same alert for the events pasted newest first, and reports a malformed line', async () => {
    const { page } = await session();
    const burst = oktaEvents.filter((l) => firstExpected.event_ids.includes(eventId(l)));
    await page.fill('#rule', readFileSync(seedRulePath, 'utf8'));
    await page.fill('#events', [...burst].reverse().join('\n') + '\n{"broken": \n');
    await page.click('#run');
    await expect.poll(() => page.textContent('#summary'), { timeout: 20_000 }).toBe('1 alert');
    const alert = JSON.parse(await page.textContent('#alerts > li pre') ?? '{}') as { events: { event: { id: string } }[] };
    expect(alert.events.map((e) => e.event.id)).toEqual(firstExpected.event_ids);
    const diagnostics = await page.$$eval('#diagnostics > li', (items) => items.map((li) => li.textContent ?? ''));
    expect(diagnostics).toEqual([expect.stringMatching(/^events\.ndjson:4:1: error .*invalid JSON/)]);
  });

  it('shows a syntax error in the rule query at its line and column in the rule file', async () => {
    const { page, pageErrors } = await session();
    const seed = readFileSync(seedRulePath, 'utf8');
    const broken = seed.replace('event.module == "okta" and event.action == "user.authentication.sso"', 'event.module == "okta" and event.action = "user.authentication.sso"');
    expect(broken).not.toBe(seed);
    const { line, column } = positionOf(broken, '= "user.authentication.sso"');

    await page.fill('#rule', broken);
    await page.click('#run');
    await expect.poll(() => page.textContent('#summary'), { timeout: 20_000 }).toBe('the rule has errors; nothing was run');
    const diagnostics = await page.$$eval('#diagnostics > li', (items) => items.map((li) => ({ ...li.dataset, text: li.textContent ?? '' })));
    expect(diagnostics).toEqual([expect.objectContaining({ code: 'EQL3001', line: String(line), column: String(column) })]);
    expect(diagnostics[0]!.text).toContain(`rule.toml:${line}:${column}: error EQL3001`);
    expect(await page.$$eval('#alerts > li', (items) => items.length)).toBe(0);
    expect(pageErrors).toEqual([]);
  });

  it('places a YAML rule error at its line and column too', async () => {
    const { page } = await session();
    const yaml = readFileSync(join(repoRoot, 'rules/okta-yaml/credential_access_mfa_push_brute_force.yaml'), 'utf8');
    const broken = yaml.replace('risk_score: 73', 'risk_score: 730');
    expect(broken).not.toBe(yaml);
    const { line, column } = positionOf(broken, '730');

    await page.fill('#rule', broken);
    await page.click('#run');
    await expect.poll(() => page.textContent('#summary'), { timeout: 20_000 }).toBe('the rule has errors; nothing was run');
    const diagnostics = await page.$$eval('#diagnostics > li.error', (items) => items.map((li) => ({ ...li.dataset })));
    expect(diagnostics).toContainEqual(expect.objectContaining({ line: String(line), column: String(column) }));
  });
});

describe('examples/browser/main.ts', () => {
  it('type-checks against the packages’ published types with the DOM library', () => {
    requireBuilt('parser', 'engine', 'rules');
    const tsc = spawnSync(process.execPath, [join(repoRoot, 'node_modules/typescript/bin/tsc'), '-p', join(repoRoot, 'examples/browser/tsconfig.json')], { encoding: 'utf8', timeout: 60_000 });
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);
  });
});
