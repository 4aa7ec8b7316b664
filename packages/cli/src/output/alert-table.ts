import { cellText, type TableLayout } from './record-writer.js';

/** Table layout for `eql run`: one row per alert. */
export const alertTableLayout: TableLayout = {
  columns: ['@timestamp', 'severity', 'rule', 'join_keys', 'events'],
  widths: [24, 9, 48, 36],
  rows(record) {
    const rule = (record.rule ?? {}) as Record<string, unknown>;
    const events = Array.isArray(record.events) ? record.events.length : 0;
    return [[cellText(record['@timestamp']), cellText(rule.severity), cellText(rule.name), JSON.stringify(record.join_keys ?? []), String(events)]];
  },
};
