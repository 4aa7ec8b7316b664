/**
 * Memory check (not in CI): writes a ~1 GB NDJSON of generated Okta events, runs the built `eql`
 * over it and reports the peak RSS (target < 300 MB), wall time and throughput.
 *
 *   pnpm build && npx tsx scripts/memcheck-1gb.ts [--mb 1024] [--keep] [-- eql args...]
 *
 * The default eql command is `run --rules rules/okta FILE`; after `--` give another one, with
 * `FILE` standing for the generated file (e.g. `-- query 'any where false' FILE`).
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateOktaEvents } from './generate/okta-events.js';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const BYTES_PER_EVENT = 1250;

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i === -1 ? undefined : process.argv[i + 1];
}

async function writeEvents(path: string, targetBytes: number): Promise<{ events: number; alerts: number }> {
  const count = Math.ceil(targetBytes / BYTES_PER_EVENT);
  const data = generateOktaEvents({ count, seed: 1 });
  const out = createWriteStream(path);
  let batch = '';
  for (const event of data.events()) {
    batch += `${JSON.stringify(event)}\n`;
    if (batch.length > 1 << 20) {
      if (!out.write(batch)) await once(out, 'drain');
      batch = '';
    }
  }
  out.end(batch);
  await once(out, 'finish');
  return { events: count, alerts: data.expectedAlerts.length };
}

/** Peak resident set (VmHWM) of a running process, in bytes; Linux only. */
function peakRss(pid: number): number | undefined {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

async function main(): Promise<void> {
  const mb = Number(arg('--mb') ?? '1024');
  const file = join(tmpdir(), `eql-memcheck-${mb}mb.ndjson`);
  const bin = join(root, 'packages/cli/dist/bundle/eql.js');
  if (!existsSync(bin)) throw new Error('build first: pnpm build');
  const dash = process.argv.indexOf('--');
  const eqlArgs = (dash === -1 ? ['run', '--rules', 'rules/okta', 'FILE'] : process.argv.slice(dash + 1)).map((a) => (a === 'FILE' ? file : a));

  let t = Date.now();
  if (!existsSync(file) || statSync(file).size < mb * 1e6 * 0.95) {
    const { events, alerts } = await writeEvents(file, mb * 1e6);
    console.log(`generated ${file}: ${events} events, ${alerts} expected alerts, ${(statSync(file).size / 1e6).toFixed(0)} MB in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  }
  const size = statSync(file).size;

  t = Date.now();
  const child = spawn(process.execPath, [bin, ...eqlArgs], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  let peak = 0;
  let outputLines = 0;
  child.stdout.on('data', (b: Buffer) => {
    for (let i = b.indexOf(10); i !== -1; i = b.indexOf(10, i + 1)) outputLines++;
  });
  const timer = setInterval(() => {
    peak = Math.max(peak, peakRss(child.pid as number) ?? 0);
  }, 50);
  const [code] = (await once(child, 'exit')) as [number | null];
  clearInterval(timer);
  const seconds = (Date.now() - t) / 1000;
  console.log(`eql ${eqlArgs.join(' ')}`);
  console.log(`exit ${code}, ${outputLines} output lines, ${seconds.toFixed(1)} s, ${(size / 1e6 / seconds).toFixed(1)} MB/s`);
  console.log(`peak RSS ${(peak / 1e6).toFixed(0)} MB (target < 300 MB): ${peak > 0 && peak < 300e6 ? 'OK' : 'OVER'}`);
  if (!process.argv.includes('--keep')) rmSync(file, { force: true });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
