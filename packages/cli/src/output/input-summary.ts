import type { PipelineStats } from '../input/event-pipeline.js';

/** Closing lines about the input on stderr: skipped records, unreadable files, late events. */
export function inputSummaryLines(stats: PipelineStats, windowText: string): string[] {
  const lines: string[] = [];
  if (stats.skippedRecords > 0) {
    lines.push(`${stats.skippedRecords} malformed line${stats.skippedRecords === 1 ? '' : 's'} skipped`);
  }
  if (stats.fileProblems > 0) {
    lines.push(`${stats.fileProblems} file${stats.fileProblems === 1 ? '' : 's'} not read to the end (see above)`);
  }
  if (stats.late > 0) {
    lines.push(
      `${stats.late} event${stats.late === 1 ? '' : 's'} arrived later than the reorder window (${windowText}) and ` +
        `were evaluated out of timestamp order; results may differ from Elasticsearch's. ` +
        `Use --sort, or a larger --window.`,
    );
  }
  return lines;
}
