// Sustained public intake until the server goes away, or for SECONDS when given:
// `node load.mjs URL ACKED_FILE CONCURRENCY [SECONDS]`.
// Each appeal whose 201 arrives is appended to ACKED_FILE (code, then the description it was
// filed with) before the next request is sent, so the file is exactly what the client was told.
import { appendFileSync } from 'node:fs';

const [url, acked, concurrency = '8', seconds] = process.argv.slice(2);
const until = seconds ? Date.now() + Number(seconds) * 1000 : Infinity;
// On a busy machine the kill can come before this first request: then nothing was filed.
let cats;
try {
  cats = (await (await fetch(url + '/api/v1/public/categories')).json()).items;
} catch {
  process.exit(0);
}
const parents = new Set(cats.map((c) => c.parent_id));
const leaves = cats.filter((c) => c.level === 3 && !parents.has(c.id));
const tag = `${process.pid}-${Date.now()}`;
let seq = 0;

async function worker() {
  while (Date.now() < until) {
    const n = ++seq;
    const description = `崩溃测试诉求 ${tag}-${n}：楼下路灯不亮`;
    let r;
    try {
      r = await fetch(url + '/api/v1/public/appeals', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          type: 'complaint', category_id: leaves[n % leaves.length].id, description,
          lon: 99.51 + (n % 50) * 0.011, lat: 39.21 + (n % 30) * 0.011, phone: '13800000000', reporter_name: '测试',
        }),
      });
    } catch {
      return; // the server is gone
    }
    const text = await r.text().catch(() => null);
    if (r.status === 201 && text) {
      appendFileSync(acked, `${JSON.parse(text).code}\t${description}\n`);
    } else if (text !== null && r.status !== 503) {
      console.error(`unexpected ${r.status}: ${text}`);
      process.exitCode = 1;
      return;
    }
  }
}

await Promise.all(Array.from({ length: Number(concurrency) }, worker));
