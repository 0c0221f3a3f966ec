// Every acknowledged appeal is there and complete: `node verify.mjs URL ACKED_FILE [FROM [UNTIL]]`.
// Checks lines FROM.. of the file; with UNTIL, those from line UNTIL on may be absent (a backup taken
// while they were being filed), but any that is there must be complete. Prints how many are
// there; exits 1 naming the first one missing or incomplete.
import { readFileSync } from 'node:fs';

const [url, acked, fromLine = '0', untilLine] = process.argv.slice(2);
const all = readFileSync(acked, 'utf8').split('\n').filter(Boolean);
const required = untilLine === undefined ? all.length : Number(untilLine);
const lines = all.map((line, i) => [line, i]).slice(Number(fromLine));
let checked = 0;
const problems = [];
const queue = [...lines];
async function worker() {
  for (let item = queue.shift(); item !== undefined; item = queue.shift()) {
    const [line, index] = item;
    const [code, description] = line.split('\t');
    const r = await fetch(`${url}/api/v1/public/appeals/${code}`);
    if (r.status === 404 && index >= required) continue;
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
