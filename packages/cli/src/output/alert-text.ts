import type { Alert } from '@eqlkit/rules';
import { eventPieces } from './line-texts.js';
import { recordJson } from './record-writer.js';

/**
 * An alert as one line of JSON whose events are their input lines, byte for byte (as `eql query`
 * prints events): what was read survives where `JSON.stringify` of the parsed object would
 * differ (1e400, integers beyond 2^53, escapes). Same keys in the same order as
 * `JSON.stringify(alert)`. Given as the pieces of that line, in order: the sink copies each as it
 * is (one string of the whole line would be made only to be copied again, 2.5 KB an alert over
 * the corpus rules). Undefined when some event has no text (then the object is printed).
 * `ruleJson` caches the rule part, which is the same for every alert of a rule.
 */
export function alertText(alert: Alert, textOf: (event: object) => string | undefined, ruleJson: Map<string, string>): string[] | undefined {
  const events = eventPieces(alert.events, textOf);
  if (events === undefined) return undefined;
  let rule = ruleJson.get(alert.rule.id);
  if (rule === undefined) ruleJson.set(alert.rule.id, (rule = recordJson(alert.rule)));
  return [
    `{"@timestamp":${JSON.stringify(alert['@timestamp'])},"rule":`,
    rule,
    `,"join_keys":${recordJson(alert.join_keys)},"events":`,
    ...events,
    `,"id":${JSON.stringify(alert.id)}}`,
  ];
}
