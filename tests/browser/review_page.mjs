// Loads an exported review.html in headless Chromium and checks that the
// highlights and filters work in the live DOM; optionally saves a screenshot.
//
//   node tests/browser/review_page.mjs REVIEW.html [--screenshot OUT.png]
//
// Expects the page made from the seed article with entities, dates and
// claims (see tests/browser/run.sh). Exits non-zero on the first failure.
import { check, finish, offlinePage, openBrowser } from './harness.mjs';
import path from 'node:path';

const [page_path, flag, shot] = process.argv.slice(2);
if (!page_path) {
  console.error('usage: review_page.mjs REVIEW.html [--screenshot OUT.png]');
  process.exit(2);
}

const browser = await openBrowser();

try {
  const { page, requests } = await offlinePage(browser);
  await page.goto('file://' + path.resolve(page_path));

  const count = (sel) => page.locator(sel).count();
  const visible = async (sel) => page.locator(sel).first().isVisible();
  const background = (sel) => page.locator(sel).first().evaluate((el) => getComputedStyle(el).backgroundColor);

  check('entities highlighted', (await count('mark.ent[data-label="PERSON"]')) === 4, await count('mark.ent[data-label="PERSON"]'));
  check('dates highlighted with resolved values', (await count('mark.date[data-value="2025-10-12TMO"]')) === 1, 'no 2025-10-12TMO mark');
  check('date value shown', (await page.locator('small.date-tag').allTextContents()).includes('2025-11-07'), 'no 2025-11-07 tag');
  const listed = await count('#speakers > li li');
  const speakers = await count('#speakers > li');
  check('fourteen claims listed under nine speakers', listed === 14 && speakers === 9, `${listed} claims, ${speakers} speakers`);
  const colours = new Set([await background('mark.ent[data-label="PERSON"]'), await background('mark.ent[data-label="GPE"]'), await background('mark.date')]);
  check('distinct colours per kind', colours.size === 3, [...colours].join(' | '));

  const before = await background('mark.ent[data-label="PERSON"]');
  await page.uncheck('input.filter-ent[value="PERSON"]');
  const off = await count('mark.ent[data-label="PERSON"].off');
  check('entity-type filter hides PERSON highlights', off === 4 && (await background('mark.ent[data-label="PERSON"]')) !== before, `${off} off`);
  check('other types stay highlighted', (await count('mark.ent[data-label="GPE"].off')) === 0, 'GPE turned off');
  await page.check('input.filter-ent[value="PERSON"]');

  await page.selectOption('#speaker-filter', 'Kabul');
  const dimmed = await count('.claim.dim');
  const kabul = await count('.claim[data-speaker="Kabul"]:not(.dim)');
  check('speaker filter dims other speakers', dimmed > 0 && kabul > 0, `${dimmed} dimmed, ${kabul} Kabul`);
  check('speaker filter narrows the sidebar', (await page.locator('#speakers > li:not([hidden])').count()) === 1, 'sidebar not narrowed');
  await page.selectOption('#speaker-filter', '');

  await page.uncheck('#show-dates');
  check('dates toggle hides date values', !(await visible('small.date-tag')), 'date tags still visible');
  await page.check('#show-dates');

  check('no network requests', requests.length === 0, requests.join(', '));
  if (flag === '--screenshot' && shot) {
    await page.screenshot({ path: shot, fullPage: true });
    console.log(`screenshot: ${shot}`);
  }
} finally {
  await browser.close();
}
finish();
