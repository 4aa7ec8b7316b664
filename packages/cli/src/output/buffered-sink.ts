import type { Sink } from './record-writer.js';

/** Where a `BufferedSink` writes: stdout, or any writable stream. */
export interface TextOut {
  write(text: string): boolean;
}

/**
 * Gathers printed records into writes of about `limit` characters. stdout to a file is written
 * synchronously, one system call per `write`: a write per hit cost more than half the time of a
 * query printing a quarter of 1 GB of events (1.4 s against 0.6 s for 250,000 lines of 1.3 KB).
 * What is gathered also goes out once the current batch of events is done (the next turn of the
 * event loop), so results still show promptly on a slow stream, and at `flush()`.
 */
export class BufferedSink implements Sink {
  private parts: string[] = [];
  private size = 0;
  private scheduled = false;

  constructor(
    private readonly out: TextOut,
    private readonly limit = 64 * 1024,
  ) {}

  write(text: string): boolean {
    this.parts.push(text);
    this.size += text.length;
    if (this.size >= this.limit) return this.flush();
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => {
        this.scheduled = false;
        this.flush();
      });
    }
    return true;
  }

  /** Writes what is gathered; the stream's answer (false: wait for 'drain'). */
  flush(): boolean {
    if (this.size === 0) return true;
    const text = this.parts.length === 1 ? (this.parts[0] as string) : this.parts.join('');
    this.parts = [];
    this.size = 0;
    return this.out.write(text);
  }
}
