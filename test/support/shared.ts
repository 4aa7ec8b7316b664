import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file is test/support/shared.ts). */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * The shared reference data (Elasticsearch conformance suite, detection-rules and Okta corpora)
 * lives beside the repository in `../shared`, never inside it. `EQLKIT_SHARED` overrides it.
 */
export const sharedDir = process.env.EQLKIT_SHARED ?? resolve(repoRoot, '../shared');

/** Path of a file or folder under shared/, or a clear error saying it is absent. */
export function sharedPath(...parts: string[]): string {
  const path = join(sharedDir, ...parts);
  if (!existsSync(path)) {
    throw new Error(
      `Reference data not found: ${path}\n` +
        `These tests read the shared corpora from ../shared beside the repository ` +
        `(or from $EQLKIT_SHARED). Put the shared/ folder there and run again.`,
    );
  }
  return path;
}
