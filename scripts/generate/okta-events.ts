/**
 * Deterministic Okta System Log events as the newest Fleet integration stores them (ECS 9.4.0
 * shape, see shared/corpus/okta/integration/expected), with planted MFA push-abuse bursts and
 * decoys, so the number of alerts of the push-abuse rule is known exactly.
 *
 * A burst is two `user.mfa.okta_verify.deny_push` then a `user.authentication.sso` for the same
 * `user.email` within 10 minutes. Decoys must not alert: one deny only; the SSO too late; the SSO
 * by another user; the SSO under another letter case of the e-mail; no `user.email` at all.
 *
 *   npx tsx scripts/generate/okta-events.ts --count 400 --seed 7 [--out events.ndjson] [--expected expected.ndjson]
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { pathToFileURL } from 'node:url';
import { mulberry32, Random } from './prng.js';

/** An Okta user as the events show it; `email` is absent for pre-9.x pipeline documents. */
interface Identity {
  readonly login: string;
  readonly email: string | undefined;
  readonly displayName: string;
  readonly actorId: string;
}

type Action =
  | 'user.session.start'
  | 'user.session.end'
  | 'user.authentication.auth_via_mfa'
  | 'user.authentication.sso'
  | 'user.authentication.verify'
  | 'policy.evaluate_sign_on'
  | 'system.push.send_factor_verify_push'
  | 'user.mfa.okta_verify.deny_push';

interface ActionInfo {
  readonly message: string;
  readonly result: 'SUCCESS' | 'FAILURE' | 'ALLOW';
  readonly category?: readonly string[];
  readonly type: readonly string[];
}

const ACTIONS: Record<Action, ActionInfo> = {
  'user.session.start': { message: 'User login to Okta', result: 'SUCCESS', category: ['authentication', 'session'], type: ['start'] },
  'user.session.end': { message: 'User logout from Okta', result: 'SUCCESS', category: ['authentication', 'session'], type: ['end'] },
  'user.authentication.auth_via_mfa': { message: 'Authentication of user via MFA', result: 'SUCCESS', category: ['authentication'], type: ['info'] },
  'user.authentication.sso': { message: 'User single sign on to app', result: 'SUCCESS', category: ['authentication'], type: ['info'] },
  'user.authentication.verify': { message: 'Verify user identity', result: 'SUCCESS', category: ['authentication'], type: ['info'] },
  'policy.evaluate_sign_on': { message: 'Evaluation of sign-on policy', result: 'ALLOW', category: ['authentication'], type: ['info'] },
  'system.push.send_factor_verify_push': { message: 'Send Okta Verify push notification', result: 'SUCCESS', type: ['info'] },
  'user.mfa.okta_verify.deny_push': { message: 'User rejected Okta push verify', result: 'FAILURE', type: ['info'] },
};

/** Everyday traffic; no deny_push, so only planted scenarios can alert. */
const BACKGROUND: readonly Action[] = [
  'user.session.start',
  'user.session.start',
  'user.authentication.sso',
  'user.authentication.sso',
  'user.authentication.sso',
  'user.authentication.auth_via_mfa',
  'user.authentication.auth_via_mfa',
  'policy.evaluate_sign_on',
  'policy.evaluate_sign_on',
  'user.authentication.verify',
  'system.push.send_factor_verify_push',
  'user.session.end',
];

const FIRST = ['ana', 'ben', 'chloe', 'dmitri', 'emma', 'farid', 'grace', 'hiro', 'ines', 'jonas', 'kemal', 'lena', 'marta', 'noah', 'olga', 'pavel', 'quinn', 'rosa', 'sami', 'tara'];
const LAST = ['abe', 'berg', 'costa', 'diaz', 'eriksen', 'fischer', 'garcia', 'haddad', 'ivanova', 'jensen', 'kowalski', 'lopez', 'moreau', 'nakamura', 'okafor', 'petrov'];
const APPS = ['Salesforce', 'Slack', 'GitHub Enterprise', 'Workday', 'Jira', 'Zoom', 'AWS Console'];
const FACTORS = ['OKTA_VERIFY_PUSH', 'FIDO_WEBAUTHN', 'SIGNED_NONCE'];
const BROWSERS = [
  { name: 'Chrome', os: 'Mac OS X' },
  { name: 'Firefox', os: 'Windows' },
  { name: 'Edge', os: 'Windows' },
];
const PLACES = [
  { city: 'Lisbon', iso: 'PT' },
  { city: 'Berlin', iso: 'DE' },
  { city: 'Austin', iso: 'US' },
  { city: 'Osaka', iso: 'JP' },
];

const MINUTE = 60_000;
const SECOND = 1000;

/** The scenario kinds in the order they are planted; every other one is a real burst. */
const SCENARIO_CYCLE = ['burst', 'one-deny', 'burst', 'too-late', 'burst', 'other-user', 'burst', 'other-case', 'burst', 'no-email'] as const;
type ScenarioKind = (typeof SCENARIO_CYCLE)[number];

const SCENARIO_EVENTS: Record<ScenarioKind, number> = { burst: 3, 'one-deny': 2, 'too-late': 3, 'other-user': 3, 'other-case': 3, 'no-email': 3 };

/** One alert the push-abuse rule (`sequence by user.email with maxspan=10m`) must raise. */
export interface ExpectedAlert {
  readonly join_keys: readonly [string];
  /** `event.id` of the two denies and the SSO, in order. */
  readonly event_ids: readonly string[];
}

/** Options of the generator. */
export interface OktaGeneratorOptions {
  /** Number of events, planted ones included. */
  readonly count: number;
  readonly seed: number;
  /** Time of the first event (ISO-8601); events ascend from there, about 2 s apart. */
  readonly start?: string;
  /** Planted scenarios (half bursts, half decoys); default one per 40 events. */
  readonly scenarios?: number;
}

/** A generated data set: the events (lazily, in timestamp order) and the alerts they must raise. */
export interface OktaDataset {
  readonly expectedAlerts: readonly ExpectedAlert[];
  readonly scenarioCounts: Readonly<Record<ScenarioKind, number>>;
  events(): Generator<Record<string, unknown>>;
}

interface PlannedEvent {
  readonly offsetMs: number;
  readonly action: Action;
  readonly identity: Identity;
  readonly id: string;
}

interface Scenario {
  readonly kind: ScenarioKind;
  /** Index of the background event the scenario starts at. */
  readonly anchor: number;
  readonly events: readonly PlannedEvent[];
}

function identity(rng: Random, login: string, withEmail = true): Identity {
  const [local = login] = login.split('@');
  const displayName = local
    .replace(/\d+$/, '')
    .split('.')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(' ');
  return { login, email: withEmail ? login : undefined, displayName, actorId: `00u${rng.base62(17)}` };
}

function planScenario(kind: ScenarioKind, index: number, anchor: number, rng: Random): Scenario {
  const login = `${rng.pick(FIRST)}.${rng.pick(LAST)}${index + 1}@corp.example.com`;
  const victim = identity(rng, login, kind !== 'no-email');
  const deny = 'user.mfa.okta_verify.deny_push' as const;
  const sso = 'user.authentication.sso' as const;
  const first = rng.int(0, 30) * SECOND;
  const second = first + rng.int(20, 180) * SECOND;
  const quickSso = second + rng.int(10, 180) * SECOND;
  const ev = (offsetMs: number, action: Action, who: Identity): PlannedEvent => ({ offsetMs, action, identity: who, id: rng.uuid() });
  switch (kind) {
    case 'burst':
    case 'no-email':
      return { kind, anchor, events: [ev(first, deny, victim), ev(second, deny, victim), ev(quickSso, sso, victim)] };
    case 'one-deny':
      return { kind, anchor, events: [ev(first, deny, victim), ev(second, sso, victim)] };
    case 'too-late':
      // Past maxspan=10m measured from the first deny, with a margin for ingest jitter.
      return { kind, anchor, events: [ev(first, deny, victim), ev(second, deny, victim), ev(first + rng.int(11 * 60, 14 * 60) * SECOND, sso, victim)] };
    case 'other-user': {
      const other = identity(rng, `${rng.pick(FIRST)}.${rng.pick(LAST)}${index + 1}b@corp.example.com`);
      return { kind, anchor, events: [ev(first, deny, victim), ev(second, deny, victim), ev(quickSso, sso, other)] };
    }
    case 'other-case': {
      // Okta logins are case-insensitive, the join on user.email is not: a distinct key.
      const shouted = identity(rng, login.charAt(0).toUpperCase() + login.slice(1));
      return { kind, anchor, events: [ev(first, deny, shouted), ev(second, deny, shouted), ev(quickSso, sso, victim)] };
    }
  }
}

function buildEvent(rng: Random, timeMs: number, action: Action, who: Identity, id: string): Record<string, unknown> {
  const info = ACTIONS[action];
  const browser = rng.pick(BROWSERS);
  const place = rng.pick(PLACES);
  const ip = `${rng.int(11, 223)}.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}`;
  const outcome = info.result === 'FAILURE' ? 'failure' : 'success';
  const okta: Record<string, unknown> = {
    actor: { alternate_id: who.login, display_name: who.displayName, id: who.actorId, type: 'User' },
    client: { ip },
    debug_context: {
      debug_data: {
        request_id: rng.base62(27),
        request_uri: action === 'user.authentication.sso' ? `/app/${rng.pick(APPS).toLowerCase().replace(/ /g, '')}/sso/saml` : '/idp/idx/authenticators/poll',
        ...(action.includes('mfa') || action.includes('push') ? { factor: action === 'user.authentication.auth_via_mfa' ? rng.pick(FACTORS) : 'OKTA_VERIFY_PUSH' } : {}),
      },
    },
    display_message: info.message,
    event_type: action,
    outcome: { result: info.result },
    transaction: { id: rng.base62(12), type: 'WEB' },
    uuid: id,
  };
  return {
    '@timestamp': new Date(timeMs).toISOString(),
    client: { ip, user: { id: who.actorId } },
    data_stream: { dataset: 'okta.system', namespace: 'default', type: 'logs' },
    ecs: { version: '9.4.0' },
    event: {
      action,
      ...(info.category ? { category: info.category } : {}),
      dataset: 'okta.system',
      id,
      ingested: new Date(timeMs + rng.int(500, 4000)).toISOString(),
      kind: 'event',
      module: 'okta',
      outcome,
      type: info.type,
    },
    okta,
    related: { user: [who.displayName, who.login] },
    source: { geo: { city_name: place.city, country_iso_code: place.iso }, ip },
    user: who.email === undefined ? { full_name: who.displayName, name: who.login } : { email: who.email, full_name: who.displayName, name: who.login },
    user_agent: { name: browser.name, os: { name: browser.os } },
  };
}

/**
 * Plans the data set: how many scenarios of each kind, where they start, their users and event
 * ids. Events are produced lazily by `events()`, so a 1 GB file never sits in memory.
 */
export function generateOktaEvents(options: OktaGeneratorOptions): OktaDataset {
  const { count, seed } = options;
  if (!Number.isInteger(count) || count < 0) throw new Error(`count must be a non-negative integer, got ${count}`);
  const plan = new Random(mulberry32(seed ^ 0x5eed));
  let wanted = options.scenarios ?? Math.floor(count / 40);
  const kinds: ScenarioKind[] = [];
  let planted = 0;
  for (let i = 0; i < wanted; i++) {
    const kind = SCENARIO_CYCLE[i % SCENARIO_CYCLE.length] as ScenarioKind;
    if (planted + SCENARIO_EVENTS[kind] > count) break;
    kinds.push(kind);
    planted += SCENARIO_EVENTS[kind];
  }
  wanted = kinds.length;
  const backgroundCount = count - planted;
  const scenarios = kinds.map((kind, i) => planScenario(kind, i, Math.floor(((i + 0.5) * backgroundCount) / Math.max(1, wanted)), plan));
  const expectedAlerts: ExpectedAlert[] = scenarios
    .filter((s) => s.kind === 'burst')
    .map((s) => ({ join_keys: [s.events[0]?.identity.email as string], event_ids: s.events.map((e) => e.id) }));
  const scenarioCounts = Object.fromEntries(Object.keys(SCENARIO_EVENTS).map((k) => [k, kinds.filter((x) => x === k).length])) as Record<ScenarioKind, number>;
  const startMs = Date.parse(options.start ?? '2026-03-02T08:00:00.000Z');

  function* events(): Generator<Record<string, unknown>> {
    const rng = new Random(mulberry32(seed));
    const users = Array.from({ length: Math.min(2000, 25 + Math.floor(count / 1000)) }, (_, i) =>
      identity(rng, `${FIRST[i % FIRST.length]}.${LAST[Math.floor(i / FIRST.length) % LAST.length]}${i >= FIRST.length * LAST.length ? i : ''}@example.com`),
    );
    // Scenario events waiting for their time, kept sorted by time (few at once).
    const pending: { timeMs: number; event: PlannedEvent }[] = [];
    let next = 0;
    let time = startMs;
    const schedule = (at: number) => {
      for (; next < scenarios.length && (scenarios[next] as Scenario).anchor <= at; next++) {
        for (const event of (scenarios[next] as Scenario).events) {
          const timeMs = time + event.offsetMs;
          let i = pending.length;
          while (i > 0 && (pending[i - 1] as { timeMs: number }).timeMs > timeMs) i--;
          pending.splice(i, 0, { timeMs, event });
        }
      }
    };
    for (let i = 0; i < backgroundCount; i++) {
      time += rng.int(1, 4000);
      schedule(i);
      while (pending.length > 0 && (pending[0] as { timeMs: number }).timeMs <= time) {
        const { timeMs, event } = pending.shift() as { timeMs: number; event: PlannedEvent };
        yield buildEvent(rng, timeMs, event.action, event.identity, event.id);
      }
      yield buildEvent(rng, time, rng.pick(BACKGROUND), rng.pick(users), rng.uuid());
    }
    schedule(Infinity);
    for (const { timeMs, event } of pending) yield buildEvent(rng, timeMs, event.action, event.identity, event.id);
  }

  return { expectedAlerts, scenarioCounts, events };
}

async function writeLines(out: WriteStream | NodeJS.WriteStream, lines: Iterable<unknown>): Promise<void> {
  for (const value of lines) {
    if (!out.write(`${JSON.stringify(value)}\n`)) await once(out, 'drain');
  }
}

function argValue(args: readonly string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i === -1 ? undefined : args[i + 1];
}

async function main(args: readonly string[]): Promise<void> {
  const count = Number(argValue(args, '--count') ?? '400');
  const seed = Number(argValue(args, '--seed') ?? '1');
  const outPath = argValue(args, '--out');
  const expectedPath = argValue(args, '--expected');
  const scenarios = argValue(args, '--scenarios');
  const dataset = generateOktaEvents({ count, seed, ...(scenarios === undefined ? {} : { scenarios: Number(scenarios) }) });
  const out = outPath ? createWriteStream(outPath) : process.stdout;
  await writeLines(out, dataset.events());
  if (outPath) {
    (out as WriteStream).end();
    await once(out, 'finish');
  }
  if (expectedPath) {
    const exp = createWriteStream(expectedPath);
    await writeLines(exp, dataset.expectedAlerts);
    exp.end();
    await once(exp, 'finish');
  }
  process.stderr.write(`${count} events, ${dataset.expectedAlerts.length} expected alerts, scenarios ${JSON.stringify(dataset.scenarioCounts)}\n`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
