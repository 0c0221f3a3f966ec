// What the dues API tests share: a member new to the demo branch, assessed from this month.
import assert from 'node:assert/strict';
import { Client, idNumber } from './client.mjs';

export const D = '/api/v1/dues';
export const REGULATION = '《关于中国共产党党费收缴、使用和管理的规定》';

// Each test file passes its own birth date so that ID numbers never collide across files.
export function memberMaker(admin, branch, branchOrg, birth) {
  let seq = 0;
  return async (name, kind, baseYuan, category = 'in_service') => {
    const created = await admin.post('/api/v1/members', {
      name, id_number: idNumber(birth, 600 + (seq++), '620102'), org_id: branchOrg, category, gender: 'female',
    });
    assert.equal(created.status, 201, created.text);
    const body = { member_id: created.json.id, kind };
    if (baseYuan !== undefined) body.base_fen = Math.round(baseYuan * 100);
    const r = await branch.post(`${D}/bases`, body);
    assert.equal(r.status, 200, r.text);
    return r.json;
  };
}

// The server's today, as YYYY-MM-DD in China Standard Time.
export async function today(c = new Client()) {
  const now = (await c.post('/api/v1/_test/clock', { advance_seconds: 0 })).json.now;
  return new Date((now + 8 * 3600) * 1000).toISOString().slice(0, 10);
}
