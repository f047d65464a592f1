// What the browser tests share: headless Chromium (Debian's, or $CHROMIUM) launched offline,
// a page that records every request that is not a file, and `check` with a pass/fail tally.
import { chromium } from 'playwright-core';

export async function openBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
           '--disable-component-update', '--disable-sync'],
  });
}

export const tally = { passed: 0, failed: 0 };

export function check(name, ok, detail) {
  if (ok) { tally.passed += 1; console.log(`ok - ${name}`); }
  else { tally.failed += 1; console.log(`FAILED - ${name}: ${detail}`); }
}

/** A new page whose non-file requests are collected in the returned array. */
export async function offlinePage(browser) {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const requests = [];
  page.on('request', (r) => { if (!r.url().startsWith('file:')) requests.push(r.url()); });
  return { page, requests };
}

/** Prints the tally and exits non-zero on any failure. */
export function finish() {
  console.log(`${tally.passed} passed, ${tally.failed} failed`);
  process.exit(tally.failed === 0 ? 0 : 1);
}
