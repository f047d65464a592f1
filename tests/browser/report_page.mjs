// Loads a corpus report.html in headless Chromium and checks that it renders, that its counts
// match the CSV tables written beside it, that the filters recount, and that counts open the
// claims behind them; optionally saves a screenshot.
//
//   node tests/browser/report_page.mjs REPORT_DIR [--screenshot OUT.png]
//
// Expects the report of tests/fixtures/corpus_articles.jsonl (see tests/browser/run.sh).
// Exits non-zero on the first failure.
import { check, finish, offlinePage, openBrowser } from './harness.mjs';
import fs from 'node:fs';
import path from 'node:path';

const [dir, flag, shot] = process.argv.slice(2);
if (!dir) {
  console.error('usage: report_page.mjs REPORT_DIR [--screenshot OUT.png]');
  process.exit(2);
}

/** RFC 4180 CSV into objects keyed by the header. */
function readCsv(file) {
  const text = fs.readFileSync(path.join(dir, file), 'utf8');
  const rows = [];
  let row = [], field = '', quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\n') { row.push(field); rows.push(row); row = []; field = ''; }
    else if (c !== '\r') field += c;
  }
  if (field || row.length) { row.push(field); rows.push(row); }
  const [header, ...body] = rows;
  return body.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
}

const speakers = readCsv('speakers.csv');
const claims = readCsv('claims.csv');
const statements = readCsv('statements.csv');
const clara = 'PERSON:clara mendes';

const browser = await openBrowser();

try {
  const { page, requests } = await offlinePage(browser);
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto('file://' + path.resolve(dir, 'report.html'));

  const rows = async (table) => page.locator(`#${table} tbody tr`).count();
  const cell = async (table, key, col) =>
    Number(await page.locator(`#${table} tbody tr[data-key="${key}"] td.${col}`).first().innerText());

  check('renders without script errors', errors.length === 0, errors.join('; '));
  check('one row per speaker', (await rows('speakers')) === speakers.length, `${await rows('speakers')} rows, ${speakers.length} in CSV`);
  let mismatches = [];
  for (const s of speakers) {
    const [c, a] = [await cell('speakers', s.key, 'claims'), await cell('speakers', s.key, 'articles')];
    if (c !== Number(s.claims) || a !== Number(s.articles)) mismatches.push(`${s.key}: ${c}/${a} vs ${s.claims}/${s.articles}`);
  }
  check('speaker counts match speakers.csv', mismatches.length === 0, mismatches.join('; '));
  check('repeated statements match statements.csv', (await page.locator('#groups tbody tr').count()) === statements.length
    && (await page.locator(`#groups tr[data-group="${statements[0].group_id}"] td.articles`).innerText()) === statements[0].articles,
    `${await page.locator('#groups tbody tr').count()} rows`);

  const bars = await page.locator('#timeline-svg rect.bar').evaluateAll((rs) => rs.map((r) => Number(r.dataset.count)));
  const dated = claims.filter((c) => c.speaker_key === clara && c.timeline_date).length;
  check('timeline of the top speaker counts her dated claims', bars.length > 0 && bars.reduce((a, b) => a + b, 0) === dated,
    `${bars} vs ${dated}`);

  await page.locator(`#speakers tr[data-key="${clara}"] td.claims button`).click();
  const listed = await page.locator('#details-list li.claim').count();
  check('a count opens the claims behind it', listed === Number(speakers.find((s) => s.key === clara).claims), `${listed} listed`);
  const href = await page.locator('#details-list li.claim a').first().getAttribute('href');
  check('claims link to the review page', /^review\.html#d\d+-c\d+$/.test(href || ''), href);

  await page.selectOption('#filter-outlet', 'ledger.example');
  const inLedger = claims.filter((c) => c.speaker_key === clara && c.outlet === 'ledger.example').length;
  check('the outlet filter recounts as claims.csv does', (await cell('speakers', clara, 'claims')) === inLedger,
    `${await cell('speakers', clara, 'claims')} vs ${inLedger}`);
  check('the outlet filter hides speakers not quoted there', (await rows('speakers')) ===
    new Set(claims.filter((c) => c.outlet === 'ledger.example' && c.speaker_key).map((c) => c.speaker_key)).size, `${await rows('speakers')} rows`);
  await page.selectOption('#filter-outlet', '');

  await page.fill('#filter-from', '2025-04');
  const april = claims.filter((c) => c.speaker_key === clara && c.timeline_date >= '2025-04').length;
  check('the date filter recounts as claims.csv does', (await cell('speakers', clara, 'claims')) === april,
    `${await cell('speakers', clara, 'claims')} vs ${april}`);
  await page.fill('#filter-from', '');

  await page.selectOption('#filter-type', 'ORG');
  const types = await page.locator('#speakers tbody tr td:nth-child(2)').allInnerTexts();
  check('the type filter keeps only that type', types.length > 0 && types.every((t) => t === 'ORG'), types.join(','));
  await page.selectOption('#filter-type', '');

  check('no network requests', requests.length === 0, requests.join(', '));
  if (flag === '--screenshot' && shot) {
    await page.screenshot({ path: shot, fullPage: true });
    console.log(`screenshot: ${shot}`);
  }
} finally {
  await browser.close();
}
finish();
