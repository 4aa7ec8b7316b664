// The baseline of bench/throughput.bench.ts: read an NDJSON file line by line and JSON.parse
// every line, nothing else (1 MB reads, streaming UTF-8 decoding, split on newlines: the
// cheapest way to read the file that the CLI's own reader is measured against). Prints the count.
import { createReadStream } from 'node:fs';

const decoder = new TextDecoder('utf-8');
let rest = '';
let count = 0;
for await (const bytes of createReadStream(process.argv[2], { highWaterMark: 1 << 20 })) {
  const text = rest + decoder.decode(bytes, { stream: true });
  let start = 0;
  for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
    if (nl > start) {
      JSON.parse(text.slice(start, nl));
      count++;
    }
    start = nl + 1;
  }
  rest = text.slice(start);
}
if (rest.trim().length > 0) {
  JSON.parse(rest);
  count++;
}
process.stdout.write(`${count}\n`);
