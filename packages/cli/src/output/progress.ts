import type { ByteCounter } from '../input/byte-counter.js';

const WIDTH = 24;

function mb(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

/** A stderr-like stream: a terminal when `isTTY`. */
export interface ProgressStream {
  readonly isTTY?: boolean;
  write(text: string): boolean;
}

/**
 * A progress line on stderr, redrawn in place: bytes read of the total, events per second.
 * Only on a terminal; on a pipe it prints nothing at all.
 */
export class Progress {
  private timer: NodeJS.Timeout | undefined;
  private readonly started = Date.now();
  private drawn = false;

  constructor(
    private readonly counter: ByteCounter,
    private readonly events: () => number,
    private readonly stream: ProgressStream,
  ) {}

  start(): void {
    if (this.stream.isTTY !== true) return;
    this.timer = setInterval(() => this.draw(), 250);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    if (this.drawn) this.stream.write('\r\u001b[2K');
    this.drawn = false;
  }

  private draw(): void {
    const { bytesRead, totalBytes } = this.counter;
    const seconds = Math.max(0.001, (Date.now() - this.started) / 1000);
    const rate = Math.round(this.events() / seconds).toLocaleString('en-US');
    let bar = `${mb(bytesRead)}`;
    if (totalBytes) {
      const ratio = Math.min(1, bytesRead / totalBytes);
      const filled = Math.round(ratio * WIDTH);
      bar = `[${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}] ${Math.floor(ratio * 100)}% ${mb(bytesRead)} / ${mb(totalBytes)}`;
    }
    this.stream.write(`\r\u001b[2K${bar}  ${rate} events/s`);
    this.drawn = true;
  }
}
