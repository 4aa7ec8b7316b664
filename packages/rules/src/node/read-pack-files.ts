import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { PackFile } from '../pack.js';

/** Extensions a pack folder may hold: rules, manifest, rule tests and their event files. */
const PACK_FILE = /\.(toml|ya?ml|ndjson|jsonl|json)$/i;

/** Reads every pack file under `dir`, recursively, with paths relative to `dir` using `/`. */
export function readPackFiles(dir: string): PackFile[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((entry) => join(dir, entry))
    .filter((path) => PACK_FILE.test(path) && statSync(path).isFile())
    .sort()
    .map((path) => ({ path: relative(dir, path).split(sep).join('/'), text: readFileSync(path, 'utf8') }));
}
