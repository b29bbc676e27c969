#!/usr/bin/env node
// compare.js — liaison's HTML extractor against Mozilla Readability (with jsdom) on
// the pages of pages/, scored against the true article text of truth/.
//
//   node compare.js LIAISON_HTML [PAGE.html ...]
//
// LIAISON_HTML is the bench/readability/liaison_html binary.  For each page both
// tools extract the article text; each text is cut into tokens (words for English
// and Vietnamese, one token per Han character for Chinese: any run of letters or
// digits outside Han is a word, each Han character is one token), lowercased, NFC.
// Precision = tokens kept that are in the truth / tokens kept; recall = tokens of
// the truth that were kept / tokens of the truth (bags of tokens: a token counts
// as many times as it occurs in both).  The totals add the counts of all pages
// (micro-average).  Exit status 1 when liaison's total precision or recall is
// below Readability's.
"use strict";
const fs = require("fs");
const path = require("path");
const { execFileSync } = require("child_process");
const { JSDOM, VirtualConsole } = require("jsdom");
const { Readability } = require("@mozilla/readability");

const here = __dirname;
const bin = process.argv[2];
if (!bin) {
  console.error("usage: node compare.js LIAISON_HTML [PAGE.html ...]");
  process.exit(2);
}
let pages = process.argv.slice(3);
if (!pages.length)
  pages = fs.readdirSync(path.join(here, "pages")).filter((f) => f.endsWith(".html")).sort()
    .map((f) => path.join(here, "pages", f));

const HAN = /\p{Script=Han}/u;
function tokens(text) {
  const out = new Map();
  const re = /\p{Script=Han}|[\p{L}\p{N}\p{M}]+/gu;
  for (const m of text.normalize("NFC").toLowerCase().matchAll(re)) {
    const t = m[0];
    out.set(t, (out.get(t) || 0) + 1);
  }
  return out;
}
function count(bag) {
  let n = 0;
  for (const v of bag.values()) n += v;
  return n;
}
function overlap(a, b) {
  let n = 0;
  for (const [k, v] of a) n += Math.min(v, b.get(k) || 0);
  return n;
}

function readability(file) {
  const buf = fs.readFileSync(file);
  const vc = new VirtualConsole(); // quiet: no CSS or script errors on the console
  const dom = new JSDOM(buf, { url: "https://example.org/" + path.basename(file), virtualConsole: vc });
  const art = new Readability(dom.window.document).parse();
  return art ? art.textContent || "" : "";
}

function liaison(file) {
  return execFileSync(bin, [file], { encoding: "utf8", maxBuffer: 1 << 26 });
}

const tools = [["liaison", liaison], ["readability", readability]];
const tot = {};
for (const [t] of tools) tot[t] = { kept: 0, hit: 0, truth: 0 };
const pad = (s, n) => String(s).padEnd(n);
const lpad = (s, n) => String(s).padStart(n);
const pct = (a, b) => (b ? (100 * a / b).toFixed(1) : "-");
console.log(`${pad("page", 18)} ${lpad("truth", 6)}  ${pad("liaison P/R %", 16)} ${pad("readability P/R %", 18)}`);
console.log(`${"-".repeat(18)} ${"-".repeat(6)}  ${"-".repeat(16)} ${"-".repeat(18)}`);
for (const file of pages) {
  const name = path.basename(file, ".html");
  const truth = tokens(fs.readFileSync(path.join(here, "truth", name + ".txt"), "utf8"));
  const nt = count(truth);
  const cells = [];
  for (const [t, fn] of tools) {
    let text = "";
    try {
      text = fn(file);
    } catch (e) {
      console.error(`${t}: ${name}: ${e.message}`);
    }
    const got = tokens(text);
    const kept = count(got), hit = overlap(got, truth);
    tot[t].kept += kept;
    tot[t].hit += hit;
    tot[t].truth += nt;
    cells.push(`${lpad(pct(hit, kept), 5)} / ${lpad(pct(hit, nt), 5)}`);
  }
  console.log(`${pad(name, 18)} ${lpad(nt, 6)}  ${pad(cells[0], 16)} ${pad(cells[1], 18)}`);
}
console.log(`${"-".repeat(18)} ${"-".repeat(6)}  ${"-".repeat(16)} ${"-".repeat(18)}`);
const cell = (t) => `${lpad(pct(tot[t].hit, tot[t].kept), 5)} / ${lpad(pct(tot[t].hit, tot[t].truth), 5)}`;
console.log(`${pad("total", 18)} ${lpad(tot.liaison.truth, 6)}  ${pad(cell("liaison"), 16)} ${pad(cell("readability"), 18)}`);
const P = (t) => tot[t].hit / tot[t].kept, R = (t) => tot[t].hit / tot[t].truth;
const ok = P("liaison") >= P("readability") && R("liaison") >= R("readability");
console.log(ok ? "liaison is at least as good as Readability on both precision and recall"
               : "liaison is BELOW Readability on precision or recall");
process.exit(ok ? 0 : 1);
