import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../support/shared.js';

/**
 * The embedding tests run what users get: the packages' built `dist/`. Fails with the command to
 * run when a package has not been built.
 */
export function requireBuilt(...packages: string[]): void {
  for (const name of packages) {
    const entry = join(repoRoot, 'packages', name, 'dist', 'index.js');
    if (!existsSync(entry)) throw new Error(`${entry} is missing: build the workspace first (pnpm build, or npx tsc -b)`);
  }
}
