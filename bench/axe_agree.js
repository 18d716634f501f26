#!/usr/bin/env node
// axe_agree.js — eaudit's static rules against axe-core on the same pages.
//
// For each page: `eaudit check --format json PAGE` and axe-core (npm, bench/node_modules)
// in Debian's headless chromium (/usr/bin/chromium, driven by puppeteer-core: no browser
// download). Both sets of findings are resolved to elements of the same browser DOM (our
// targets are CSS selectors over the same HTML5 tree), then compared per rule:
//
//   pages      pages where either tool judged the rule
//   axe-viol   elements axe-core calls violations;  ours-viol: elements we do
//   found      axe's violations we also report (target >= 98%)
//   fp         our violations axe does not report (target <= 2% of ours)
//   fn         axe's violations we miss
//   inc-dec    elements we call incomplete where axe decides (pass or violation)
//
// Pages are served from 127.0.0.1 by this script with a Content-Security-Policy that blocks
// every page script (a static auditor sees the HTML as served; axe-core itself is evaluated
// through DevTools, which 'unsafe-eval' allows); nothing else is fetched (other paths 404).
// The viewport is 1280 x 1024, the screen css.c evaluates media queries for.
//
//   cd bench && npm ci && node axe_agree.js [--eaudit PATH] [--json OUT] PAGE.html|DIR...
//   node axe_agree.js --self-test PAGE.html...   (no browser: compares eaudit with itself,
//                                                 to test the plumbing; must print 100%)
//   node axe_agree.js --speed [--tabs N] [--eaudit PATH] PAGE.html|DIR...
//       pages per second only (issue 4's speed target): axe-core one page at a time, each
//       page loaded and axe.run() with the WCAG 2.0 A/AA rules (the tags eaudit covers),
//       against `eaudit check --format json` over all the pages in one process, with one
//       worker and with the default (one per CPU); the ratios are printed. Same machine,
//       same run: load on the machine skews both sides alike. --tabs N runs axe-core on N
//       pages at once (N tabs of one chromium) and also prints the pages/s that gives over
//       the wall time, so that both tools use the whole machine.
'use strict';

const fs = require('fs');
const path = require('path');
const os = require('os');
const { execFileSync } = require('child_process');
const http = require('http');

function usage() {
  console.error('usage: node axe_agree.js [--eaudit PATH] [--json OUT] [--self-test] PAGE|DIR...');
  process.exit(2);
}

const args = process.argv.slice(2);
let eaudit = path.join(__dirname, '..', 'build', 'release', 'cli', 'eaudit');
let jsonOut = null;
let selfTest = false;
let speed = false;
let tabs = 1;
const inputs = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--eaudit') eaudit = args[++i];
  else if (args[i] === '--json') jsonOut = args[++i];
  else if (args[i] === '--self-test') selfTest = true;
  else if (args[i] === '--speed') speed = true;
  else if (args[i] === '--tabs') tabs = Math.max(1, parseInt(args[++i], 10) || 1);
  else if (args[i].startsWith('-')) usage();
  else inputs.push(args[i]);
}
if (!inputs.length) usage();

function pages(list) {
  const out = [];
  for (const p of list) {
    const st = fs.statSync(p);
    if (st.isDirectory()) {
      const walk = (d) => {
        for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
          const f = path.join(d, e.name);
          if (e.isDirectory()) walk(f);
          else if (e.name.endsWith('.html')) out.push(path.resolve(f));
        }
      };
      walk(p);
    } else out.push(path.resolve(p));
  }
  return out;
}

// Our findings: { rule: { violation: [target], pass: [...], incomplete: [...] } }
function runEaudit(file) {
  let text;
  try {
    text = execFileSync(eaudit, ['check', '--format', 'json', file], { maxBuffer: 1 << 28 }).toString();
  } catch (e) {
    // exit code 1 means "violations found"; anything else is a failure
    if (e.status !== 1) throw new Error(`eaudit failed on ${file}: ${e.stderr}`);
    text = e.stdout.toString();
  }
  const page = JSON.parse(text.split('\n').filter(Boolean)[0]);
  const res = {};
  const add = (list, outcome) => {
    for (const r of list || []) {
      res[r.id] = res[r.id] || { violation: [], pass: [], incomplete: [] };
      for (const n of r.nodes) res[r.id][outcome].push(Array.isArray(n.target) ? n.target[0] : n.target);
    }
  };
  add(page.violations, 'violation');
  add(page.passes, 'pass');
  add(page.incomplete, 'incomplete');
  return res;
}

const ourRules = new Set(
  execFileSync(eaudit, ['rules']).toString().split('\n').map((l) => l.split(/\s+/)[0]).filter(Boolean));

function emptyStats() {
  return { pages: 0, axeViol: 0, oursViol: 0, found: 0, fp: 0, fn: 0, incDecided: 0, examples: [] };
}

function compare(stats, file, ours, axe) {
  // ours/axe: { rule: { violation: Set(key), pass: Set, incomplete: Set } }
  const rules = new Set([...Object.keys(ours), ...Object.keys(axe)]);
  for (const rule of rules) {
    if (!ourRules.has(rule) || rule.startsWith('ea-')) continue;
    const o = ours[rule] || { violation: new Set(), pass: new Set(), incomplete: new Set() };
    const a = axe[rule] || { violation: new Set(), pass: new Set(), incomplete: new Set() };
    const s = (stats[rule] = stats[rule] || emptyStats());
    s.pages++;
    s.axeViol += a.violation.size;
    s.oursViol += o.violation.size;
    for (const k of a.violation) {
      if (o.violation.has(k)) s.found++;
      else {
        s.fn++;
        const said = o.incomplete.has(k) ? 'incomplete' : o.pass.has(k) ? 'pass' : 'inapplicable';
        if (s.examples.length < 5) s.examples.push(`fn ${path.basename(file)} element ${k}: we say ${said}`);
      }
    }
    for (const k of o.violation)
      if (!a.violation.has(k)) {
        s.fp++;
        const said = a.incomplete.has(k) ? 'incomplete' : a.pass.has(k) ? 'pass' : 'inapplicable';
        if (s.examples.length < 5) s.examples.push(`fp ${path.basename(file)} element ${k}: axe says ${said}`);
      }
    for (const k of o.incomplete) if (a.violation.has(k) || a.pass.has(k)) s.incDecided++;
  }
}

function table(stats, axeTimes, ourTimes) {
  const rows = Object.keys(stats).sort();
  const pad = (s, n) => String(s).padEnd(n);
  const lines = [];
  lines.push(pad('rule', 30) + pad('pages', 7) + pad('axe-viol', 10) + pad('ours-viol', 11) +
             pad('found', 9) + pad('fp', 6) + pad('fn', 6) + 'inc-dec');
  let A = 0, O = 0, F = 0, FP = 0, FN = 0, INC = 0;
  for (const r of rows) {
    const s = stats[r];
    A += s.axeViol; O += s.oursViol; F += s.found; FP += s.fp; FN += s.fn; INC += s.incDecided;
    const found = s.axeViol ? (100 * s.found / s.axeViol).toFixed(1) + '%' : '-';
    lines.push(pad(r, 30) + pad(s.pages, 7) + pad(s.axeViol, 10) + pad(s.oursViol, 11) + pad(found, 9) +
               pad(s.fp, 6) + pad(s.fn, 6) + s.incDecided);
  }
  lines.push('');
  lines.push(`all rules: axe violations ${A}, ours ${O}; found ${A ? (100 * F / A).toFixed(1) : '-'}% ` +
             `(target >= 98%), ours not axe's ${O ? (100 * FP / O).toFixed(1) : '-'}% (target <= 2%), ` +
             `missed ${FN}, our incomplete where axe decides ${INC}`);
  if (axeTimes.length) {
    const med = (a) => { const b = [...a].sort((x, y) => x - y); return b[Math.floor(b.length / 2)]; };
    lines.push(`median per page: axe-core in chromium ${med(axeTimes).toFixed(3)} s, ` +
               `eaudit check (process start included) ${med(ourTimes).toFixed(3)} s, ` +
               `ratio ${(med(axeTimes) / med(ourTimes)).toFixed(1)}x`);
  }
  return lines.join('\n');
}

const toSets = (res, keyOf) => {
  const out = {};
  for (const [rule, v] of Object.entries(res)) {
    out[rule] = {};
    for (const k of ['violation', 'pass', 'incomplete']) out[rule][k] = new Set(v[k].map(keyOf).filter((x) => x !== null));
  }
  return out;
};

// Wall seconds of `eaudit check --format json` over all files in one process.
function eauditWall(files, workers) {
  const t0 = process.hrtime.bigint();
  try {
    execFileSync(eaudit, ['check', '--format', 'json', '--workers', String(workers), ...files],
                 { maxBuffer: 1 << 30, stdio: ['ignore', 'ignore', 'ignore'] });
  } catch (e) {
    if (e.status !== 1) throw new Error(`eaudit failed: status ${e.status}`);
  }
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

// One page through axe-core: { load, run } seconds, or null when it failed.
async function axeOne(browser, base, axeSource, f) {
  const page = await browser.newPage();
  let out = null;
  try {
    await page.setViewport({ width: 1280, height: 1024 });
    await page.setRequestInterception(true);
    page.on('request', (r) => (r.url().startsWith(base) ? r.continue() : r.abort()));
    const t0 = process.hrtime.bigint();
    await page.goto(base + encodeURI(f), { waitUntil: 'load', timeout: 60000 });
    const t1 = process.hrtime.bigint();
    await page.evaluate(async (src) => {
      // eslint-disable-next-line no-eval
      (0, eval)(src);
      await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] } });
    }, axeSource);
    const t2 = process.hrtime.bigint();
    out = { load: Number(t1 - t0) / 1e9, run: Number(t2 - t1) / 1e9 };
  } catch (e) {
    console.error(`axe_agree: ${path.basename(f)}: ${e.message}`);
  }
  await page.close();
  return out;
}

// Wall seconds for axe-core over files, n pages at a time.
async function axeWall(browser, base, axeSource, files, n) {
  let next = 0;
  const t0 = process.hrtime.bigint();
  const worker = async () => {
    while (next < files.length) await axeOne(browser, base, axeSource, files[next++]);
  };
  await Promise.all(Array.from({ length: n }, worker));
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

async function speedRun(files, browser, base, axeSource) {
  const load = [], run = [], total = [];
  // The first page also starts chromium's renderer and compiles axe: run it once untimed.
  await axeOne(browser, base, axeSource, files[0]);
  for (const f of files) {
    const t = await axeOne(browser, base, axeSource, f);
    if (!t) continue;
    load.push(t.load);
    run.push(t.run);
    total.push(t.load + t.run);
  }
  const tabWall = tabs > 1 ? await axeWall(browser, base, axeSource, files, tabs) : 0;
  const med = (a) => { const b = [...a].sort((x, y) => x - y); return b[Math.floor(b.length / 2)]; };
  const sum = (a) => a.reduce((x, y) => x + y, 0);
  const cpus = os.cpus().length;
  const one = Math.min(eauditWall(files, 1), eauditWall(files, 1));
  const all = Math.min(eauditWall(files, cpus), eauditWall(files, cpus));
  const axeRate = total.length / sum(total);
  const n = files.length;
  console.log(`speed over ${n} pages (${total.length} run by axe-core), ${cpus} CPUs`);
  console.log(`  axe-core in chromium, one page at a time: median ${med(total).toFixed(3)} s per page ` +
              `(load ${med(load).toFixed(3)} s + axe.run ${med(run).toFixed(3)} s), ` +
              `${sum(total).toFixed(1)} s in all = ${axeRate.toFixed(3)} pages/s`);
  console.log(`  eaudit check, one process, 1 worker: ${one.toFixed(2)} s = ${(n / one).toFixed(1)} pages/s ` +
              `= ${((n / one) / axeRate).toFixed(0)}x axe-core`);
  console.log(`  eaudit check, one process, ${cpus} workers: ${all.toFixed(2)} s = ${(n / all).toFixed(1)} pages/s ` +
              `= ${((n / all) / axeRate).toFixed(0)}x axe-core`);
  console.log(`  (against the median page: ${(med(total) * n / one).toFixed(0)}x and ${(med(total) * n / all).toFixed(0)}x)`);
  if (tabs > 1) {
    const rate = n / tabWall;
    console.log(`  axe-core in chromium, ${tabs} pages at a time: ${tabWall.toFixed(1)} s = ${rate.toFixed(3)} pages/s; ` +
                `eaudit with ${cpus} workers = ${((n / all) / rate).toFixed(0)}x that`);
  }
}

async function main() {
  const files = pages(inputs);
  const stats = {};
  const axeTimes = [], ourTimes = [];
  if (selfTest) {
    for (const f of files) {
      const ours = runEaudit(f);
      compare(stats, f, toSets(ours, (t) => t), toSets(ours, (t) => t));
    }
    console.log(table(stats, [], []));
    return;
  }
  const puppeteer = require('puppeteer-core');
  const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  const served = new Set(files);
  const server = http.createServer((req, res) => {
    const file = decodeURIComponent(req.url.split('?')[0]);
    if (!served.has(file)) {
      res.writeHead(404);
      res.end();
      return;
    }
    res.writeHead(200, { 'Content-Type': 'text/html', 'Content-Security-Policy': "script-src 'unsafe-eval'" });
    res.end(fs.readFileSync(file));
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const base = `http://127.0.0.1:${server.address().port}`;
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'axe-agree-'));
  const browser = await puppeteer.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    protocolTimeout: 180000,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
           '--disable-component-update', '--disable-quic', '--no-first-run', '--disable-sync',
           `--user-data-dir=${profile}`],
  });
  try {
    if (speed) {
      await speedRun(files, browser, base, axeSource);
      return;
    }
    for (const f of files) {
      const t0 = process.hrtime.bigint();
      const ours = runEaudit(f);
      const t1 = process.hrtime.bigint();
      ourTimes.push(Number(t1 - t0) / 1e9);
      const page = await browser.newPage();
      await page.setViewport({ width: 1280, height: 1024 });
      // Only our server is reachable: any other request is refused.
      await page.setRequestInterception(true);
      page.on('request', (r) => (r.url().startsWith(base) ? r.continue() : r.abort()));
      const t2 = process.hrtime.bigint();
      try {
        await page.goto(base + encodeURI(f), { waitUntil: 'load', timeout: 60000 });
        const result = await page.evaluate(async (src, ours) => {
          // eslint-disable-next-line no-eval
          (0, eval)(src);
          const all = Array.from(document.querySelectorAll('*'));
          const index = new Map(all.map((e, i) => [e, i]));
          const keyOf = (sel) => {
            try {
              const e = document.querySelector(sel);
              return e && index.has(e) ? index.get(e) : null;
            } catch (err) { return null; }
          };
          const r = await window.axe.run(document, {
            runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
            resultTypes: ['violations', 'incomplete', 'passes'],
            elementRef: true,
          });
          const axe = {};
          const put = (list, outcome) => {
            for (const rule of list) {
              axe[rule.id] = axe[rule.id] || { violation: [], pass: [], incomplete: [] };
              for (const n of rule.nodes) {
                const k = n.element && index.has(n.element) ? index.get(n.element) : keyOf(n.target[0]);
                if (k !== null) axe[rule.id][outcome].push(k);
              }
            }
          };
          put(r.violations, 'violation');
          put(r.passes, 'pass');
          put(r.incomplete, 'incomplete');
          const mine = {};
          for (const [rule, v] of Object.entries(ours)) {
            mine[rule] = {};
            for (const k of ['violation', 'pass', 'incomplete']) mine[rule][k] = v[k].map(keyOf).filter((x) => x !== null);
          }
          return { axe, mine };
        }, axeSource, ours);
        axeTimes.push(Number(process.hrtime.bigint() - t2) / 1e9);
        compare(stats, f, toSets(result.mine, (k) => k), toSets(result.axe, (k) => k));
      } catch (e) {
        console.error(`axe_agree: ${path.basename(f)}: ${e.message}`);
      }
      await page.close();
    }
  } finally {
    server.close();
    await browser.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
  if (speed) return;
  const text = table(stats, axeTimes, ourTimes);
  console.log(text);
  for (const r of Object.keys(stats).sort())
    for (const ex of stats[r].examples) console.log(`  ${r}: ${ex}`);
  if (jsonOut) fs.writeFileSync(jsonOut, JSON.stringify({ stats, axeTimes, ourTimes }, null, 1));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
