/*
 * app.js — the page of `liaison serve`: a timeline of events, the network
 * of places and people, people, places, events with their sources, full-text
 * search; everything read from the JSON API (/api/, docs/api.md).
 *
 * Safety: text from documents and the knowledge base is only ever put into
 * the page as text (h() makes text nodes; textContent), never as HTML;
 * links are built from our own routes and encodeURIComponent, and a
 * document's URL becomes a link only when it is http(s).  The server's
 * Content-Security-Policy forbids inline script besides.
 *
 * Routes (the part after #): /  /network  /people  /places  /ties  /figures
 * /search  /event/ID  /person/ID  /place/ID  /doc/ID, each with ?query.
 */
'use strict';

/* ---- elements ---- */

const SVG_NS = 'http://www.w3.org/2000/svg';
const SAFE_ATTR = /^(class|id|href|title|lang|dir|role|name|type|value|placeholder|for|colspan|rowspan|download|rel|target|tabindex|min|max|step|checked|selected|disabled|list|autocomplete|datetime|(aria|data)-[a-z-]+|viewBox|width|height|x|y|x1|x2|y1|y2|cx|cy|r|d|fill|stroke|stroke-width|transform|text-anchor|dominant-baseline|points|preserveAspectRatio|xmlns)$/;

function append(el, kids) {
  for (const k of kids) {
    if (k === null || k === undefined || k === false) continue;
    if (Array.isArray(k)) append(el, k);
    else if (k instanceof Node) el.appendChild(k);
    else el.appendChild(document.createTextNode(String(k)));
  }
  return el;
}

function setAttrs(el, attrs) {
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (!SAFE_ATTR.test(k)) throw new Error('attribute not allowed: ' + k);
    if (k === 'href' && !safeHref(String(v))) continue;
    el.setAttribute(k, v === true ? '' : String(v));
  }
}

/* An element with attributes and children (strings become text nodes). */
function h(tag, attrs, ...kids) {
  const el = document.createElement(tag);
  setAttrs(el, attrs);
  return append(el, kids);
}

function s(tag, attrs, ...kids) {
  const el = document.createElementNS(SVG_NS, tag);
  setAttrs(el, attrs);
  return append(el, kids);
}

/* Our routes, the API, or an http(s) address. */
function safeHref(v) {
  return v.startsWith('#/') || v.startsWith('/api/') || /^https?:\/\//i.test(v);
}

const enc = encodeURIComponent;
const TYPES = ['meeting', 'virtual_meeting', 'signing', 'attend', 'visit'];
const TYPE_LABEL = {meeting: 'meeting', virtual_meeting: 'virtual meeting', signing: 'signing', attend: 'attend', visit: 'visit'};
const LANG_LABEL = {en: 'English', zh: '中文', vi: 'Tiếng Việt'};

/* ---- the API ---- */

function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) {
    if (v === null || v === undefined || v === '') continue;
    if (Array.isArray(v)) v.forEach(x => { if (x !== '') q.append(k, x); });
    else q.append(k, v);
  }
  const t = q.toString();
  return t ? '?' + t : '';
}

class ApiError extends Error {
  constructor(status, message) { super(message); this.status = status; }
}

async function api(path, params) {
  const r = await fetch('/api/' + path + query(params), {headers: {Accept: 'application/json'}});
  let body = null;
  try { body = await r.json(); } catch (e) { body = null; }
  if (!r.ok) {
    const msg = body && body.error ? body.error.message : 'the server answered ' + r.status;
    throw new ApiError(r.status, msg);
  }
  return body;
}

/* ---- small pieces ---- */

let places = null; /* id -> place, for names and the place pickers */

async function loadPlaces() {
  if (places) return places;
  places = new Map();
  let cursor = null;
  do {
    const r = await api('places', {limit: 1000, cursor});
    r.items.forEach(p => places.set(p.id, p));
    cursor = r.next;
  } while (cursor);
  return places;
}

function placeLink(id) {
  if (!id) return '–';
  return h('a', {href: '#/place/' + enc(id)}, id);
}

function personLink(p) {
  return h('a', {href: '#/person/' + enc(p.id)}, p.name);
}

function typeBadge(t) {
  return h('span', {class: 'badge'}, h('span', {class: 'type type-' + t, 'aria-hidden': 'true'}), TYPE_LABEL[t] || t);
}

function langBadge(l) {
  return h('span', {class: 'badge', title: LANG_LABEL[l] || l}, l || '?');
}

function joinNodes(list, sep) {
  const out = [];
  list.forEach((x, i) => { if (i) out.push(sep); out.push(x); });
  return out;
}

function downloads(path, params, name) {
  const p = Object.assign({}, params);
  delete p.cursor;
  return h('span', {class: 'downloads'}, 'Download:',
    h('a', {href: '/api/' + path + query(Object.assign({}, p, {format: 'csv'})), download: name + '.csv'}, 'CSV'),
    h('a', {href: '/api/' + path + query(p), download: name + '.json'}, 'JSON'));
}

function errorBox(e) {
  return h('p', {class: 'error', role: 'alert'}, e instanceof ApiError ? e.message : 'Something went wrong: ' + e.message);
}

/* Code point offsets (as the API gives them) -> UTF-16 offsets (JavaScript strings). */
function u16(text, cp) {
  let i = 0;
  for (let c = 0; c < cp && i < text.length; c++) {
    const code = text.charCodeAt(i);
    i += code >= 0xd800 && code <= 0xdbff ? 2 : 1;
  }
  return i;
}

/* A document's text with the spans [{chars:[a,b], cls}] marked. */
function markedText(text, spans, lang) {
  const box = h('div', {class: 'doc', lang: lang || null});
  const ranges = spans.filter(x => x.chars).map(x => ({a: u16(text, x.chars[0]), b: u16(text, x.chars[1]), cls: x.cls, title: x.title}))
    .sort((p, q) => p.a - q.a || q.b - p.b);
  let at = 0;
  for (const r of ranges) {
    if (r.a < at) continue; /* nested or overlapping: the first one wins */
    box.appendChild(document.createTextNode(text.slice(at, r.a)));
    box.appendChild(h('mark', {class: r.cls || null, title: r.title || null}, text.slice(r.a, r.b)));
    at = r.b;
  }
  box.appendChild(document.createTextNode(text.slice(at)));
  return box;
}

/* A column's class; `narrow: false` hides it on a phone. */
function cellClass(c, cls) {
  return [cls, c.narrow === false ? 'hide-narrow' : null].filter(Boolean).join(' ') || null;
}

/* A paged list: a table that fetches page after page ("More"). */
function pagedTable(path, params, columns, rowLink, name) {
  const tbody = h('tbody');
  const more = h('button', {type: 'button', class: 'plain'}, 'More');
  const count = h('span', {class: 'note'});
  const wrap = h('div', {},
    h('div', {class: 'toolbar'}, count, downloads(path, params, name)),
    h('div', {class: 'scroll'}, h('table', {},
      h('thead', {}, h('tr', {}, columns.map(c => h('th', {class: cellClass(c, c.num ? 'num' : null)}, c.label)))), tbody)),
    h('p', {}, more));
  let cursor = null, n = 0;
  async function page() {
    more.disabled = true;
    try {
      const r = await api(path, Object.assign({}, params, {cursor}));
      for (const it of r.items) {
        const tr = h('tr', {class: rowLink ? 'link' : null},
          columns.map(c => h('td', {class: cellClass(c, c.num ? 'num' : c.cls || null)}, c.cell(it))));
        if (rowLink) tr.addEventListener('click', ev => { if (!ev.target.closest('a')) location.hash = rowLink(it); });
        tbody.appendChild(tr);
      }
      n += r.items.length;
      cursor = r.next;
      count.textContent = n + (cursor ? '+ rows' : n === 1 ? ' row' : ' rows');
      more.hidden = !cursor;
    } catch (e) {
      wrap.appendChild(errorBox(e));
      more.hidden = true;
    }
    more.disabled = false;
  }
  more.addEventListener('click', page);
  page();
  return wrap;
}

const EVENT_COLUMNS = [
  {label: 'date', cls: 'date', cell: e => e.date || '–'},
  {label: 'type', cell: e => typeBadge(e.type)},
  {label: 'place', narrow: false, cell: e => placeLink(e.place)},
  {label: 'participants', cell: e => joinNodes(e.participants.map(personLink), ', ')},
  {label: 'parties', cell: e => joinNodes(e.parties.map(placeLink), ', ')},
  {label: 'sources', num: true, cell: e => [String(e.n_sources), ' ', (e.languages || []).map(langBadge)]},
];

/* ---- the router ---- */

const main = () => document.getElementById('main');

function parseHash() {
  const raw = location.hash.replace(/^#/, '') || '/';
  const [path, qs] = raw.split('?');
  const parts = path.split('/').filter(Boolean).map(x => { try { return decodeURIComponent(x); } catch (e) { return x; } });
  return {view: parts[0] || '', arg: parts.slice(1).join('/'), params: new URLSearchParams(qs || '')};
}

const views = {};

async function route() {
  const {view, arg, params} = parseHash();
  const fn = views[view] || views[''];
  const m = main();
  m.replaceChildren(h('p', {class: 'note'}, 'Loading…'));
  for (const a of document.querySelectorAll('#nav a')) {
    const v = a.dataset.view;
    a.classList.toggle('active', v === (view || 'timeline') || (v === 'people' && view === 'person') ||
      (v === 'places' && view === 'place'));
  }
  try {
    const content = await fn(arg, params);
    m.replaceChildren(content);
  } catch (e) {
    m.replaceChildren(errorBox(e));
  }
  window.scrollTo(0, 0);
}

function go(view, params) {
  location.hash = '#/' + view + query(params);
}

/* ---- timeline ---- */

function timelineFilters(params, onApply) {
  const f = {
    a: params.get('a') || '', b: params.get('b') || '', person: params.get('person') || '',
    type: params.get('type') || '', since: params.get('since') || '', until: params.get('until') || '',
    lang: params.getAll('lang'),
  };
  const dl = h('datalist', {id: 'place-names'});
  loadPlaces().then(ps => { for (const id of ps.keys()) dl.appendChild(h('option', {value: id})); }).catch(() => {});
  const form = h('form', {class: 'filters', 'aria-label': 'Filters'},
    dl,
    h('label', {}, 'Place', h('input', {type: 'text', name: 'a', value: f.a, list: 'place-names', placeholder: 'Shanghai, 上海…'})),
    h('label', {}, 'and place', h('input', {type: 'text', name: 'b', value: f.b, list: 'place-names', placeholder: 'Ho Chi Minh City…'})),
    h('label', {}, 'Person', h('input', {type: 'text', name: 'person', value: f.person, placeholder: 'any name or script'})),
    h('label', {}, 'Type', h('select', {name: 'type'}, h('option', {value: ''}, 'any'),
      TYPES.map(t => h('option', {value: t, selected: f.type === t}, TYPE_LABEL[t])))),
    h('label', {}, 'From', h('input', {type: 'month', name: 'since', value: f.since})),
    h('label', {}, 'To', h('input', {type: 'month', name: 'until', value: f.until})),
    h('fieldset', {}, h('legend', {}, 'Sources in'),
      ['en', 'zh', 'vi'].map(l => h('label', {}, h('input', {type: 'checkbox', name: 'lang', value: l, checked: f.lang.includes(l)}), l))),
    h('button', {type: 'submit'}, 'Show'),
    h('button', {type: 'reset', class: 'plain'}, 'Clear'));
  form.addEventListener('submit', ev => {
    ev.preventDefault();
    const d = new FormData(form);
    onApply({a: d.get('a').trim(), b: d.get('b').trim(), person: d.get('person').trim(), type: d.get('type'),
      since: d.get('since'), until: d.get('until'), lang: d.getAll('lang')});
  });
  form.addEventListener('reset', ev => { ev.preventDefault(); onApply({}); });
  return {form, f};
}

function eventFilterParams(f) {
  return {party: [f.a, f.b].filter(Boolean), person: f.person || null, type: f.type || null,
    since: f.since || null, until: f.until || null, lang: f.lang && f.lang.length ? f.lang : null};
}

/* The months from the first to the last (gaps filled with zeros) when the
 * span is not too long, else only the months that have events. */
function monthSeries(items) {
  const mi = m => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1;
  const first = mi(items[0].month), last = mi(items[items.length - 1].month);
  if (last - first + 1 > 480) return items;
  const at = new Map(items.map(m => [m.month, m]));
  const out = [];
  for (let k = first; k <= last; k++) {
    const m = `${Math.floor(k / 12)}-${String(k % 12 + 1).padStart(2, '0')}`;
    out.push(at.get(m) || Object.assign({month: m, total: 0}, Object.fromEntries(TYPES.map(t => [t, 0]))));
  }
  return out;
}

function timelineChart(data, selected, onMonth) {
  if (!data.items.length) return h('p', {class: 'note'}, 'No dated events match.');
  const items = monthSeries(data.items);
  const max = Math.max(1, ...items.map(m => m.total));
  const H = 230, top = 12, bottom = 34, left = 40;
  const avail = Math.max(300, (document.getElementById('main').clientWidth || 1200) - 40);
  const bw = Math.max(5, Math.min(40, (avail - left - 10) / items.length));
  const W = Math.ceil(left + items.length * bw + 10);
  const y = v => top + (H - top - bottom) * (1 - v / max);
  const svg = s('svg', {width: W, height: H, viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': 'Events per month, by type'});
  /* the y axis: 0, half, max */
  for (const v of [...new Set([0, Math.round(max / 2), max])]) {
    svg.appendChild(s('line', {class: 'axis', x1: left - 4, x2: W, y1: y(v), y2: y(v)}));
    svg.appendChild(s('text', {x: left - 6, y: y(v) + 4, 'text-anchor': 'end'}, String(v)));
  }
  let lastYear = null, lastLabel = -1e9;
  items.forEach((m, i) => {
    const x = left + i * bw;
    const year = m.month.slice(0, 4);
    if (year !== lastYear) {
      svg.appendChild(s('line', {class: 'axis', x1: x, x2: x, y1: H - bottom, y2: H - bottom + 6}));
      if (x - lastLabel >= 34) {
        svg.appendChild(s('text', {x: x + 2, y: H - bottom + 18}, year));
        lastLabel = x;
      }
      lastYear = year;
    }
    if (!m.total) return;
    const g = s('g', {class: 'month' + (m.month === selected ? ' selected' : ''), tabindex: 0, role: 'button',
      'data-month': m.month, 'aria-label': `${m.month}: ${m.total} events`});
    g.appendChild(s('rect', {class: 'hit', x: x, y: top, width: bw, height: H - top - bottom}));
    let acc = 0;
    for (const t of TYPES) {
      if (!m[t]) continue;
      const y0 = y(acc), y1 = y(acc + m[t]);
      g.appendChild(s('rect', {class: 'bar type-' + t, x: x + (bw > 4 ? 1 : 0), y: y1, width: Math.max(1, bw - (bw > 4 ? 2 : 0)),
        height: Math.max(0.5, y0 - y1)}));
      acc += m[t];
    }
    g.appendChild(s('title', {}, `${m.month}: ${m.total} event${m.total === 1 ? '' : 's'}` +
      TYPES.filter(t => m[t]).map(t => `, ${m[t]} ${TYPE_LABEL[t]}`).join('')));
    const pick = () => onMonth(m.month);
    g.addEventListener('click', pick);
    g.addEventListener('keydown', ev => { if (ev.key === 'Enter' || ev.key === ' ') { ev.preventDefault(); pick(); } });
    svg.appendChild(g);
  });
  return h('div', {class: 'chart'}, svg);
}

views[''] = views.timeline = async (arg, params) => {
  const {form, f} = timelineFilters(params, nf => go('', Object.assign({}, nf, {month: null})));
  const fp = eventFilterParams(f);
  const month = params.get('month');
  const data = await api('timeline', fp);
  const total = data.items.reduce((n, m) => n + m.total, 0);
  const list = h('section', {id: 'month-events'});
  const showMonth = m => {
    const p = {};
    for (const [k, v] of params) { if (k !== 'month') (p[k] = p[k] || []).push(v); }
    p.month = m;
    history.replaceState(null, '', '#/' + query(p));
    for (const g of document.querySelectorAll('.chart .month')) g.classList.toggle('selected', g.dataset.month === m);
    /* the events dated within the month, as the chart counts them (not those of its year only) */
    const lp = Object.assign({}, fp, {since: m, until: m, month: m, limit: 100});
    list.replaceChildren(h('h2', {}, 'Events in ' + m),
      pagedTable('events', lp, EVENT_COLUMNS, e => '#/event/' + enc(e.id), 'events-' + m));
  };
  const out = h('div', {},
    h('h1', {}, 'Events per month'),
    form,
    h('div', {class: 'toolbar'},
      h('span', {class: 'note'}, `${total} dated events in ${data.items.length} months` +
        (data.undated ? `; ${data.undated} without a month` : '') + '. Click a month to list its events.'),
      downloads('timeline', fp, 'timeline')),
    h('div', {class: 'legend'}, TYPES.map(t => h('span', {}, h('span', {class: 'type type-' + t}), TYPE_LABEL[t]))),
    timelineChart(data, month, showMonth),
    list);
  if (month) setTimeout(() => showMonth(month), 0);
  return out;
};

/* ---- network ---- */

/* Fruchterman-Reingold: every pair repels (k^2/d), every edge attracts
 * (d^2/k, more for heavier edges), a little gravity keeps loose parts in
 * view; each step moves a node at most the temperature, which cools.
 * Deterministic: the same graph gives the same picture. */
function forceLayout(nodes, edges, W, H) {
  const n = nodes.length;
  if (!n) return;
  const idx = new Map(nodes.map((d, i) => [d.id, i]));
  nodes.forEach((d, i) => { /* a spiral start */
    const a = i * 2.399963, r = Math.sqrt((i + 0.5) / n) * Math.min(W, H) * 0.45;
    d.x = W / 2 + Math.cos(a) * r;
    d.y = H / 2 + Math.sin(a) * r;
  });
  const maxW = Math.max(1, ...edges.map(e => e.weight));
  const links = edges.map(e => ({a: idx.get(e.source), b: idx.get(e.target), w: 0.5 + Math.sqrt(e.weight / maxW)}))
    .filter(l => l.a !== undefined && l.b !== undefined);
  const k = 0.75 * Math.sqrt(W * H / n);
  const steps = 300;
  const dx = new Float64Array(n), dy = new Float64Array(n);
  for (let it = 0; it < steps; it++) {
    const temp = (W / 8) * (1 - it / steps) + 0.5;
    dx.fill(0); dy.fill(0);
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        let ex = nodes[i].x - nodes[j].x, ey = nodes[i].y - nodes[j].y;
        let d = Math.sqrt(ex * ex + ey * ey);
        if (d < 0.01) { ex = 0.01 * (i - j); ey = 0.01; d = Math.sqrt(ex * ex + ey * ey); }
        const f = k * k / d / d;
        dx[i] += ex * f; dy[i] += ey * f; dx[j] -= ex * f; dy[j] -= ey * f;
      }
    }
    for (const l of links) {
      const ex = nodes[l.a].x - nodes[l.b].x, ey = nodes[l.a].y - nodes[l.b].y;
      const d = Math.sqrt(ex * ex + ey * ey) || 0.01;
      const f = d / k * l.w;
      dx[l.a] -= ex * f; dy[l.a] -= ey * f; dx[l.b] += ex * f; dy[l.b] += ey * f;
    }
    for (let i = 0; i < n; i++) {
      const p = nodes[i];
      dx[i] += (W / 2 - p.x) * 1.2; dy[i] += (H / 2 - p.y) * 1.2;
      const d = Math.sqrt(dx[i] * dx[i] + dy[i] * dy[i]) || 1;
      const m = Math.min(d, temp) / d;
      p.x += dx[i] * m;
      p.y += dy[i] * m;
    }
  }
  /* fit the drawing to the box, room left for labels on the right */
  const xs = nodes.map(d => d.x), ys = nodes.map(d => d.y);
  const x0 = Math.min(...xs), x1 = Math.max(...xs), y0 = Math.min(...ys), y1 = Math.max(...ys);
  const room = W < 700 ? 90 : 150; /* for the labels on the right */
  const sx = (W - 30 - room) / Math.max(1, x1 - x0), sy = (H - 60) / Math.max(1, y1 - y0);
  for (const d of nodes) {
    d.x = 30 + (d.x - x0) * sx;
    d.y = 30 + (d.y - y0) * sy;
  }
}

views.network = async (arg, params) => {
  const limit = Number(params.get('limit')) || 60;
  const data = await api('network', {limit});
  /* the drawing in the window's proportions: wide on a desktop, tall on a phone */
  const cw = document.getElementById('main').clientWidth || 1000;
  const W = Math.max(340, Math.min(1200, cw - 20)), H = W < 700 ? Math.round(W * 1.3) : 640;
  const nodes = data.nodes.map(d => Object.assign({}, d));
  const edges = data.edges.slice(0, 600);
  forceLayout(nodes, edges, W, H);
  const maxEv = Math.max(1, ...nodes.map(d => d.events));
  const maxW = Math.max(1, ...edges.map(e => e.weight));
  const at = new Map(nodes.map(d => [d.id, d]));
  const svg = s('svg', {viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': 'Network of places and people'});
  for (const e of edges) {
    const a = at.get(e.source), b = at.get(e.target);
    if (!a || !b) continue;
    svg.appendChild(s('line', {x1: a.x.toFixed(1), y1: a.y.toFixed(1), x2: b.x.toFixed(1), y2: b.y.toFixed(1),
      'stroke-width': (0.6 + 5 * Math.sqrt(e.weight / maxW)).toFixed(2)},
      s('title', {}, `${a.label} – ${b.label}: ${e.weight} shared event${e.weight === 1 ? '' : 's'}`)));
  }
  const labelled = new Set(nodes.slice().sort((p, q) => q.events - p.events).slice(0, W < 700 ? 15 : 30).map(d => d.id));
  for (const d of nodes) {
    const r = 4 + 18 * Math.sqrt(d.events / maxEv);
    const href = d.kind === 'person' ? '#/person/' + enc(d.ref) : '#/place/' + enc(d.ref);
    const g = s('g', {class: 'node', tabindex: 0, role: 'link', 'data-node': d.id, 'aria-label': `${d.label}: ${d.events} events`},
      s('circle', {class: d.kind, cx: d.x.toFixed(1), cy: d.y.toFixed(1), r: r.toFixed(1)}),
      s('title', {}, `${d.label} (${d.kind === 'person' ? 'person' : 'place'}): ${d.events} event${d.events === 1 ? '' : 's'}`),
      labelled.has(d.id) ? s('text', {x: (d.x + r + 3).toFixed(1), y: (d.y + 4).toFixed(1)}, d.label) : null);
    g.addEventListener('click', () => { location.hash = href; });
    g.addEventListener('keydown', ev => { if (ev.key === 'Enter') location.hash = href; });
    svg.appendChild(g);
  }
  const sizes = h('select', {name: 'limit'}, [30, 60, 100, 200].map(v => h('option', {value: v, selected: v === limit}, v + ' nodes')));
  sizes.addEventListener('change', () => go('network', {limit: sizes.value}));
  return h('div', {},
    h('h1', {}, 'Network of places and people'),
    h('div', {class: 'toolbar'},
      h('span', {class: 'legend'}, h('span', {}, h('span', {class: 'dot place', 'aria-hidden': 'true'}), 'place'),
        h('span', {}, h('span', {class: 'dot person', 'aria-hidden': 'true'}), 'person')),
      h('span', {class: 'note'}, 'Nodes sized by events, lines by shared events. Click a node to open its page.'),
      sizes,
      h('span', {class: 'downloads'}, 'Download:',
        h('a', {href: '/api/network' + query({limit, format: 'csv', part: 'nodes'}), download: 'network-nodes.csv'}, 'nodes CSV'),
        h('a', {href: '/api/network' + query({limit, format: 'csv'}), download: 'network-edges.csv'}, 'edges CSV'),
        h('a', {href: '/api/network' + query({limit}), download: 'network.json'}, 'JSON'))),
    nodes.length ? h('div', {class: 'chart network'}, svg) : h('p', {class: 'note'}, 'No events yet.'));
};

/* ---- an event ---- */

views.event = async id => {
  const e = await api('events/' + enc(id));
  const sources = h('section', {});
  const out = h('div', {},
    h('h1', {}, typeBadge(e.type), ' ', e.date || 'undated', e.place ? [' · ', e.place] : null),
    h('dl', {class: 'facts'},
      h('dt', {}, 'date'), h('dd', {}, e.date || '–'),
      h('dt', {}, 'type'), h('dd', {}, TYPE_LABEL[e.type] || e.type),
      h('dt', {}, 'place'), h('dd', {}, placeLink(e.place)),
      h('dt', {}, 'participants'), h('dd', {}, e.participants.length ? joinNodes(e.participants.map(p =>
        [personLink(p), p.country ? [' ', h('span', {class: 'badge'}, p.country)] : null]), ', ') : '–'),
      h('dt', {}, 'parties'), h('dd', {}, e.parties.length ? joinNodes(e.parties.map(p => placeLink(p.id)), ', ') : '–'),
      h('dt', {}, 'reported by'), h('dd', {}, `${e.n_documents} document${e.n_documents === 1 ? '' : 's'}, ${e.n_sources} mention${e.n_sources === 1 ? '' : 's'}`)),
    h('h2', {}, 'Sources'),
    h('p', {class: 'note'}, 'Each document in its language, the evidence sentence highlighted.'),
    sources,
    h('p', {class: 'downloads'}, 'Download:', h('a', {href: '/api/events/' + enc(e.id), download: 'event.json'}, 'JSON')));
  for (const src of e.sources) {
    const box = h('article', {class: 'source', 'data-doc': src.doc});
    box.appendChild(h('h3', {}, h('a', {href: '#/doc/' + enc(src.doc)}, src.doc), langBadge(src.lang),
      src.published ? h('span', {class: 'note'}, src.published) : null,
      src.duplicate_of ? h('span', {class: 'note'}, 'near-duplicate of ' + src.duplicate_of) : null,
      src.url && /^https?:\/\//i.test(src.url) ? h('a', {href: src.url, rel: 'noopener noreferrer nofollow', target: '_blank'}, 'original') : null));
    sources.appendChild(box);
    try {
      const d = await api('documents/' + enc(src.doc));
      box.appendChild(markedText(d.text, [{chars: src.chars, cls: 'evidence', title: 'evidence of this event'}], d.lang));
    } catch (err) {
      box.appendChild(h('blockquote', {lang: src.lang || null}, src.evidence));
      box.appendChild(errorBox(err));
    }
  }
  return out;
};

/* ---- a document ---- */

views.doc = async id => {
  const d = await api('documents/' + enc(id));
  const spans = d.facts.map(f => ({chars: f.chars, cls: f.kind === 'person' ? 'person' : 'evidence',
    title: f.kind === 'event' ? `${f.type} ${f.date || ''}` : `${f.name}${f.role ? ', ' + f.role : ''}`}));
  const events = d.facts.filter(f => f.kind === 'event');
  const people = d.facts.filter(f => f.kind === 'person');
  return h('div', {},
    h('h1', {}, d.id, ' ', langBadge(d.lang)),
    h('dl', {class: 'facts'},
      h('dt', {}, 'published'), h('dd', {}, d.published || '–'),
      d.url ? [h('dt', {}, 'address'), h('dd', {}, /^https?:\/\//i.test(d.url) ? h('a', {href: d.url, rel: 'noopener noreferrer nofollow', target: '_blank'}, d.url) : d.url)] : null,
      d.duplicate_of ? [h('dt', {}, 'near-duplicate of'), h('dd', {}, h('a', {href: '#/doc/' + enc(d.duplicate_of)}, d.duplicate_of))] : null,
      h('dt', {}, 'fields'), h('dd', {}, d.fields.length ? d.fields.join(', ') : '–')),
    h('p', {class: 'note'}, 'Yellow: the sentence of an event; blue: where a person is first named.'),
    markedText(d.text, spans, d.lang),
    h('div', {class: 'grid2'},
      h('section', {}, h('h2', {}, 'Events'), events.length ? h('ul', {class: 'plain'}, events.map(f =>
        h('li', {}, typeBadge(f.type), ' ', f.date || 'undated', ' ', f.event ? h('a', {href: '#/event/' + enc(f.event)}, 'the event') : null))) : h('p', {class: 'note'}, 'None.')),
      h('section', {}, h('h2', {}, 'People'), people.length ? h('ul', {class: 'plain'}, people.map(f =>
        h('li', {}, f.person ? h('a', {href: '#/person/' + enc(f.person)}, f.name) : f.name, f.role ? ', ' + f.role : '', f.org ? ', ' + f.org : ''))) : h('p', {class: 'note'}, 'None.'))),
    d.figures.length ? [h('h2', {}, 'Figures'), h('ul', {class: 'plain'}, d.figures.map(g =>
      h('li', {}, `${g.metric} ${g.period || ''}: ${fmtNum(g.value)} ${g.unit}` + (g.change_pct !== null ? ` (${g.change_pct > 0 ? '+' : ''}${g.change_pct}%)` : '') + (g.parties.length ? ' — ' + g.parties.join(', ') : ''))))] : null,
    d.relations.length ? [h('h2', {}, 'Ties'), h('ul', {class: 'plain'}, d.relations.map(r =>
      h('li', {}, `${r.type.replace('_', ' ')}: ${r.a || '?'} – ${r.b || '?'}` + (r.since ? ` since ${r.since}` : ''))))] : null,
    h('p', {class: 'downloads'}, 'Download:', h('a', {href: '/api/documents/' + enc(d.id), download: 'document.json'}, 'JSON')));
};

function fmtNum(v) {
  if (v >= 1e9) return (v / 1e9).toFixed(v % 1e9 ? 2 : 0) + ' bn';
  if (v >= 1e6) return (v / 1e6).toFixed(v % 1e6 ? 2 : 0) + ' m';
  return String(v);
}

/* ---- a person ---- */

views.person = async id => {
  const p = await api('person/' + enc(id));
  if (p.id !== id) history.replaceState(null, '', '#/person/' + enc(p.id));
  return h('div', {},
    h('h1', {}, p.name, p.country ? [' ', h('span', {class: 'badge'}, p.country)] : null),
    h('h2', {}, 'Names'),
    h('ul', {class: 'inline'}, p.names.map(n => h('li', {}, h('span', {lang: n.script === 'han' ? 'zh' : null}, n.name),
      ' ', h('span', {class: 'badge', title: 'script'}, n.script),
      n.documents ? h('span', {class: 'note'}, ` ${n.documents} doc${n.documents === 1 ? '' : 's'}`) : h('span', {class: 'note'}, ' (known name)')))),
    h('h2', {}, 'Roles'),
    p.roles.length ? h('div', {class: 'scroll'}, h('table', {},
      h('thead', {}, h('tr', {}, ['role', 'of', 'first seen', 'last seen', 'documents'].map((c, i) => h('th', {class: i === 4 ? 'num' : null}, c)))),
      h('tbody', {}, p.roles.map(r => h('tr', {}, h('td', {}, r.role), h('td', {}, r.org ? placeLink(r.org) : '–'),
        h('td', {class: 'date'}, r.first_seen || '–'), h('td', {class: 'date'}, r.last_seen || '–'), h('td', {class: 'num'}, r.documents))))))
      : h('p', {class: 'note'}, 'No role seen.'),
    h('h2', {}, `Events (${p.n_events})`),
    p.events.length ? h('div', {class: 'scroll'}, h('table', {},
      h('thead', {}, h('tr', {}, ['date', 'type', 'place', 'with', 'parties'].map(c => h('th', {}, c)))),
      h('tbody', {}, p.events.map(e => {
        const tr = h('tr', {class: 'link'}, h('td', {class: 'date'}, h('a', {href: '#/event/' + enc(e.id)}, e.date || 'undated')),
          h('td', {}, typeBadge(e.type)), h('td', {}, placeLink(e.place)),
          h('td', {}, joinNodes(e.with.map(personLink), ', ')), h('td', {}, joinNodes(e.parties.map(placeLink), ', ')));
        tr.addEventListener('click', ev => { if (!ev.target.closest('a')) location.hash = '#/event/' + enc(e.id); });
        return tr;
      })))) : h('p', {class: 'note'}, 'No events.'),
    h('h2', {}, 'Met with'),
    p.co_participants.length ? h('ul', {class: 'inline'}, p.co_participants.map(c => h('li', {}, personLink(c), h('span', {class: 'note'}, ` ×${c.events}`))))
      : h('p', {class: 'note'}, 'Nobody.'),
    h('h2', {}, 'Sources'),
    h('ul', {class: 'plain'}, p.sources.map(x => h('li', {}, h('a', {href: '#/doc/' + enc(x.doc)}, x.doc), ' ', langBadge(x.lang), ' ',
      x.evidence ? h('q', {lang: x.lang || null}, x.evidence) : null))),
    h('p', {class: 'downloads'}, 'Download:', h('a', {href: '/api/person/' + enc(p.id), download: p.id + '.json'}, 'JSON'),
      h('a', {href: '/api/events' + query({person: p.id, format: 'csv'}), download: p.id + '-events.csv'}, 'events CSV')));
};

/* ---- a place ---- */

function figureChart(figs) {
  /* one series per metric and unit; per year the largest value stated */
  const series = new Map();
  for (const f of figs) {
    if (!f.year) continue;
    const key = f.metric + ' (' + f.unit + ')';
    const m = series.get(key) || new Map();
    m.set(f.year, Math.max(m.get(f.year) || 0, f.value));
    series.set(key, m);
  }
  if (!series.size) return null;
  const keys = [...series.keys()].sort((a, b) => (b.startsWith('trade') - a.startsWith('trade')) || series.get(b).size - series.get(a).size);
  const box = h('div', {class: 'chart bars'});
  const pick = h('select', {'aria-label': 'Figure'}, keys.map(k => h('option', {value: k}, k)));
  const draw = () => {
    const m = series.get(pick.value);
    const years = [...m.keys()].sort((a, b) => a - b);
    const max = Math.max(...m.values());
    const W = Math.max(320, 60 + years.length * 48), H = 190, top = 16, bottom = 26, left = 8;
    const svg = s('svg', {width: W, height: H, viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': pick.value + ' by year'});
    years.forEach((yr, i) => {
      const v = m.get(yr), bh = (H - top - bottom) * v / max, x = left + i * 48;
      svg.appendChild(s('rect', {x: x + 6, y: H - bottom - bh, width: 34, height: Math.max(1, bh)}, s('title', {}, `${yr}: ${fmtNum(v)}`)));
      svg.appendChild(s('text', {x: x + 23, y: H - bottom - bh - 4, 'text-anchor': 'middle'}, fmtNum(v)));
      svg.appendChild(s('text', {x: x + 23, y: H - 8, 'text-anchor': 'middle'}, String(yr)));
    });
    box.replaceChildren(svg);
  };
  pick.addEventListener('change', draw);
  draw();
  return h('div', {}, h('div', {class: 'toolbar'}, pick, h('span', {class: 'note'}, 'the largest value stated for each year')), box);
}

/* What a place asked, promised, was invited to and agreed, by year: its commitments
 * as the speaking side and as the addressed one, from /api/commitments. */
function commitmentsByYear(said, heard) {
  const rows = [...said.map(c => ({c, dir: 'by'})), ...heard.map(c => ({c, dir: 'to'}))];
  if (!rows.length) return h('p', {class: 'note'}, 'No commitments stated.');
  const what = ({c, dir}) => dir === 'by'
    ? {proposal: 'asked', pledge: 'promised', invitation: 'invited', agreement: 'agreed'}[c.type]
    : {proposal: 'was asked', pledge: 'was promised', invitation: 'was invited', agreement: 'agreed'}[c.type];
  const years = new Map();
  for (const r of rows) {
    const y = r.c.date ? r.c.date.slice(0, 4) : 'undated';
    if (!years.has(y)) years.set(y, []);
    years.get(y).push(r);
  }
  const order = [...years.keys()].sort((a, b) => a === 'undated' ? 1 : b === 'undated' ? -1 : b.localeCompare(a));
  return h('div', {class: 'commitments'}, order.map(y => h('section', {},
    h('h3', {}, y),
    h('ul', {class: 'plain'}, years.get(y).map(r => h('li', {},
      h('span', {class: 'badge'}, what(r)), ' ',
      r.dir === 'by' ? ['to ', placeLink(r.c.to_party)] : ['by ', placeLink(r.c.by_party)],
      r.c.by ? [' (', personLink(r.c.by), ')'] : null,
      r.c.fields.length ? h('span', {class: 'note'}, ' — ' + r.c.fields.join(', ').replace(/_/g, ' ')) : null,
      r.c.accepted === true ? h('span', {class: 'note'}, ' — accepted') : null,
      r.c.followed_up.length ? h('span', {class: 'note'}, ` — followed up ${r.c.followed_up[0].date || ''}`) : null,
      ' ', h('a', {class: 'note', href: '#/doc/' + enc(r.c.document), title: r.c.evidence}, 'source')))))));
}

views.place = async id => {
  const p = await api('place/' + enc(id));
  const [said, heard] = await Promise.all([api('commitments', {by: p.id, limit: 1000}),
    api('commitments', {to: p.id, limit: 1000})]);
  if (p.id !== id) history.replaceState(null, '', '#/place/' + enc(p.id));
  return h('div', {},
    h('h1', {}, p.name, p.cc ? [' ', h('span', {class: 'badge'}, p.cc)] : null),
    h('dl', {class: 'facts'},
      h('dt', {}, 'level'), h('dd', {}, p.level || '–'),
      h('dt', {}, 'part of'), h('dd', {}, p.parent ? placeLink(p.parent) : '–'),
      h('dt', {}, 'events'), h('dd', {}, h('a', {href: '#/' + query({a: p.id})}, `${p.events}`),
        p.first_event ? ` (${p.first_event} – ${p.last_event})` : '')),
    h('h2', {}, 'Ties'),
    p.ties.length ? h('div', {class: 'scroll'}, h('table', {},
      h('thead', {}, h('tr', {}, ['tie', 'with', 'since', 'documents'].map((c, i) => h('th', {class: i === 3 ? 'num' : null}, c)))),
      h('tbody', {}, p.ties.map(t => h('tr', {}, h('td', {}, t.type.replace('_', ' ')),
        h('td', {}, placeLink(t.other)), h('td', {}, t.since || '–'),
        h('td', {class: 'num'}, h('a', {href: '#/doc/' + enc(t.documents[0])}, String(t.documents.length)))))))) : h('p', {class: 'note'}, 'No ties stated.'),
    h('div', {class: 'grid2'},
      h('section', {}, h('h2', {}, 'Partners'),
        p.partners.length ? h('ul', {class: 'plain'}, p.partners.slice(0, 25).map(q => h('li', {},
          placeLink(q.id), ' ', h('a', {class: 'note', href: '#/' + query({a: p.id, b: q.id})}, `${q.events} event${q.events === 1 ? '' : 's'}`))))
          : h('p', {class: 'note'}, 'None.')),
      h('section', {}, h('h2', {}, 'People'),
        p.people.length ? h('ul', {class: 'plain'}, p.people.slice(0, 25).map(q => h('li', {},
          personLink(q), q.country ? [' ', h('span', {class: 'badge'}, q.country)] : null, h('span', {class: 'note'}, ` ×${q.events}`))))
          : h('p', {class: 'note'}, 'None.'))),
    h('h2', {}, 'Commitments'),
    commitmentsByYear(said.items, heard.items),
    h('h2', {}, 'Figures'),
    p.figures.length ? [figureChart(p.figures), h('div', {class: 'scroll'}, h('table', {},
      h('thead', {}, h('tr', {}, ['metric', 'period', 'value', 'unit', 'change', 'parties'].map((c, i) => h('th', {class: i === 2 || i === 4 ? 'num' : null}, c)))),
      h('tbody', {}, p.figures.slice(0, 200).map(g => h('tr', {}, h('td', {}, g.metric), h('td', {}, g.period || '–'),
        h('td', {class: 'num'}, fmtNum(g.value)), h('td', {}, g.unit),
        h('td', {class: 'num'}, g.change_pct === null ? '–' : `${g.change_pct > 0 ? '+' : ''}${g.change_pct}%`),
        h('td', {}, joinNodes(g.parties.map(placeLink), ', ')))))))] : h('p', {class: 'note'}, 'No figures stated.'),
    h('p', {class: 'downloads'}, 'Download:', h('a', {href: '/api/place/' + enc(p.id), download: p.id + '.json'}, 'JSON'),
      h('a', {href: '/api/figures' + query({party: p.id, format: 'csv'}), download: p.id + '-figures.csv'}, 'figures CSV'),
      h('a', {href: '/api/ties' + query({party: p.id, format: 'csv'}), download: p.id + '-ties.csv'}, 'ties CSV'),
      h('a', {href: '/api/commitments' + query({by: p.id, format: 'csv'}), download: p.id + '-commitments.csv'}, 'commitments CSV')));
};

/* ---- lists ---- */

function listForm(fields, params, view) {
  const form = h('form', {class: 'filters'},
    fields.map(f => h('label', {}, f.label, f.options
      ? h('select', {name: f.name}, h('option', {value: ''}, 'any'), f.options.map(o => h('option', {value: o, selected: params.get(f.name) === o}, o)))
      : h('input', {type: 'text', name: f.name, value: params.get(f.name) || '', placeholder: f.placeholder || ''}))),
    h('button', {type: 'submit'}, 'Show'));
  form.addEventListener('submit', ev => {
    ev.preventDefault();
    const d = new FormData(form), p = {};
    for (const f of fields) p[f.name] = (d.get(f.name) || '').trim();
    go(view, p);
  });
  return form;
}

views.people = async (arg, params) => {
  const p = {country: params.get('country'), role: params.get('role'), name: params.get('name'), limit: 100};
  return h('div', {}, h('h1', {}, 'People'),
    listForm([{name: 'name', label: 'Name', placeholder: 'any script, no accents needed'},
      {name: 'country', label: 'Country', options: ['CN', 'VN']},
      {name: 'role', label: 'Role', placeholder: 'mayor, ambassador…'}], params, 'people'),
    pagedTable('people', p, [
      {label: 'name', cell: x => personLink(x)},
      {label: 'country', cell: x => x.country || '–'},
      {label: 'roles', cell: x => x.roles.map(r => r.role + (r.org ? ', ' + r.org : '') + (r.first_seen ? ` (${r.first_seen})` : '')).join('; ') || '–'},
      {label: 'events', num: true, cell: x => x.events},
      {label: 'documents', num: true, narrow: false, cell: x => x.documents}], x => '#/person/' + enc(x.id), 'people'));
};

views.places = async (arg, params) => {
  const p = {level: params.get('level'), cc: params.get('cc'), limit: 200};
  return h('div', {}, h('h1', {}, 'Places'),
    listForm([{name: 'level', label: 'Level', options: ['country', 'province', 'city', 'district']},
      {name: 'cc', label: 'Country', options: ['CN', 'VN']}], params, 'places'),
    pagedTable('places', p, [
      {label: 'place', cell: x => placeLink(x.id)},
      {label: 'level', cell: x => x.level || '–'},
      {label: 'part of', cell: x => x.parent || '–'},
      {label: 'country', cell: x => x.cc || '–'},
      {label: 'events', num: true, cell: x => x.events},
      {label: 'ties', num: true, cell: x => x.ties},
      {label: 'figures', num: true, cell: x => x.figures}], x => '#/place/' + enc(x.id), 'places'));
};

views.ties = async (arg, params) => {
  const p = {party: params.get('party'), type: params.get('type'), limit: 200};
  return h('div', {}, h('h1', {}, 'Ties'),
    listForm([{name: 'party', label: 'Place', placeholder: 'any name of a place'},
      {name: 'type', label: 'Tie', options: ['sister_city', 'partnership', 'consulate']}], params, 'ties'),
    pagedTable('ties', p, [
      {label: 'tie', cell: x => x.type.replace('_', ' ')},
      {label: 'between', cell: x => placeLink(x.a)},
      {label: 'and', cell: x => placeLink(x.b)},
      {label: 'since', cell: x => x.since || '–'},
      {label: 'documents', num: true, cell: x => h('a', {href: '#/doc/' + enc(x.documents[0])}, String(x.documents.length))}], null, 'ties'));
};

views.figures = async (arg, params) => {
  const p = {party: params.get('party'), metric: params.get('metric'), limit: 200};
  return h('div', {}, h('h1', {}, 'Figures'),
    listForm([{name: 'party', label: 'Place', placeholder: 'any name of a place'},
      {name: 'metric', label: 'Metric', options: ['trade', 'export', 'import', 'investment', 'gdp', 'visitors', 'other']}], params, 'figures'),
    pagedTable('figures', p, [
      {label: 'metric', cell: x => x.metric},
      {label: 'period', cell: x => x.period || '–'},
      {label: 'value', num: true, cell: x => fmtNum(x.value)},
      {label: 'unit', cell: x => x.unit},
      {label: 'change', num: true, cell: x => x.change_pct === null ? '–' : `${x.change_pct > 0 ? '+' : ''}${x.change_pct}%`},
      {label: 'parties', cell: x => joinNodes(x.parties.map(placeLink), ', ')},
      {label: 'documents', num: true, cell: x => h('a', {href: '#/doc/' + enc(x.documents[0])}, String(x.documents.length))}], null, 'figures'));
};

/* ---- search ---- */

views.search = async (arg, params) => {
  const q = params.get('q') || '';
  const lang = params.get('lang') || '';
  const input = h('input', {type: 'search', name: 'q', value: q, placeholder: '上海, Thuong Hai, "Ha Long"…', 'aria-label': 'Words to find'});
  const form = h('form', {class: 'filters', role: 'search'},
    h('label', {}, 'Find', input),
    h('label', {}, 'Language', h('select', {name: 'lang'}, h('option', {value: ''}, 'any'),
      ['en', 'zh', 'vi'].map(l => h('option', {value: l, selected: l === lang}, LANG_LABEL[l])))),
    h('button', {type: 'submit'}, 'Search'));
  form.addEventListener('submit', ev => {
    ev.preventDefault();
    const d = new FormData(form);
    go('search', {q: d.get('q').trim(), lang: d.get('lang')});
  });
  const out = h('div', {}, h('h1', {}, 'Search the documents'), form,
    h('p', {class: 'note'}, 'Every word must occur; "quoted words" as a phrase. Case and accents do not matter (Thuong Hai finds Thượng Hải); Chinese is found character by character.'));
  if (!q) return out;
  const results = h('ol', {class: 'results'});
  const more = h('button', {type: 'button', class: 'plain'}, 'More');
  const count = h('span', {class: 'note'});
  const p = {q, lang: lang || null, limit: 20};
  out.append(h('div', {class: 'toolbar'}, count, downloads('search', p, 'search')), results, h('p', {}, more));
  let cursor = null, n = 0;
  const page = async () => {
    const r = await api('search', Object.assign({}, p, {cursor}));
    for (const it of r.items) {
      results.appendChild(h('li', {class: 'result'},
        h('a', {href: '#/doc/' + enc(it.doc)}, it.doc), ' ', langBadge(it.lang), ' ', h('span', {class: 'note'}, it.published || ''),
        it.snippet ? h('p', {class: 'snippet', lang: it.lang || null}, it.snippet.before, h('mark', {}, it.snippet.match), it.snippet.after) : null));
    }
    n += r.items.length;
    cursor = r.next;
    count.textContent = n ? `${n}${cursor ? '+' : ''} document${n === 1 ? '' : 's'}` : 'No document matches.';
    more.hidden = !cursor;
  };
  more.addEventListener('click', () => page().catch(e => out.appendChild(errorBox(e))));
  await page();
  return out;
};

/* ---- start ---- */

async function showStats() {
  try {
    const st = await api('stats');
    const langs = Object.entries(st.languages).map(([l, n]) => `${n} ${l}`).join(', ');
    document.getElementById('stats').textContent =
      `${st.documents} documents (${langs}), ${st.events} events, ${st.people} people, ${st.places} places · liaison ${st.version}`;
  } catch (e) {
    document.getElementById('stats').textContent = 'The knowledge base cannot be read: ' + e.message;
  }
}

document.getElementById('quick-search').addEventListener('submit', ev => {
  ev.preventDefault();
  const q = new FormData(ev.target).get('q').trim();
  if (q) go('search', {q});
});
window.addEventListener('hashchange', route);
route();
showStats();
