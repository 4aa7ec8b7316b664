/** Bytes read so far out of the known total (stdin has none), read by the progress bar. */
export interface ByteCounter {
  bytesRead: number;
  totalBytes: number | undefined;
}
