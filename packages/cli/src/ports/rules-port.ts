import { readFileSync, statSync } from 'node:fs';
import type { PackRule, QueryChecker, RuleDiagnostic } from '@eqlkit/rules';
import { loadPackDir, loadRuleFile } from '@eqlkit/rules/node';
import { CliError } from '../cli-error.js';
import { findPackRoots } from './pack-roots.js';
import type { LocatedDiagnostic } from '../output/located-diagnostic.js';

/** The result of checking one rule file (or `-e` query). */
export interface CheckedFile {
  readonly file: string;
  readonly diagnostics: readonly LocatedDiagnostic[];
}

/** Rule diagnostics with the file text attached (read once per file) for the excerpt. */
export function locate(diagnostics: readonly RuleDiagnostic[]): LocatedDiagnostic[] {
  const texts = new Map<string, string | undefined>();
  const text = (file: string) => {
    if (!texts.has(file)) {
      let content: string | undefined;
      try {
        content = readFileSync(file, 'utf8');
      } catch {
        content = undefined;
      }
      texts.set(file, content);
    }
    return texts.get(file);
  };
  return diagnostics.map((diagnostic) => {
    const source = text(diagnostic.file);
    return source === undefined ? { file: diagnostic.file, diagnostic } : { file: diagnostic.file, source, diagnostic };
  });
}

function kindOf(path: string): 'file' | 'dir' {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) throw new CliError(`cannot read ${path}: no such file or folder`);
  if (stat.isDirectory()) return 'dir';
  if (stat.isFile()) return 'file';
  throw new CliError(`cannot read ${path}: not a file or folder`);
}

/**
 * Loads and validates rule files and folders (recursively, pack manifests included). One entry
 * per rule file; non-EQL rules that load count as valid. A folder without a single rule file is
 * a usage error: most likely the wrong path.
 */
export function checkRuleFiles(paths: readonly string[], checkQuery: QueryChecker): CheckedFile[] {
  const checked: CheckedFile[] = [];
  for (const path of paths) {
    if (kindOf(path) === 'file') {
      const result = loadRuleFile(path, { checkQuery });
      checked.push({ file: path, diagnostics: locate(result.diagnostics) });
      continue;
    }
    const before = checked.length;
    for (const root of findPackRoots(path)) {
      const pack = loadPackDir(root, { checkQuery });
      const files = [...pack.rules.map((r) => r.file), ...pack.skipped.map((r) => r.file), ...pack.invalidFiles];
      const byFile = new Map<string, RuleDiagnostic[]>(files.map((f) => [f, []]));
      for (const d of pack.diagnostics) {
        const list = byFile.get(d.file);
        if (list) list.push(d);
        else byFile.set(d.file, [d]);
      }
      for (const [file, diagnostics] of byFile) checked.push({ file, diagnostics: locate(diagnostics) });
    }
    if (checked.length === before) throw new CliError(`no rule files (.toml, .yaml, .yml) in ${path}`);
  }
  return checked;
}

/** Rules to run, what was left out, and every problem found loading them. */
export interface LoadedRules {
  readonly rules: readonly PackRule[];
  /** Non-EQL rules and the like, with why. */
  readonly skipped: readonly { readonly file: string; readonly reason: string }[];
  /** A rule_id defined again in a later pack: the first definition runs. */
  readonly duplicates: readonly { readonly file: string; readonly ruleId: string; readonly kept: string }[];
  readonly diagnostics: readonly LocatedDiagnostic[];
}

/**
 * Loads the rules of `eql run`: rule files, and folders as packs (one per `pack.yaml`). A rule_id
 * in two packs (the same rule shipped twice) runs once, from the first pack in path order.
 */
export function loadRules(paths: readonly string[], checkQuery: QueryChecker): LoadedRules {
  const rules: PackRule[] = [];
  const skipped: { file: string; reason: string }[] = [];
  const duplicates: { file: string; ruleId: string; kept: string }[] = [];
  const diagnostics: RuleDiagnostic[] = [];
  const seen = new Map<string, string>();
  const add = (entry: PackRule) => {
    const kept = seen.get(entry.rule.ruleId);
    if (kept !== undefined) {
      duplicates.push({ file: entry.file, ruleId: entry.rule.ruleId, kept });
      return;
    }
    seen.set(entry.rule.ruleId, entry.file);
    rules.push(entry);
  };
  for (const path of paths) {
    if (kindOf(path) === 'file') {
      const result = loadRuleFile(path, { checkQuery });
      diagnostics.push(...result.diagnostics);
      if (result.status === 'loaded') add({ file: path, rule: result.rule });
      else if (result.status === 'skipped') skipped.push({ file: path, reason: result.reason });
      continue;
    }
    for (const root of findPackRoots(path)) {
      const pack = loadPackDir(root, { checkQuery });
      diagnostics.push(...pack.diagnostics);
      pack.rules.forEach(add);
      skipped.push(...pack.skipped.map((s) => ({ file: s.file, reason: s.reason })));
    }
  }
  return { rules, skipped, duplicates, diagnostics: locate(diagnostics) };
}
