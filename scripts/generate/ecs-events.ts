/**
 * Deterministic mixed ECS endpoint events (process, file, network, registry, authentication) as
 * Elastic Defend / Winlogbeat / Auditbeat write them, for benchmarks over the detection-rules
 * corpus. Most events are everyday background traffic with realistic field sets (Windows paths
 * with backslashes, command lines, hashes, ports); a share is built from the corpus rules' own
 * predicates (the runner-equivalence test's generator, `test/rules/corpus-events.ts`), so some
 * rules fire. Each event carries `_index`, as a search hit would, so index patterns route it.
 *
 *   npx tsx scripts/generate/ecs-events.ts --count 100000 --seed 7 --out events.ndjson
 */
import { createWriteStream, readdirSync, readFileSync, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Statement } from '@eqlkit/parser';
import type { Rule } from '@eqlkit/rules';
import { generateCorpusEvents } from '../../test/rules/corpus-events.js';
import { mulberry32, Random } from './prng.js';

/** A rule and its parsed query, as the corpus generator needs them. */
export interface RuleShape {
  readonly rule: Rule;
  readonly statement: Statement;
}

/** Options of the generator. */
export interface EcsGeneratorOptions {
  readonly count: number;
  readonly seed: number;
  /** Rules whose predicates some events are built from (none: background only). */
  readonly rules?: readonly RuleShape[];
  /** Share of events built from the rules (default 0.1). */
  readonly ruleShare?: number;
  /** Time of the first event (ISO-8601). */
  readonly start?: string;
}

const HOSTS = ['WIN-DC01', 'WIN-WS-0412', 'WIN-WS-0977', 'LNX-WEB-02', 'LNX-DB-01', 'MAC-ENG-17'];
const USERS = ['alice', 'bob', 'carol', 'SYSTEM', 'root', 'svc_backup', 'dave.admin'];
const WIN_PROCS = [
  { name: 'svchost.exe', dir: 'C:\\Windows\\System32', args: ['-k', 'netsvcs', '-p'] },
  { name: 'chrome.exe', dir: 'C:\\Program Files\\Google\\Chrome\\Application', args: ['--type=renderer', '--lang=en-US'] },
  { name: 'explorer.exe', dir: 'C:\\Windows', args: [] },
  { name: 'OUTLOOK.EXE', dir: 'C:\\Program Files\\Microsoft Office\\root\\Office16', args: ['/recycle'] },
  { name: 'conhost.exe', dir: 'C:\\Windows\\System32', args: ['0xffffffff', '-ForceV1'] },
  { name: 'MsMpEng.exe', dir: 'C:\\ProgramData\\Microsoft\\Windows Defender\\Platform\\4.18.24090.11-0', args: [] },
  { name: 'Teams.exe', dir: 'C:\\Users\\alice\\AppData\\Local\\Microsoft\\Teams\\current', args: ['--system-initiated'] },
];
const NIX_PROCS = [
  { name: 'nginx', dir: '/usr/sbin', args: ['-g', 'daemon off;'] },
  { name: 'python3', dir: '/usr/bin', args: ['/opt/app/worker.py', '--queue', 'default'] },
  { name: 'sshd', dir: '/usr/sbin', args: ['-D'] },
  { name: 'cron', dir: '/usr/sbin', args: ['-f'] },
  { name: 'postgres', dir: '/usr/lib/postgresql/16/bin', args: ['-D', '/var/lib/postgresql/16/main'] },
];
const FILES = ['report.docx', 'invoice_2026.pdf', 'data.csv', 'app.log', 'cache.tmp', 'notes.txt', 'image.png', 'config.json'];
const REG_KEYS = [
  'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Explorer\\StartupApproved\\Run',
  'HKCU\\Software\\Microsoft\\Office\\16.0\\Common\\General',
  'HKLM\\SYSTEM\\CurrentControlSet\\Services\\Tcpip\\Parameters',
];
const PORTS = [443, 80, 53, 445, 3389, 5432, 22, 8080];

const hex = (r: Random, n: number) => Array.from({ length: n }, () => r.int(0, 15).toString(16)).join('');
const ip = (r: Random, internal: boolean) => (internal ? `10.${r.int(0, 20)}.${r.int(0, 255)}.${r.int(1, 254)}` : `${r.int(11, 223)}.${r.int(0, 255)}.${r.int(0, 255)}.${r.int(1, 254)}`);

function common(r: Random, time: number, category: string, dataset: string, host: string): Record<string, unknown> {
  const windows = host.startsWith('WIN');
  return {
    '@timestamp': new Date(time).toISOString(),
    agent: { type: 'endpoint', version: '8.15.2', id: `${hex(r, 8)}-${hex(r, 4)}-${hex(r, 4)}-${hex(r, 4)}-${hex(r, 12)}` },
    data_stream: { type: 'logs', dataset, namespace: 'default' },
    ecs: { version: '8.11.0' },
    host: { name: host, hostname: host.toLowerCase(), os: { type: windows ? 'windows' : host.startsWith('MAC') ? 'macos' : 'linux', name: windows ? 'Windows 11 Pro' : 'Ubuntu' }, ip: [ip(r, true)] },
    event: { kind: 'event', category: [category], module: 'endpoint', dataset, id: hex(r, 20), ingested: new Date(time + r.int(200, 3000)).toISOString() },
    user: { name: r.pick(USERS), domain: windows ? 'CORP' : undefined },
    _index: `.ds-logs-${dataset}-default-2026.03.02-000001`,
  };
}

function processEvent(r: Random, time: number): Record<string, unknown> {
  const host = r.pick(HOSTS);
  const windows = host.startsWith('WIN');
  const p = windows ? r.pick(WIN_PROCS) : r.pick(NIX_PROCS);
  const parent = windows ? r.pick(WIN_PROCS) : r.pick(NIX_PROCS);
  const sep = windows ? '\\' : '/';
  const executable = `${p.dir}${sep}${p.name}`;
  const e = common(r, time, 'process', 'endpoint.events.process', host);
  (e.event as Record<string, unknown>).type = [r.pick(['start', 'end'])];
  (e.event as Record<string, unknown>).action = r.pick(['start', 'exec', 'end']);
  e.process = {
    pid: r.int(100, 65000),
    entity_id: hex(r, 32),
    name: p.name,
    executable,
    args: [executable, ...p.args],
    args_count: p.args.length + 1,
    command_line: [executable, ...p.args].join(' '),
    working_directory: p.dir,
    hash: { sha256: hex(r, 64), md5: hex(r, 32) },
    parent: { pid: r.int(4, 9000), name: parent.name, executable: `${parent.dir}${sep}${parent.name}`, args: [`${parent.dir}${sep}${parent.name}`] },
    ...(windows ? { pe: { original_file_name: p.name.toUpperCase(), company: 'Microsoft Corporation' }, code_signature: { trusted: true, subject_name: 'Microsoft Windows', exists: true } } : {}),
  };
  return e;
}

function fileEvent(r: Random, time: number): Record<string, unknown> {
  const host = r.pick(HOSTS);
  const windows = host.startsWith('WIN');
  const name = r.pick(FILES);
  const dir = windows ? `C:\\Users\\${r.pick(USERS)}\\Documents` : `/home/${r.pick(USERS)}/work`;
  const e = common(r, time, 'file', 'endpoint.events.file', host);
  (e.event as Record<string, unknown>).type = [r.pick(['creation', 'change', 'deletion'])];
  (e.event as Record<string, unknown>).action = r.pick(['creation', 'overwrite', 'rename', 'deletion']);
  e.file = { name, path: `${dir}${windows ? '\\' : '/'}${name}`, extension: name.split('.').pop(), size: r.int(100, 5_000_000) };
  e.process = { pid: r.int(100, 65000), name: windows ? 'explorer.exe' : 'python3', executable: windows ? 'C:\\Windows\\explorer.exe' : '/usr/bin/python3' };
  return e;
}

function networkEvent(r: Random, time: number): Record<string, unknown> {
  const e = common(r, time, 'network', 'endpoint.events.network', r.pick(HOSTS));
  const port = r.pick(PORTS);
  (e.event as Record<string, unknown>).type = [r.pick(['start', 'connection', 'end'])];
  (e.event as Record<string, unknown>).action = r.pick(['connection_attempted', 'connection_accepted', 'disconnect_received']);
  e.source = { ip: ip(r, true), port: r.int(49152, 65535) };
  e.destination = { ip: ip(r, r.next() < 0.3), port };
  e.network = { transport: port === 53 ? 'udp' : 'tcp', direction: r.pick(['egress', 'ingress']), type: 'ipv4' };
  e.process = { pid: r.int(100, 65000), name: r.pick(['chrome.exe', 'svchost.exe', 'nginx', 'sshd']) };
  return e;
}

function registryEvent(r: Random, time: number): Record<string, unknown> {
  const e = common(r, time, 'registry', 'endpoint.events.registry', r.pick(HOSTS.slice(0, 3)));
  const key = r.pick(REG_KEYS);
  const value = r.pick(['OneDrive', 'SecurityHealth', 'Domain', 'LastUpdate']);
  (e.event as Record<string, unknown>).type = ['change'];
  (e.event as Record<string, unknown>).action = 'modification';
  e.registry = { hive: key.slice(0, 4), key: key.slice(5), path: `${key}\\${value}`, value, data: { strings: [`"C:\\Program Files\\${value}\\${value}.exe" /background`], type: 'REG_SZ' } };
  e.process = { pid: r.int(100, 65000), name: 'svchost.exe', executable: 'C:\\Windows\\System32\\svchost.exe' };
  return e;
}

function authenticationEvent(r: Random, time: number): Record<string, unknown> {
  const e = common(r, time, 'authentication', 'system.security', r.pick(HOSTS));
  const ok = r.next() < 0.85;
  (e.event as Record<string, unknown>).type = ['start'];
  (e.event as Record<string, unknown>).action = r.pick(['logged-in', 'logon-failed', 'ssh_login']);
  (e.event as Record<string, unknown>).outcome = ok ? 'success' : 'failure';
  e.source = { ip: ip(r, r.next() < 0.7) };
  e.winlog = { event_id: ok ? '4624' : '4625', logon: { type: r.pick(['Interactive', 'Network', 'RemoteInteractive']) }, channel: 'Security' };
  return e;
}

const KINDS = [processEvent, processEvent, processEvent, fileEvent, fileEvent, networkEvent, networkEvent, registryEvent, authenticationEvent];

/** The events, lazily, in timestamp order (a rule-built event takes the time of its slot). */
export function* generateEcsEvents(options: EcsGeneratorOptions): Generator<Record<string, unknown>> {
  const r = new Random(mulberry32(options.seed));
  const share = options.rules && options.rules.length > 0 ? (options.ruleShare ?? 0.1) : 0;
  const planted = share > 0 ? generateCorpusEvents(options.rules ?? [], Math.ceil(options.count * share), options.seed) : [];
  let next = 0;
  let time = Date.parse(options.start ?? '2026-03-02T08:00:00.000Z');
  for (let i = 0; i < options.count; i++) {
    time += r.int(1, 60);
    if (next < planted.length && r.next() < share) {
      const { event, index } = planted[next++] as { event: Record<string, unknown>; index: string };
      yield { ...event, '@timestamp': new Date(time).toISOString(), _index: index };
      continue;
    }
    yield r.pick(KINDS)(r, time);
  }
}

/** Every rule of the detection-rules corpus folder with its parsed query (deprecated ones too). */
export async function corpusRuleShapes(root: string): Promise<RuleShape[]> {
  const { loadRule } = await import('../../packages/rules/src/index.js');
  const { compile } = await import('../../packages/engine/src/index.js');
  const shapes: RuleShape[] = [];
  for (const dir of ['rules', 'rules_building_block']) {
    for (const e of readdirSync(join(root, dir), { withFileTypes: true, recursive: true })) {
      if (!e.isFile() || !e.name.endsWith('.toml')) continue;
      const path = join(e.parentPath, e.name);
      const result = loadRule(path, readFileSync(path, 'utf8'), { checkQuery: false });
      if (result.status !== 'invalid') shapes.push({ rule: result.rule, statement: compile(result.rule.query ?? '').statement });
    }
  }
  return shapes.sort((a, b) => (a.rule.ruleId < b.rule.ruleId ? -1 : 1));
}

/** Writes events as NDJSON; resolves with the bytes written. */
export async function writeNdjson(out: WriteStream, events: Iterable<unknown>): Promise<number> {
  let bytes = 0;
  let buffer = '';
  for (const value of events) {
    buffer += `${JSON.stringify(value)}\n`;
    if (buffer.length > 1 << 20) {
      bytes += Buffer.byteLength(buffer);
      if (!out.write(buffer)) await once(out, 'drain');
      buffer = '';
    }
  }
  bytes += Buffer.byteLength(buffer);
  out.end(buffer);
  await once(out, 'finish');
  return bytes;
}

function argValue(args: readonly string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i === -1 ? undefined : args[i + 1];
}

async function main(args: readonly string[]): Promise<void> {
  const count = Number(argValue(args, '--count') ?? '1000');
  const seed = Number(argValue(args, '--seed') ?? '1');
  const corpus = argValue(args, '--corpus');
  const out = argValue(args, '--out');
  const rules = corpus ? await corpusRuleShapes(corpus) : [];
  const bytes = await writeNdjson(out ? createWriteStream(out) : (process.stdout as unknown as WriteStream), generateEcsEvents({ count, seed, rules }));
  process.stderr.write(`${count} events, ${bytes} bytes, ${rules.length} rules\n`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
