import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compile } from '@eqlkit/engine';
import { describe, expect, it } from 'vitest';
import { generateOktaEvents } from '../../scripts/generate/okta-events.js';
import { repoRoot } from '../support/shared.js';

/** The fields of a generated event these tests read. */
interface Doc {
  '@timestamp': string;
  event: { id: string; action: string; module?: string; dataset?: string; kind?: string };
  okta: { event_type: string };
  user?: { email?: string };
}

/**
 * An independent, naive reading of the push-abuse rule: an SSO alerts when two denies of the
 * same (case-sensitive, non-null) user.email precede it, the first within 10 minutes of it.
 */
function naiveAlerts(events: Doc[]): string[][] {
  const denies = new Map<string, Doc[]>();
  const alerts: string[][] = [];
  for (const e of events) {
    const email = e.user?.email;
    if (typeof email !== 'string') continue;
    if (e.event.action === 'user.mfa.okta_verify.deny_push') denies.set(email, [...(denies.get(email) ?? []), e]);
    if (e.event.action === 'user.authentication.sso') {
      const t = Date.parse(e['@timestamp']);
      const recent = (denies.get(email) ?? []).filter((d) => t - Date.parse(d['@timestamp']) <= 10 * 60_000);
      if (recent.length >= 2) {
        alerts.push([...recent.slice(0, 2), e].map((x) => x.event.id));
        denies.delete(email);
      }
    }
  }
  return alerts;
}

describe('okta event generator', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    const a = [...generateOktaEvents({ count: 300, seed: 3 }).events()];
    const b = [...generateOktaEvents({ count: 300, seed: 3 }).events()];
    const c = [...generateOktaEvents({ count: 300, seed: 4 }).events()];
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(JSON.stringify(a)).not.toBe(JSON.stringify(c));
  });

  it('produces exactly count events, ascending @timestamp, Okta-shaped, about 1 KB each', () => {
    const events = [...generateOktaEvents({ count: 2000, seed: 11 }).events()] as unknown as Doc[];
    expect(events).toHaveLength(2000);
    for (let i = 1; i < events.length; i++) expect(events[i]!['@timestamp'] >= events[i - 1]!['@timestamp']).toBe(true);
    const sample = events[0]!;
    expect(sample.event).toMatchObject({ module: 'okta', dataset: 'okta.system', kind: 'event' });
    expect(sample.okta.event_type).toBe(sample.event.action);
    const bytes = events.reduce((n, e) => n + JSON.stringify(e).length, 0) / events.length;
    expect(bytes).toBeGreaterThan(800);
    expect(bytes).toBeLessThan(1600);
  });

  it('plants bursts that alert and decoys that do not, as an independent matcher sees them', () => {
    for (const seed of [1, 2, 99]) {
      const data = generateOktaEvents({ count: 3000, seed });
      const found = naiveAlerts([...data.events()] as unknown as Doc[]);
      // Expected alerts are listed in planting order; alerts complete in SSO order.
      const byFirstId = (a: readonly string[], b: readonly string[]) => (a[0]! < b[0]! ? -1 : 1);
      expect(found.sort(byFirstId)).toEqual(data.expectedAlerts.map((a) => [...a.event_ids]).sort(byFirstId));
      expect(data.expectedAlerts.length).toBe(data.scenarioCounts.burst);
      expect(data.scenarioCounts['other-case']).toBeGreaterThan(0);
      expect(data.scenarioCounts['no-email']).toBeGreaterThan(0);
    }
  });

  it('the engine, streaming the seed rule query, finds exactly the planted bursts', () => {
    const query = readFileSync(join(repoRoot, 'rules/okta/credential_access_mfa_push_brute_force.toml'), 'utf8').match(/query = '''([\s\S]*?)'''/)?.[1];
    expect(query).toContain('sequence by user.email');
    const data = generateOktaEvents({ count: 20_000, seed: 5 });
    const stream = compile(query as string).stream();
    const ids: string[][] = [];
    const collect = (hits: ReturnType<typeof stream.push>) => {
      for (const hit of hits) if (hit.kind !== 'event') ids.push(hit.events.map((e) => (e as unknown as Doc).event.id));
    };
    for (const event of data.events()) collect(stream.push(event));
    collect(stream.flush());
    const byFirstId = (a: readonly string[], b: readonly string[]) => (a[0]! < b[0]! ? -1 : 1);
    expect(ids.sort(byFirstId)).toEqual(data.expectedAlerts.map((a) => [...a.event_ids]).sort(byFirstId));
    expect(ids.length).toBe(250);
  });

  it('bundled sample matches the generator and its expected alerts', () => {
    const dir = join(repoRoot, 'examples/okta');
    const lines = readFileSync(join(dir, 'events.ndjson'), 'utf8').trim().split('\n');
    const data = generateOktaEvents({ count: 400, seed: 7 });
    expect(lines).toEqual([...data.events()].map((e) => JSON.stringify(e)));
    const expected = readFileSync(join(dir, 'expected-alerts.ndjson'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(expected).toEqual(data.expectedAlerts);
    expect(expected).toHaveLength(5);
  });
});
