// test_web.mjs — the page of `liaison serve` in headless Chromium (Debian's
// /usr/bin/chromium), driven by playwright-core.  Run by tests/test_web.sh,
// which makes the knowledge base, starts the server and installs the module:
//
//   node tests/web/test_web.mjs BASE_URL OUTPUT_DIR
//
// At 1280x800 and at 390x844 (a phone): the timeline, a month's events, an
// event with its sources and the evidence highlighted, the network (a click
// on a node opens its page), a person, a place, a Chinese search (上海) and a
// Vietnamese one without diacritics ("Thuong Hai"), and the article holding
// <script> and "><img onerror=...>: shown as text, no dialog, no element made
// from it.  No JavaScript error may reach the console.  Screenshots go to
// OUTPUT_DIR/<width>x<height>-<step>.png.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const [base, outDir] = process.argv.slice(2);
if (!base || !outDir) {
  console.error('usage: node test_web.mjs BASE_URL OUTPUT_DIR');
  process.exit(2);
}
mkdirSync(outDir, { recursive: true });

let checks = 0, fails = 0;
function ok(name) { checks++; console.log('ok   ' + name); }
function bad(name, detail) {
  checks++; fails++;
  console.log('FAIL ' + name);
  if (detail !== undefined) for (const l of String(detail).split('\n').slice(0, 20)) console.log('     | ' + l);
}
function check(name, cond, detail) { cond ? ok(name) : bad(name, detail); }

/* The heading of the page just opened: the hash changes before the new page
 * renders, and the old page's <h1> would be read.  Waits (bounded) for one
 * that starts with `start`, then returns whatever heading is there. */
async function heading(page, start) {
  await page.waitForFunction(s => {
    const h = document.querySelector('main h1');
    return h && h.innerText.startsWith(s);
  }, start, { timeout: 10000 }).catch(() => {});
  return page.locator('main h1').innerText();
}

async function step(name, fn) {
  try {
    await fn();
  } catch (e) {
    bad(name + ': ' + e.message.split('\n')[0], e.stack);
  }
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
});

for (const [w, h] of [[1280, 800], [390, 844]]) {
  const tag = `${w}x${h}`;
  const context = await browser.newContext({ viewport: { width: w, height: h }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const errors = [], dialogs = [];
  page.on('console', m => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', e => errors.push('page error: ' + e.message));
  page.on('dialog', d => { dialogs.push(d.message()); d.dismiss().catch(() => {}); });
  page.setDefaultTimeout(15000);
  const shot = async name => page.screenshot({ path: join(outDir, `${tag}-${name}.png`), fullPage: false });

  await step(`${tag}: the timeline loads`, async () => {
    const r = await page.goto(base + '/');
    check(`${tag}: / answers 200`, r.status() === 200, r.status());
    await page.waitForSelector('.chart .month');
    await page.waitForFunction(() => document.getElementById('stats').textContent.includes('documents'));
    const months = await page.locator('.chart .month').count();
    check(`${tag}: the timeline has months`, months > 3, months);
    await shot('timeline');
  });

  await step(`${tag}: timeline month -> event -> source with the evidence`, async () => {
    const bar = page.locator('.chart .month[data-month="2024-05"]');
    const counted = Number((await bar.getAttribute('aria-label')).match(/: (\d+) event/)[1]);
    await bar.click();
    await page.waitForSelector('#month-events tbody tr');
    const rows = page.locator('#month-events tbody tr');
    check(`${tag}: May 2024 lists its events, as many as the bar counts`,
      counted >= 1 && await rows.count() === counted, { counted, rows: await rows.count() });
    await shot('month');
    const row = rows.filter({ hasText: 'Nanjing' }).first();
    await row.locator('td').first().click();
    await page.waitForURL(/#\/event\//);
    await page.waitForSelector('article.source mark.evidence');
    const sources = await page.locator('article.source').count();
    const marks = await page.locator('article.source mark.evidence').allTextContents();
    check(`${tag}: the event shows its sources, each with its evidence marked`,
      sources >= 2 && marks.length === sources && marks.every(t => t.length > 10), { sources, marks });
    const langs = await page.locator('article.source .doc').evaluateAll(els => els.map(e => e.getAttribute('lang')));
    check(`${tag}: each source in its language (en and zh)`, langs.includes('en') && langs.includes('zh'), langs);
    const inText = await page.locator('article.source .doc').first().evaluate(el => {
      const m = el.querySelector('mark.evidence');
      return m && el.textContent.includes(m.textContent) && m.getBoundingClientRect().height > 0;
    });
    check(`${tag}: the evidence is highlighted inside the original text`, inText);
    await page.locator('article.source mark.evidence').first().scrollIntoViewIfNeeded();
    await shot('event');
  });

  await step(`${tag}: the timeline's filters: place pair, person, type, dates, language`, async () => {
    await page.goto(base + '/#/');
    await page.waitForSelector('.chart .month');
    const all = await page.locator('.chart .month').count();
    await page.fill('main form input[name=a]', '上海');
    await page.fill('main form input[name=b]', 'HCMC');
    await page.locator('main form button[type=submit]').click();
    await page.waitForURL(/[?&]b=HCMC/);
    // the chart is redrawn: wait for the filtered one, not the empty frame between
    await page.waitForFunction(n => {
      const k = document.querySelectorAll('.chart .month').length;
      return k !== n && k >= 1;
    }, all);
    const pair = await page.locator('.chart .month').count();
    check(`${tag}: Shanghai and Ho Chi Minh City: fewer months`, pair >= 1 && pair < all, { all, pair });
    await shot('timeline-filtered');
    await page.goto(base + '/#/?person=' + encodeURIComponent('Trần Cát Ninh') + '&lang=vi&type=virtual_meeting' +
      '&since=2023-01&until=2023-12');
    await page.waitForFunction(() => document.querySelectorAll('.chart .month').length === 1);
    const m = await page.locator('.chart .month').getAttribute('data-month');
    check(`${tag}: Chen Jining's video meeting reported in Vietnamese: May 2023`, m === '2023-05', m);
    const form = await page.evaluate(() => {
      const f = document.querySelector('main form');
      return [f.person.value, f.type.value, f.since.value, f.until.value,
        [...f.querySelectorAll('input[name=lang]:checked')].map(x => x.value).join()];
    });
    check(`${tag}: the form shows the filters of the address`,
      JSON.stringify(form) === JSON.stringify(['Trần Cát Ninh', 'virtual_meeting', '2023-01', '2023-12', 'vi']), form);
  });

  await step(`${tag}: search 上海`, async () => {
    await page.goto(base + '/#/');
    await page.waitForSelector('.chart .month');
    await page.fill('#quick-search input', '上海');
    await page.press('#quick-search input', 'Enter');
    await page.waitForSelector('ol.results li mark');
    const marks = await page.locator('ol.results li mark').allTextContents();
    check(`${tag}: 上海 is found and marked in Chinese documents`, marks.includes('上海'), marks);
    const zh = await page.locator('ol.results li .snippet[lang="zh"]').count();
    check(`${tag}: the Chinese snippets are marked as Chinese`, zh >= 1, zh);
    await shot('search-shanghai');
  });

  await step(`${tag}: search Thuong Hai (no diacritics)`, async () => {
    await page.goto(base + '/#/search');
    await page.fill('main form input[name=q]', 'Thuong Hai');
    await page.locator('main form button[type=submit]').click();
    await page.waitForSelector('ol.results li mark');
    const marks = await page.locator('ol.results li mark').allTextContents();
    check(`${tag}: 'Thuong Hai' finds Thượng Hải`, marks.includes('Thượng Hải'), marks);
    const links = await page.locator('ol.results li > a').allTextContents();
    check(`${tag}: ... in the Vietnamese forum story`, links.includes('vi-hcmc-shanghai-forum'), links);
    await shot('search-thuong-hai');
  });

  await step(`${tag}: the <script> article is text`, async () => {
    for (const doc of ['xss-article', 'kb-xss-01']) {
      await page.goto(base + '/#/doc/' + doc);
      await page.waitForSelector('main .doc');
      const text = await page.locator('main .doc').innerText();
      check(`${tag}: ${doc}: <script>alert(1)</script> is shown literally`, text.includes('<script>alert(1)</script>'), text);
      check(`${tag}: ${doc}: "><img src=x onerror=alert(1)> is shown literally`,
        text.includes('"><img src=x onerror=alert(1)>'), text);
    }
    const made = await page.evaluate(() => ({
      img: document.querySelectorAll('img').length,
      scripts: [...document.scripts].map(s => s.src),
      onerror: document.querySelectorAll('[onerror]').length,
    }));
    check(`${tag}: no element was made from the article (img, script, onerror)`,
      made.img === 0 && made.onerror === 0 && made.scripts.length === 1 && made.scripts[0].endsWith('/app.js'), made);
    await shot('xss-document');
    /* the person named with a <script> in the name, through the people list and the event */
    await page.goto(base + '/#/people?name=wei%20tao');
    await page.waitForSelector('main tbody tr');
    const names = await page.locator('main tbody tr td:first-child').allTextContents();
    check(`${tag}: a name holding <script> is listed as text`, names.some(n => n.includes('<script>alert(1)</script>')), names);
    await page.locator('main tbody tr td:first-child a').filter({ hasText: '<script>' }).click();
    await page.waitForURL(/#\/person\//);
    const h1 = await heading(page, 'Wei Tao');
    check(`${tag}: ... and its page opens, the name as text`, h1.includes('Wei Tao <script>alert(1)</script>'), h1);
    await shot('xss-person');
    check(`${tag}: no dialog was opened`, dialogs.length === 0, dialogs);
  });

  await step(`${tag}: the network; a click on a node opens its page`, async () => {
    await page.goto(base + '/#/network');
    await page.waitForSelector('.network g.node');
    const n = await page.locator('.network g.node').count();
    const e = await page.locator('.network line').count();
    check(`${tag}: the network has nodes and edges`, n > 5 && e > 5, { n, e });
    await shot('network');
    await page.locator('.network g.node[data-node="l:Shanghai"] circle').click();
    await page.waitForURL(/#\/place\/Shanghai/);
    const h1 = await heading(page, 'Shanghai');
    check(`${tag}: the node opened the place page`, h1.startsWith('Shanghai'), h1);
  });

  await step(`${tag}: a place`, async () => {
    await page.goto(base + '/#/place/Shanghai');
    await page.waitForSelector('main h1');
    const ties = await page.locator('main table').first().innerText();
    check(`${tag}: Shanghai's ties: sister city of Ho Chi Minh City`, /sister city\s+Ho Chi Minh City/.test(ties), ties);
    const bars = await page.locator('.chart.bars rect').count();
    check(`${tag}: its figures as a chart by year`, bars >= 1, bars);
    await shot('place');
  });

  await step(`${tag}: a person`, async () => {
    await page.goto(base + '/#/person/' + encodeURIComponent('陈吉宁'));
    await page.waitForURL(/#\/person\/chen-jining/);
    await heading(page, 'Chen Jining');
    const names = await page.locator('main ul.inline').first().innerText();
    check(`${tag}: Chen Jining's names in every script`, names.includes('陈吉宁') && names.includes('Trần Cát Ninh'), names);
    const roles = await page.locator('main table').first().innerText();
    check(`${tag}: his roles with dates`, roles.includes('party secretary') && /2023-05-18/.test(roles), roles);
    await shot('person');
  });

  await step(`${tag}: lists download as CSV and JSON`, async () => {
    await page.goto(base + '/#/people');
    await page.waitForSelector('main tbody tr');
    const hrefs = await page.locator('main .downloads a').evaluateAll(as => as.map(a => a.getAttribute('href')));
    for (const href of hrefs) {
      const r = await page.request.get(base + href);
      const type = r.headers()['content-type'] || '';
      check(`${tag}: download ${href}: ${type}`, r.status() === 200 && (href.includes('format=csv') ? type.startsWith('text/csv') : type.startsWith('application/json')), r.status());
    }
    await shot('people');
  });

  check(`${tag}: no JavaScript error in the console`, errors.length === 0, errors.join('\n'));
  await context.close();
}

await browser.close();
console.log(`test_web: ${checks - fails} of ${checks} checks passed`);
console.log(`${checks - fails} passed, ${fails} failed`);
process.exit(fails ? 1 : 0);
