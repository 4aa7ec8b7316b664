import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../support/shared.js';

/**
 * The built binary, bundled (`scripts/bundle-cli.mjs`); the suite runs it as users do (`pnpm
 * test` builds and bundles first).
 */
export const binPath = join(repoRoot, 'packages/cli/dist/bundle/eql.js');

export interface EqlResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `node packages/cli/dist/bundle/eql.js ...args` from the repo root, optionally feeding stdin. */
export function runEql(args: readonly string[], options: { stdin?: string | Buffer; env?: NodeJS.ProcessEnv } = {}): Promise<EqlResult> {
  if (!existsSync(binPath)) throw new Error(`${binPath} is missing: run \`pnpm build\` first`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [binPath, ...args], {
      cwd: repoRoot,
      env: { ...process.env, NO_COLOR: '1', ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }));
    child.stdin.end(options.stdin ?? '');
  });
}

/** A scratch folder for test inputs. */
export function scratch(): { dir: string; file(name: string, content: string | Buffer): string } {
  const dir = mkdtempSync(join(tmpdir(), 'eql-cli-'));
  return {
    dir,
    file(name, content) {
      const path = join(dir, name);
      writeFileSync(path, content);
      return path;
    },
  };
}

/** Parses NDJSON output. */
export function ndjson(text: string): Record<string, unknown>[] {
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

/** The seed rule's TOML (rules/okta). */
export function seedRule(): string {
  return readFileSync(join(repoRoot, 'rules/okta/credential_access_mfa_push_brute_force.toml'), 'utf8');
}

/** The seed rule's file with another rule id (ending in `k`), name (`Variant k`) and query. */
export function seedVariant(k: string, query: string): string {
  return seedRule()
    .replace(/^rule_id = ".*"$/m, `rule_id = "00000000-0000-4000-8000-${k.padStart(12, '0')}"`)
    .replace(/^name = "Potential Abuse.*"$/m, `name = "Variant ${k}"`)
    .replace(/^query = '''[\s\S]*?^'''$/m, `query = '''\n${query}\n'''`);
}

/**
 * A pack of four Okta rules in the scratch folder: the seed, two event queries and a two-stage sequence
 * (`Variant 1` to `3`), so that a run has several rules to route and batch.
 */
export function writeVariantPack(s: ReturnType<typeof scratch>): void {
  s.file('seed.toml', seedRule());
  s.file('deny.toml', seedVariant('1', 'any where event.action == "user.mfa.okta_verify.deny_push"'));
  s.file('sso.toml', seedVariant('2', 'any where event.action : "USER.AUTHENTICATION.SSO" and user.email : "*a*"'));
  s.file('pair.toml', seedVariant('3', 'sequence by user.email with maxspan=1m [any where event.action : "user.mfa.okta_verify.deny_push"] [any where event.action : "user.authentication.sso"]'));
}
