import { readFileSync, statSync } from 'node:fs';
import { loadRule, type LoadedRuleFile, type LoadRuleOptions } from '../load-rule.js';
import { loadPack, type LoadPackOptions, type Pack } from '../pack.js';
import { ruleDiagnostic, RuleCode } from '../rule-diagnostic.js';
import { readPackFiles } from './read-pack-files.js';

/** Loads one rule file from disk; an unreadable file is an `EQL5042` diagnostic, not a throw. */
export function loadRuleFile(path: string, options: LoadRuleOptions = {}): LoadedRuleFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const d = ruleDiagnostic(path, '', RuleCode.Unreadable, 'error', `cannot read ${path}: ${(error as Error).message}`, 0);
    return { status: 'invalid', file: path, diagnostics: [d] };
  }
  return loadRule(path, text, options);
}

/**
 * Loads a pack folder from disk (recursively, with its `pack.yaml`). File names in the result
 * start with `dir` as given, so diagnostics point at paths the user can open.
 */
export function loadPackDir(dir: string, options: Omit<LoadPackOptions, 'root'> = {}): Pack {
  if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory()) {
    const d = ruleDiagnostic(dir, '', RuleCode.Unreadable, 'error', `${dir} is not a folder`, 0);
    return { rules: [], skipped: [], invalidFiles: [dir], testFiles: [], dataFiles: [], diagnostics: [d] };
  }
  return loadPack(readPackFiles(dir), { ...options, root: dir });
}

/** Reads a text file for rule tests (`events_file`, `cases_from`); undefined when it cannot. */
export function readTextFile(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}
