import { isRuleFileName, loadRule, parseRuleFile, type QueryChecker } from './load-rule.js';
import { parsePackManifest, type PackManifest } from './pack-manifest.js';
import { ruleDiagnostic, RuleCode, type RuleDiagnostic } from './rule-diagnostic.js';
import type { Rule } from './rule.js';
import { satisfies } from './semver-range.js';

/** One file of a pack: its path relative to the pack root (with `/`) and its text. */
export interface PackFile {
  readonly path: string;
  readonly text: string;
}

/** A rule of a pack and the file it came from. */
export interface PackRule {
  readonly file: string;
  readonly rule: Rule;
}

/** A rule that loaded but does not run here, and why. */
export interface SkippedRule extends PackRule {
  readonly reason: string;
}

/** A loaded pack: what runs, what is skipped, and every problem found on the way. */
export interface Pack {
  readonly manifest?: PackManifest;
  /** Valid EQL rules, in file path order. */
  readonly rules: readonly PackRule[];
  readonly skipped: readonly SkippedRule[];
  /** Files that did not load (each has at least one error in `diagnostics`). */
  readonly invalidFiles: readonly string[];
  /** Rule test files (`*.test.yaml`, `*.test.yml`), paths as in `file` of the rules. */
  readonly testFiles: readonly PackFile[];
  /** Event files for the tests (`.ndjson`, `.jsonl`, `.json`), paths likewise. */
  readonly dataFiles: readonly PackFile[];
  /** Errors and warnings of every file, in file order. */
  readonly diagnostics: readonly RuleDiagnostic[];
}

export interface LoadPackOptions {
  /** Checks each EQL query; default `@eqlkit/parser`'s `parse`, `false` to skip. */
  readonly checkQuery?: QueryChecker | false;
  /** The running engine's version, checked against the manifest's `engine` range. */
  readonly engineVersion?: string;
  /** Prefix for file names in diagnostics and results (the pack folder as the user wrote it). */
  readonly root?: string;
}

/**
 * Builds a pack from an in-memory list of files (a folder read recursively, a zip, a browser
 * upload). A broken file is reported with its reason and the rest still load; two rules with
 * one `rule_id` are an error on the later file, which is left out.
 */
export function loadPack(files: readonly PackFile[], options: LoadPackOptions = {}): Pack {
  const diagnostics: RuleDiagnostic[] = [];
  const root = options.root?.replace(/\/+$/, '');
  const shown = (path: string) => (root ? `${root}/${path}` : path);
  const sorted = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const manifestFile = sorted.find((f) => /^pack\.ya?ml$/i.test(f.path));
  let manifest: PackManifest | undefined;
  if (manifestFile) {
    const result = parsePackManifest(shown(manifestFile.path), manifestFile.text);
    manifest = result.manifest;
    diagnostics.push(...result.diagnostics);
    if (manifest?.engine && options.engineVersion && !satisfies(options.engineVersion, manifest.engine)) {
      const text = manifestFile.text;
      const at = text.indexOf(manifest.engine);
      diagnostics.push(
        ruleDiagnostic(shown(manifestFile.path), text, RuleCode.EngineVersion, 'error',
          `pack ${manifest.name} needs engine ${manifest.engine}, this is ${options.engineVersion}`, Math.max(0, at)),
      );
    }
  }
  const versions = manifest?.versions ?? {};
  const rules: PackRule[] = [];
  const skipped: SkippedRule[] = [];
  const invalidFiles: string[] = [];
  const seen = new Map<string, string>(); // rule_id → first file
  for (const f of sorted) {
    if (f === manifestFile || !isRuleFileName(f.path)) continue;
    const file = shown(f.path);
    const result = loadRule(file, f.text, {
      ...(options.checkQuery !== undefined ? { checkQuery: options.checkQuery } : {}),
      version: (id) => versions[id],
    });
    diagnostics.push(...result.diagnostics);
    if (result.status === 'invalid') {
      invalidFiles.push(file);
      continue;
    }
    const first = seen.get(result.rule.ruleId);
    if (first !== undefined) {
      diagnostics.push(duplicateDiagnostic(file, f.text, result.rule.ruleId, first));
      invalidFiles.push(file);
      continue;
    }
    seen.set(result.rule.ruleId, file);
    if (result.status === 'skipped') skipped.push({ file, rule: result.rule, reason: result.reason });
    else rules.push({ file, rule: result.rule });
  }
  const testFiles = sorted.filter((f) => /\.test\.ya?ml$/i.test(f.path)).map((f) => ({ path: shown(f.path), text: f.text }));
  const dataFiles = sorted.filter((f) => /\.(ndjson|jsonl|json)$/i.test(f.path)).map((f) => ({ path: shown(f.path), text: f.text }));
  return { ...(manifest ? { manifest } : {}), rules, skipped, invalidFiles, testFiles, dataFiles, diagnostics };
}

function duplicateDiagnostic(file: string, text: string, ruleId: string, first: string): RuleDiagnostic {
  const parsed = parseRuleFile(file, text);
  const at = ('format' in parsed ? parsed.positions.locate('/rule/rule_id')?.value : undefined) ?? { start: 0, end: 0 };
  return ruleDiagnostic(file, text, RuleCode.DuplicateRuleId, 'error',
    `duplicate rule_id ${ruleId}: already used by ${first}`, at.start, at.end, { jsonPath: '/rule/rule_id' });
}
