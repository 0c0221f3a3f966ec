// Every acknowledged appeal is there and complete: `node verify.mjs URL ACKED_FILE [FROM_LINE]`.
// Prints the number checked; exits 1 naming the first one missing or incomplete.
import { readFileSync } from 'node:fs';

const [url, acked, fromLine = '0'] = process.argv.slice(2);
const lines = readFileSync(acked, 'utf8').split('\n').filter(Boolean).slice(Number(fromLine));
let checked = 0;
const problems = [];
const queue = [...lines];
async function worker() {
  for (let line = queue.shift(); line !== undefined; line = queue.shift()) {
    const [code, description] = line.split('\t');
    const r = await fetch(`${url}/api/v1/public/appeals/${code}`);
    if (r.status !== 200) { problems.push(`${code}: ${r.status}`); continue; }
    const a = await r.json();
    const kinds = (a.timeline ?? []).map((e) => e.kind ?? e.action);
    if (a.description !== description) problems.push(`${code}: description differs`);
    else if (!a.community_name && !a.grid_name) problems.push(`${code}: not dispatched anywhere`);
    else if ((a.timeline ?? []).length < 2) problems.push(`${code}: timeline has ${kinds.length} entries`);
    checked++;
  }
}
await Promise.all(Array.from({ length: 8 }, worker));
if (problems.length) {
  console.error(`${problems.length} acknowledged appeal(s) lost or incomplete, first: ${problems[0]}`);
  process.exit(1);
}
console.log(checked);
