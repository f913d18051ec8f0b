// Headless Chromium test of the brink dashboard.
//
// Loads the demo corpus (`brink demo --no-serve`), serves it (`brink serve`) on a free
// loopback port, then in Chromium: loads the overview (network with typed relation edges,
// escalation trend, alerts, events with their support), follows an actor link, an event's
// evidence link to its document, a relation edge to its evidence, an event's support badge to
// the reports of its act, and a pair's escalation page. Saves screenshots and checks they are
// not blank (decoded PNG: distinct colours and pixel variance, larger than a blank page's PNG).
// Also fails on page errors, console errors (CSP violations show up there) and on any
// request that leaves 127.0.0.1.
//
// Env: BRINK_BIN (default ../../target/release/brink, else ../../target/debug/brink),
//      CHROMIUM (default /usr/bin/chromium), SCREENSHOTS (default ./screenshots).

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateSync } from 'node:zlib';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..');
const bin = process.env.BRINK_BIN
  || [join(root, 'target/release/brink'), join(root, 'target/debug/brink')].find(existsSync);
const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';
const shots = resolve(process.env.SCREENSHOTS || join(here, 'screenshots'));

const results = [];
async function check(name, fn) {
  try {
    await fn();
    results.push([name, true]);
    console.log(`ok   ${name}`);
  } catch (e) {
    results.push([name, false]);
    console.log(`FAIL ${name}: ${e && e.stack || e}`);
  }
}
function assert(cond, msg) {
  if (!cond) throw new Error(msg);
}

// A minimal PNG decoder (8-bit RGB/RGBA, non-interlaced: what Chromium writes).
function decodePng(buf) {
  assert(buf.readUInt32BE(0) === 0x89504e47, 'not a PNG');
  let pos = 8, width = 0, height = 0, colorType = 0, depth = 0;
  const idat = [];
  while (pos < buf.length) {
    const len = buf.readUInt32BE(pos);
    const type = buf.toString('ascii', pos + 4, pos + 8);
    const data = buf.subarray(pos + 8, pos + 8 + len);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0); height = data.readUInt32BE(4); depth = data[8]; colorType = data[9];
      assert(data[12] === 0, 'interlaced PNG not supported');
    } else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') break;
    pos += 12 + len;
  }
  assert(depth === 8 && (colorType === 2 || colorType === 6), `unsupported PNG (depth ${depth}, type ${colorType})`);
  const bpp = colorType === 6 ? 4 : 3;
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * bpp;
  const out = Buffer.alloc(height * stride);
  for (let y = 0; y < height; y++) {
    const f = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const a = x >= bpp ? out[y * stride + x - bpp] : 0;
      const b = y > 0 ? out[(y - 1) * stride + x] : 0;
      const c = x >= bpp && y > 0 ? out[(y - 1) * stride + x - bpp] : 0;
      let v = line[x];
      if (f === 1) v += a;
      else if (f === 2) v += b;
      else if (f === 3) v += (a + b) >> 1;
      else if (f === 4) { const p = a + b - c, pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c); v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c; }
      out[y * stride + x] = v & 255;
    }
  }
  return { width, height, bpp, pixels: out };
}

function imageStats(file) {
  const { width, height, bpp, pixels } = decodePng(readFileSync(file));
  const colours = new Set();
  let sum = 0, sum2 = 0, n = 0;
  for (let i = 0; i < pixels.length; i += bpp * 7) { // sample every 7th pixel
    const r = pixels[i], g = pixels[i + 1], b = pixels[i + 2];
    colours.add((r << 16) | (g << 8) | b);
    const l = 0.299 * r + 0.587 * g + 0.114 * b;
    sum += l; sum2 += l * l; n++;
  }
  const mean = sum / n;
  return { width, height, colours: colours.size, sd: Math.sqrt(Math.max(0, sum2 / n - mean * mean)) };
}

function assertNotBlank(file, blankSize) {
  const size = readFileSync(file).length;
  const s = imageStats(file);
  console.log(`     ${file}: ${size} bytes, ${s.width}x${s.height}, ${s.colours} colours, luminance sd ${s.sd.toFixed(1)}`);
  assert(size > 3 * blankSize, `screenshot is not much bigger than a blank page (${size} vs ${blankSize} bytes)`);
  assert(s.colours >= 24, `too few colours (${s.colours}): looks blank`);
  assert(s.sd >= 8, `too little variation (sd ${s.sd.toFixed(1)}): looks blank`);
}

function freePort() {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.once('error', rej);
    srv.listen(0, '127.0.0.1', () => { const { port } = srv.address(); srv.close(() => res(port)); });
  });
}

async function waitHealthy(base, ms) {
  const t0 = Date.now();
  while (Date.now() - t0 < ms) {
    try {
      const r = await fetch(`${base}/healthz`);
      if (r.ok) return;
    } catch { /* not yet */ }
    await new Promise(r => setTimeout(r, 100));
  }
  throw new Error(`server did not answer on ${base} within ${ms} ms`);
}

async function main() {
  assert(bin && existsSync(bin), 'brink binary not found: build it (cargo build --release) or set BRINK_BIN');
  assert(existsSync(chromiumPath), `${chromiumPath} not found: apt-get install -y chromium`);
  mkdirSync(shots, { recursive: true });
  const work = mkdtempSync(join(tmpdir(), 'brink-browser-'));
  const db = join(work, 'demo.db');
  let server = null, context = null;
  try {
    const demo = spawnSync(bin, ['demo', '--db', db, '--no-serve'], { encoding: 'utf8', timeout: 120000 });
    process.stderr.write(demo.stderr || '');
    assert(demo.status === 0, `brink demo --no-serve exited with ${demo.status}`);

    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    server = spawn(bin, ['serve', '--db', db, '--addr', `127.0.0.1:${port}`], { stdio: ['ignore', 'inherit', 'inherit'] });
    await waitHealthy(base, 30000);

    context = await chromium.launchPersistentContext(join(work, 'profile'), {
      executablePath: chromiumPath,
      headless: true,
      viewport: { width: 1400, height: 1000 },
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    const page = context.pages()[0] || await context.newPage();
    const problems = [];
    page.on('pageerror', e => problems.push(`page error: ${e.message}`));
    page.on('console', m => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
    page.on('request', r => { const u = r.url(); if (!u.startsWith(base) && !u.startsWith('data:') && u !== 'about:blank') problems.push(`request left the server: ${u}`); });

    // What a blank page's screenshot weighs, to compare against.
    await page.goto('about:blank');
    const blankFile = join(shots, 'blank.png');
    await page.screenshot({ path: blankFile, fullPage: false });
    const blankSize = readFileSync(blankFile).length;

    await check('overview renders the network, the escalation chart and the latest events', async () => {
      const r = await page.goto(`${base}/`);
      assert(r.status() === 200, `status ${r.status()}`);
      const csp = r.headers()['content-security-policy'] || '';
      assert(csp.includes("default-src 'none'"), `weak CSP: ${csp}`);
      assert(await page.locator('svg.network a.node').count() >= 3, 'network has fewer than 3 actors');
      assert(await page.locator('svg.chart polyline, svg.chart circle').count() >= 1, 'escalation chart is empty');
      assert(await page.locator('li.event').count() >= 3, 'fewer than 3 latest events');
      const file = join(shots, 'overview.png');
      await page.screenshot({ path: file, fullPage: false });
      assertNotBlank(file, blankSize);
    });

    await check('the overview network shows typed relation edges with labels, and the layout keeps labels apart', async () => {
      await page.goto(`${base}/`);
      const edges = page.locator('svg.network a.relation');
      const n = await edges.count();
      assert(n >= 2, `only ${n} relation edges`);
      const classes = await edges.evaluateAll(els => els.map(e => e.getAttribute('class')));
      assert(classes.every(c => /^relation rel-(ally|adversary|patron|mediator)$/.test(c)), `untyped edge: ${classes}`);
      assert(classes.some(c => c.endsWith('adversary')), `no adversary edge: ${classes}`);
      assert(classes.some(c => c.endsWith('mediator')), `no mediator edge: ${classes}`);
      const visible = await page.locator('svg.network a.relation path').evaluateAll(ps => ps.filter(p => p.getTotalLength() > 10).length);
      assert(visible === n, `${n - visible} relation edges have no length`);
      assert(await page.locator('svg.network a.relation-label text').count() >= 1, 'no relation label drawn');
      // no two labels (actors, relation types) overlap
      const boxes = await page.locator('svg.network a.node text, svg.network a.relation-label text').evaluateAll(ts => ts.map(t => {
        const b = t.getBBox(); return { s: t.textContent, x0: b.x, y0: b.y, x1: b.x + b.width, y1: b.y + b.height };
      }));
      const overlaps = [];
      for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i], b = boxes[j];
        if (a.x0 < b.x1 - 1 && b.x0 < a.x1 - 1 && a.y0 < b.y1 - 1 && b.y0 < a.y1 - 1) overlaps.push(`${a.s} / ${b.s}`);
      }
      assert(overlaps.length === 0, `overlapping labels: ${overlaps.join('; ')}`);
      const file = join(shots, 'network.png');
      await page.locator('svg.network').screenshot({ path: file });
      assertNotBlank(file, blankSize / 4);
    });

    await check('a relation edge leads to the relation with its evidence, linked to its document', async () => {
      await page.goto(`${base}/`);
      const edge = page.locator('svg.network a.relation').first();
      const type = (await edge.getAttribute('class')).split('rel-')[1];
      const href = await edge.getAttribute('href');
      assert(href.startsWith('/relations?') && href.includes(`type=${type}`), `odd relation link ${href}`);
      await page.goto(`${base}${href}`);
      const rel = page.locator(`li.relation.rel-${type}`).first();
      assert(await rel.count() === 1, `no ${type} relation listed at ${href}`);
      assert((await rel.locator('blockquote.evidence').count()) >= 1, 'relation without evidence');
      const file = join(shots, 'relations.png');
      await page.screenshot({ path: file, fullPage: false });
      assertNotBlank(file, blankSize);
      const ev = rel.locator('a.evlink').first();
      const evHref = await ev.getAttribute('href');
      assert(/^\/documents\/\d+(#e\d+)?$/.test(evHref), `odd evidence link ${evHref}`);
      await Promise.all([page.waitForURL(u => u.pathname === evHref.split('#')[0]), ev.click()]);
      assert(await page.locator('article.text').count() === 1, 'evidence link did not open a document');
    });

    await check("an event row shows its act's support and leads to every report of the act", async () => {
      await page.goto(`${base}/events`);
      const badges = page.locator('li.event a.support');
      assert(await badges.count() >= 3, 'events without support badges');
      const multi = page.locator('li.event a.support.multi').first();
      assert(await multi.count() === 1, 'no act reported by several documents');
      const label = await multi.textContent();
      const m = label.match(/^(\d+) docs · (\d+) outlets?/);
      assert(m && Number(m[1]) >= 2 && Number(m[2]) >= 2, `odd support label '${label}'`);
      const href = await multi.getAttribute('href');
      await Promise.all([page.waitForURL(u => u.search.includes('cluster=')), multi.click()]);
      const head = await page.textContent('section.act h2');
      assert(/^One act, \d+ reports$/.test(head.trim()), `odd act heading '${head}'`);
      const reports = await page.locator('li.event').count();
      assert(reports >= Number(m[1]), `${reports} reports listed for ${label} (${href})`);
      const file = join(shots, 'act.png');
      await page.screenshot({ path: file, fullPage: false });
      assertNotBlank(file, blankSize);
    });

    await check("a pair's page shows its escalation chart, alerts and relations", async () => {
      await page.goto(`${base}/`);
      const link = page.locator('table.list a[href^="/dyads/"]').first();
      const href = await link.getAttribute('href');
      await Promise.all([page.waitForURL(u => u.pathname === href), link.click()]);
      assert(await page.locator('svg.chart.pair rect.day').count() >= 1, 'no daily bars in the escalation chart');
      assert(await page.locator('svg.chart.pair polyline.i7').count() === 1, 'no 7-day line');
      assert(await page.locator('table.alerts tr').count() >= 2, 'no alerts table rows');
      assert(await page.locator('li.event a.support').count() >= 1, 'timeline without support');
      const file = join(shots, 'dyad.png');
      await page.screenshot({ path: file, fullPage: false });
      assertNotBlank(file, blankSize);
    });

    await check('an actor link opens the actor page', async () => {
      await page.goto(`${base}/`);
      const link = page.locator('table.list a[href^="/actors/"]').first();
      const href = await link.getAttribute('href');
      await Promise.all([page.waitForURL(u => u.pathname === href), link.click()]);
      assert(await page.locator('h1').count() === 1, 'no heading');
      const body = await page.textContent('main');
      assert(/as source/i.test(body) && /as target/i.test(body), 'no source/target sections');
      assert(await page.locator('li.event').count() >= 1, 'actor has no events listed');
      const file = join(shots, 'actor.png');
      await page.screenshot({ path: file, fullPage: false });
      assertNotBlank(file, blankSize);
    });

    await check("an event's evidence link opens its document with highlights", async () => {
      await page.goto(`${base}/events`);
      const ev = page.locator('li.event').first();
      assert(await ev.locator('.trigger').count() >= 1, 'evidence has no highlighted trigger');
      const link = ev.locator('a.evlink');
      const href = await link.getAttribute('href');
      assert(/^\/documents\/\d+#e\d+$/.test(href), `odd evidence link ${href}`);
      await Promise.all([page.waitForURL(u => u.pathname === href.split('#')[0]), link.click()]);
      assert(await page.locator('article.text').count() === 1, 'no article text');
      assert(await page.locator('article.text a.actor').count() >= 1, 'no highlighted actors in the article');
      assert(await page.locator('article.text .trigger').count() >= 1, 'no highlighted triggers in the article');
      const id = href.split('#')[1];
      assert(await page.locator(`#${id}`).count() === 1, `the event ${id} is not on the document page`);
      const file = join(shots, 'document.png');
      await page.screenshot({ path: file, fullPage: false });
      assertNotBlank(file, blankSize);
    });

    if (problems.length) {
      results.push(['no page errors, console errors or outside requests', false]);
      console.log(`FAIL no page errors, console errors or outside requests:\n  ${problems.join('\n  ')}`);
    }
  } catch (e) {
    results.push(['setup', false]);
    console.log(`FAIL setup: ${e && e.stack || e}`);
  } finally {
    if (context) await context.close().catch(() => {});
    if (server) server.kill('SIGTERM');
    rmSync(work, { recursive: true, force: true });
  }
  const passed = results.filter(r => r[1]).length;
  const failed = results.length - passed;
  console.log(`screenshots in ${shots}`);
  console.log(`browser: ${passed} passed, ${failed} failed`);
  process.exit(failed === 0 && passed > 0 ? 0 : 1);
}

main();
