// Dues sheets (issue 16, docs/api-dues.md): a branch's monthly collection sheet (党费收缴登记表) as
// XLSX (its rows checked) and as a printable page; a payments XLSX with one bad row refused whole,
// naming the row and column, nothing half-written; the exported sheet filled in and imported back;
// a unit's payroll imported as bases; and uploads that are not spreadsheets, or are zip bombs.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { as, assertError } from './client.mjs';
import { D, memberMaker, today } from './dues-kit.mjs';
import { readXlsx, writeXlsx, zip, XLSX_TYPE } from './xlsx.mjs';

let admin, branch, community2, branchOrg, newMember, month;

before(async () => {
  [admin, branch, community2] = await Promise.all(['admin', 'branch', 'community2'].map(as));
  branchOrg = branch.account.roles[0].scope_id;
  newMember = memberMaker(admin, branch, branchOrg, '19780808');
  month = (await today()).slice(0, 7);
});

const upload = (who, path, buf) => who.req('POST', path, buf, { raw: true, headers: { 'content-type': XLSX_TYPE } });
const HEAD = ['党员编号', '姓名', '月份', '交纳月数', '实交金额(元)', '交纳日期', '交纳方式', '代交人'];

test('the monthly sheet as XLSX lists the branch roll with each member\'s due and payment, and a totals line', async () => {
  const paid = await newMember('登记表甲', 'wage', 4200);
  const unpaid = await newMember('登记表乙', 'retired', 6000);
  const r = await branch.post(`${D}/payments`, { member_id: paid.member_id, amount_fen: 4200, method: 'cash', proxy_name: '<b>代交</b>' });
  assert.equal(r.status, 201, r.text);
  const json = (await branch.get(`${D}/sheet?org_id=${branchOrg}&month=${month}`)).json;
  const x = await branch.get(`${D}/sheet?org_id=${branchOrg}&month=${month}&format=xlsx`);
  assert.equal(x.status, 200);
  assert.equal(x.headers.get('content-type'), XLSX_TYPE);
  const rows = readXlsx(x.buf);
  const head = rows[0];
  for (const h of ['序号', '党员编号', '姓名', '计算基数(元)', '月应交(元)', '实交金额(元)', '交纳日期', '代交人', '欠交月数']) {
    assert.ok(head.includes(h), `heading ${h}`);
  }
  const col = (h) => head.indexOf(h);
  assert.equal(rows.length, json.rows.length + 2, 'heading, one row a member, the totals line');
  const a = rows.find((row) => row[col('党员编号')] === String(paid.member_id));
  assert.equal(a[col('姓名')], '登记表甲');
  assert.equal(a[col('月应交(元)')], '42.00');
  assert.equal(a[col('实交金额(元)')], '42.00');
  assert.equal(a[col('代交人')], '<b>代交</b>');
  const b = rows.find((row) => row[col('党员编号')] === String(unpaid.member_id));
  assert.equal(b[col('月应交(元)')], '60.00');
  assert.equal(b[col('实交金额(元)')], '');
  const total = rows.at(-1);
  assert.equal(total[0], '合计');
  assert.equal(total[col('实交金额(元)')], (json.totals.paid_fen / 100).toFixed(2));
  // The printable page: the same rows, the proxy's name escaped.
  const page = await branch.get(`${D}/sheet?org_id=${branchOrg}&month=${month}&format=html`);
  assert.equal(page.status, 200);
  assert.match(page.headers.get('content-type'), /text\/html/);
  assert.ok(page.text.includes('党费收缴登记表') && page.text.includes('登记表甲'));
  assert.ok(page.text.includes('&lt;b&gt;代交&lt;/b&gt;') && !page.text.includes('<b>代交</b>'));
  assertError(assert, await community2.get(`${D}/sheet?org_id=${branchOrg}&month=${month}&format=xlsx`), 404);
});

test('a payments XLSX with one bad row is refused whole, naming row and column; fixed, it is taken once', async () => {
  const a = await newMember('导入甲', 'wage', 4200);
  const b = await newMember('导入乙', 'wage', 8000);
  const c = await newMember('导入丙', 'student');
  const day = await today();
  const rows = [HEAD,
    [a.member_id, '导入甲', month, '1', '42.00', day, '微信', ''],
    [b.member_id, '导入乙', month, '1', '100.00', day, '现金', '导入乙之妻'],
    [c.member_id, '导入丙', month, '1', '0.20', day, '现金', '']];
  const refused = await upload(branch, `${D}/payments/import`, writeXlsx(rows));
  assert.equal(refused.status, 422, refused.text);
  assert.equal(refused.json.ok, false);
  assert.equal(refused.json.error.code, 'bad_rows');
  assert.deepEqual(refused.json.errors.map((e) => [e.row, e.column]), [[3, '实交金额(元)']]);
  assert.match(refused.json.errors[0].reason, /120\.00/);
  for (const m of [a, c]) {
    const after = (await branch.get(`${D}/members/${m.member_id}`)).json;
    assert.equal(after.next_due, m.next_due, 'the good rows were not written either');
    assert.equal(after.payments.length, 0);
  }
  rows[2][4] = '120';
  const dry = await upload(branch, `${D}/payments/import?dry_run=1`, writeXlsx(rows));
  assert.equal(dry.status, 200, dry.text);
  assert.equal(dry.json.imported, 0);
  assert.equal(dry.json.valid, 3);
  const taken = await upload(branch, `${D}/payments/import`, writeXlsx(rows));
  assert.equal(taken.status, 200, taken.text);
  assert.equal(taken.json.imported, 3);
  const bAfter = (await branch.get(`${D}/members/${b.member_id}`)).json;
  assert.equal(bAfter.payments[0].proxy_name, '导入乙之妻');
  assert.equal(bAfter.payments[0].amount_fen, 12000);
  // The same sheet again: those months are settled, so nothing is paid twice.
  const again = await upload(branch, `${D}/payments/import`, writeXlsx(rows));
  assert.equal(again.json.imported, 0);
  assert.equal(again.json.skipped, 3);
});

test('the exported sheet, filled in for the unpaid, imports back', async () => {
  const m = await newMember('回填甲', 'farmer');
  const x = await branch.get(`${D}/sheet?org_id=${branchOrg}&month=${month}&format=xlsx`);
  const rows = readXlsx(x.buf);
  const head = rows[0];
  const mine = rows.find((row) => row[head.indexOf('党员编号')] === String(m.member_id));
  mine[head.indexOf('实交金额(元)')] = mine[head.indexOf('月应交(元)')];
  mine[head.indexOf('交纳方式')] = '现金';
  const others = rows.filter((row, i) => i === 0 || row === mine || row[head.indexOf('实交金额(元)')] !== '' || row[0] === '合计');
  const r = await upload(branch, `${D}/payments/import`, writeXlsx(others));
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.imported, 1);
  assert.equal((await branch.get(`${D}/members/${m.member_id}`)).json.payments[0].amount_fen, 20);
});

test('a unit\'s payroll XLSX sets the bases, all rows or none', async () => {
  const a = await newMember('工资表甲', 'wage', 2000);
  const b = await newMember('工资表乙', 'wage', 2000);
  const sheet = [['党员编号', '姓名', '交纳类别', '税后月工资(元)'],
    [a.member_id, '工资表甲', '在职（按月工资）', '5500'],
    [b.member_id, '工资表乙的名字错了', '在职（按月工资）', '12000']];
  const refused = await upload(branch, `${D}/bases/import`, writeXlsx(sheet));
  assert.equal(refused.status, 422, refused.text);
  assert.deepEqual(refused.json.errors.map((e) => [e.row, e.column]), [[3, '姓名']]);
  assert.equal((await branch.get(`${D}/members/${a.member_id}`)).json.base_fen, 200000);
  sheet[2][1] = '工资表乙';
  const ok = await upload(branch, `${D}/bases/import`, writeXlsx(sheet));
  assert.equal(ok.status, 200, ok.text);
  assert.equal((await branch.get(`${D}/members/${a.member_id}`)).json.monthly_fen, 8250);
  assert.equal((await branch.get(`${D}/members/${b.member_id}`)).json.monthly_fen, 24000);
});

test('the payroll template lists the roll with the bases in force, imports back unchanged, and takes an edited base', async () => {
  const a = await newMember('模板甲', 'wage', 3000);
  const x = await branch.get(`${D}/bases/template?org_id=${branchOrg}`);
  assert.equal(x.status, 200, x.text);
  assert.equal(x.headers.get('content-type'), XLSX_TYPE);
  const rows = readXlsx(x.buf);
  assert.deepEqual(rows[0].slice(0, 5), ['党员编号', '姓名', '交纳类别', '计算基数(元)', '起始月份']);
  const roll = (await branch.get(`${D}/sheet?org_id=${branchOrg}&month=${month}`)).json.rows;
  assert.equal(rows.length - 1, roll.length, 'one row a member of the roll');
  const mine = rows.find((r) => r[0] === String(a.member_id));
  assert.deepEqual(mine.slice(1, 4), ['模板甲', '在职（按月工资）', '3000.00']);
  // Only assessed members: those not yet assessed are for the office to fill in.
  const assessed = [rows[0], ...rows.slice(1).filter((r) => r[5] !== '')];
  const back = await upload(branch, `${D}/bases/import?dry_run=1`, writeXlsx(assessed));
  assert.equal(back.status, 200, back.text);
  assert.equal(back.json.valid, assessed.length - 1, 'every unchanged row is good');
  mine[3] = '6000';
  const edited = await upload(branch, `${D}/bases/import`, writeXlsx([rows[0], mine]));
  assert.equal(edited.status, 200, edited.text);
  const page = (await branch.get(`${D}/members/${a.member_id}`)).json;
  assert.equal(page.base_fen, 600000);
  assertError(assert, await community2.get(`${D}/bases/template?org_id=${branchOrg}`), 404);
  assertError(assert, await branch.get(`${D}/bases/template?org_id=abc`), 400);
});

test('uploads that are not spreadsheets, zip bombs and oversized bodies are refused with a 4xx', async () => {
  const csv = await branch.req('POST', `${D}/payments/import`, '党员编号,实交金额(元)\n1,2\n', { raw: true, headers: { 'content-type': 'text/csv' } });
  assertError(assert, csv, 415);
  const junk = await upload(branch, `${D}/payments/import`, Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(200, 7)]));
  assertError(assert, junk, 400, 'bad_file');
  const empty = await upload(branch, `${D}/payments/import`, Buffer.alloc(0));
  assertError(assert, empty, 400);
  const bomb = zip({
    'xl/workbook.xml': '<workbook><sheets><sheet r:id="rId1"/></sheets></workbook>',
    'xl/worksheets/sheet1.xml': Buffer.alloc(60 << 20, 0x20),
  }, { deflate: true });
  assert.ok(bomb.length < 1 << 20, 'a small upload that inflates past the limit');
  const boom = await upload(branch, `${D}/payments/import`, bomb);
  assertError(assert, boom, 400, 'bad_file');
  assert.match(boom.json.error.message, /过大/);
  const big = await upload(branch, `${D}/bases/import`, Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(9 << 20)]));
  assertError(assert, big, 413);
  const noColumn = await upload(branch, `${D}/payments/import`, writeXlsx([['姓名'], ['某人']]));
  assertError(assert, noColumn, 422, 'missing_column');
  const member = await as('member');
  assertError(assert, await upload(member, `${D}/payments/import`, writeXlsx([HEAD])), 403);
});
