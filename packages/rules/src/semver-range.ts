/**
 * The subset of npm's semver ranges a pack manifest needs: `*`, `1.2.x`, `^1.2.3`, `~1.2.3`,
 * comparators (`>=0.1.0 <2`), hyphen-free, joined by spaces (and) and `||` (or). Pre-release
 * tags are compared as plain text after the numbers.
 */
export function satisfies(version: string, range: string): boolean {
  const v = parseVersion(version);
  if (!v) return false;
  return range.split('||').some((alternative) => {
    const comparators = alternative.trim().split(/\s+/).filter(Boolean);
    return comparators.length === 0 || comparators.every((c) => matches(v, c));
  });
}

/** True when `range` is written in the subset `satisfies` understands. */
export function isValidRange(range: string): boolean {
  return range
    .split('||')
    .every((alt) => alt.trim().split(/\s+/).filter(Boolean).every((c) => /^(\^|~|[<>]=?|=)?v?(\d+|x|\*)(\.(\d+|x|\*)){0,2}(-[\w.]+)?$/i.test(c)));
}

type Version = readonly [number, number, number, string];

function parseVersion(text: string): Version | undefined {
  const m = /^v?(\d+)\.(\d+)\.(\d+)(?:-([\w.]+))?$/.exec(text.trim());
  return m ? [Number(m[1]), Number(m[2]), Number(m[3]), m[4] ?? ''] : undefined;
}

function compare(a: Version, b: Version): number {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return (a[i] as number) - (b[i] as number);
  if (a[3] === b[3]) return 0;
  if (a[3] === '') return 1; // a release sorts after its pre-releases
  if (b[3] === '') return -1;
  return a[3] < b[3] ? -1 : 1;
}

function matches(v: Version, comparator: string): boolean {
  const m = /^(\^|~|[<>]=?|=)?v?(.*)$/.exec(comparator);
  const op = m?.[1] ?? '';
  const parts = (m?.[2] ?? '').split('-')[0]?.split('.') ?? [];
  const pre = (m?.[2] ?? '').split('-').slice(1).join('-');
  const wild = (p: string | undefined) => p === undefined || p === 'x' || p === 'X' || p === '*';
  const nums = parts.map((p) => (wild(p) ? undefined : Number(p)));
  const fixed = nums.findIndex((n) => n === undefined);
  const given = fixed < 0 ? nums.length : fixed; // how many leading numbers are written
  const low: Version = [nums[0] ?? 0, given > 1 ? (nums[1] ?? 0) : 0, given > 2 ? (nums[2] ?? 0) : 0, given > 2 ? pre : ''];
  // The first version past a partial one (`1.2` → `1.3.0`), for `1.2.x` and `<=1.2`.
  const bump = (at: number): Version =>
    at <= 0 ? [low[0] + 1, 0, 0, ''] : at === 1 ? [low[0], low[1] + 1, 0, ''] : [low[0], low[1], low[2] + 1, ''];
  if (given === 0) return true;
  switch (op) {
    case '^': {
      const at = low[0] > 0 || given === 1 ? 0 : low[1] > 0 || given === 2 ? 1 : 2;
      return compare(v, low) >= 0 && compare(v, bump(at)) < 0;
    }
    case '~':
      return compare(v, low) >= 0 && compare(v, bump(given === 1 ? 0 : 1)) < 0;
    case '>':
      return given < 3 ? compare(v, bump(given - 1)) >= 0 : compare(v, low) > 0;
    case '>=':
      return compare(v, low) >= 0;
    case '<':
      return compare(v, low) < 0;
    case '<=':
      return given < 3 ? compare(v, bump(given - 1)) < 0 : compare(v, low) <= 0;
    default:
      return given < 3 ? compare(v, low) >= 0 && compare(v, bump(given - 1)) < 0 : compare(v, low) === 0;
  }
}
