import { afterEach, describe, expect, it, vi } from 'vitest';
import { Progress } from './progress.js';

afterEach(() => {
  vi.useRealTimers();
});

function stream(isTTY: boolean) {
  const writes: string[] = [];
  return { isTTY, writes, write: (t: string) => (writes.push(t), true) };
}

describe('Progress', () => {
  it('draws bytes of total and events/s on a terminal, then clears its line', () => {
    vi.useFakeTimers();
    const s = stream(true);
    const counter = { bytesRead: 5_000_000, totalBytes: 10_000_000 };
    const p = new Progress(counter, () => 1000, s);
    p.start();
    vi.advanceTimersByTime(300);
    p.stop();
    expect(s.writes[0]).toMatch(/\[#{12}\.{12}\] 50% 5\.0 MB \/ 10\.0 MB {2}[\d,]+ events\/s/);
    expect(s.writes.at(-1)).toBe('\r\u001b[2K');
  });

  it('writes nothing at all when stderr is not a terminal', () => {
    vi.useFakeTimers();
    const s = stream(false);
    const p = new Progress({ bytesRead: 1, totalBytes: 2 }, () => 1, s);
    p.start();
    vi.advanceTimersByTime(2000);
    p.stop();
    expect(s.writes).toEqual([]);
  });
});
