import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const MANIFEST = /^pack\.ya?ml$/i;

/**
 * The packs under a folder: the folder itself when it has a `pack.yaml`; else every folder below
 * it that has one (`rules/` holds one pack per folder); else the folder itself, as a pack
 * without a manifest (a checkout of detection-rules).
 */
export function findPackRoots(dir: string): string[] {
  const found = packsBelow(dir);
  return found.length > 0 ? found : [dir];
}

function packsBelow(dir: string): string[] {
  const entries = readdirSync(dir, { withFileTypes: true });
  if (entries.some((e) => e.isFile() && MANIFEST.test(e.name))) return [dir];
  return entries
    .filter((e) => e.isDirectory() && !e.name.startsWith('.') && e.name !== 'node_modules')
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .flatMap((e) => packsBelow(join(dir, e.name)));
}
