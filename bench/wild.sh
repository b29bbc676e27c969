#!/usr/bin/env bash
# bench/wild.sh — coverage of extraction on the wild corpus (real articles, no gold).
#
#   bench/wild.sh [BINARY] [CORPUS]          figures per language
#   SAMPLE=30 SEED=7 bench/wild.sh           also writes SAMPLE random records beside
#                                            their texts to bench/out/wild-sample.md,
#                                            for reading by hand
#
# BINARY defaults to build/liaison, CORPUS to ../shared/corpus/wild.  Prints, per language:
# documents, with a publication date, events, events with a date (day / month / year),
# persons, persons with a role, persons whose name was read from another script or reading
# (the name is none of its mentions: 龚正 -> Gong Zheng, Tôn Dật -> Sun Yi), persons with no
# title, figures, relations, and documents with no event and no person.  Also lists what
# looks absurd: years before 1950 or over five years after publication, figures of zero or
# over 10^13, and crashes (a non-zero exit, an empty output line).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bin=${1:-$root/build/liaison}
corpus=${2:-$root/../shared/corpus/wild}
out=$root/bench/out
mkdir -p "$out"
status=0
"$bin" extract --json -q --jobs 2 "$corpus" > "$out/wild.jsonl" 2> "$out/wild.err" || status=$?
python3 - "$out/wild.jsonl" "$corpus" "$status" "${SAMPLE:-0}" "${SEED:-1}" "$out/wild-sample.md" <<'PY'
import json, os, random, sys, unicodedata
path, corpus, status, sample, seed, sample_out = sys.argv[1:7]
def fold(s):
    s = unicodedata.normalize('NFD', s.lower().replace('đ', 'd'))
    return ''.join(c for c in s if not unicodedata.combining(c) and c.isalnum())
recs = [json.loads(l) for l in open(path, encoding='utf-8') if l.strip()]
cols = ['docs', 'published', 'events', 'ev_day', 'ev_month', 'ev_year', 'ev_none', 'persons',
        'with_role', 'other_script', 'no_title', 'figures', 'relations', 'empty']
by = {}
absurd = []
for r in recs:
    s = by.setdefault(r.get('lang') or '?', dict.fromkeys(cols, 0))
    s['docs'] += 1
    pub = r.get('published')
    s['published'] += bool(pub)
    for e in r.get('events', []):
        s['events'] += 1
        d = e.get('date') or ''
        s['ev_day' if len(d) == 10 else 'ev_month' if len(d) == 7 else 'ev_year' if len(d) == 4 else 'ev_none'] += 1
        if d and (int(d[:4]) < 1950 or (pub and int(d[:4]) > int(pub[:4]) + 5)):
            absurd.append(f"{r['doc']}: event year {d}")
    for p in r.get('persons', []):
        s['persons'] += 1
        s['with_role'] += bool(p.get('role'))
        s['no_title'] += not p.get('role')
        if all(fold(m) != fold(p['name']) and fold(p['name']) not in fold(m) for m in p.get('mentions', [])):
            s['other_script'] += 1
    for f in r.get('figures', []):
        s['figures'] += 1
        v = f.get('value') or 0
        if v <= 0 or v > 1e13:
            absurd.append(f"{r['doc']}: figure {f.get('metric')} {v} {f.get('unit')}")
        per = f.get('period') or ''
        if per[:4].isdigit() and (int(per[:4]) < 1950 or (pub and int(per[:4]) > int(pub[:4]) + 10)):
            absurd.append(f"{r['doc']}: figure period {per}")
    s['relations'] += len(r.get('relations', []))
    s['empty'] += not r.get('events') and not r.get('persons')
tot = dict.fromkeys(cols, 0)
print('lang ' + ' '.join(f'{c:>12}' for c in cols))
for lang in sorted(by):
    print(f'{lang:<4} ' + ' '.join(f'{by[lang][c]:>12}' for c in cols))
    for c in cols:
        tot[c] += by[lang][c]
print('all  ' + ' '.join(f'{tot[c]:>12}' for c in cols))
print(f"exit status of extract: {status}; records: {len(recs)}; files: {len([f for f in os.listdir(corpus) if not f.startswith('.') and f != 'README.md'])}")
print(f'absurd values: {len(absurd)}')
for a in absurd:
    print('  ' + a)
n = int(sample)
if n:
    random.seed(int(seed))
    pick = random.sample(recs, min(n, len(recs)))
    with open(sample_out, 'w', encoding='utf-8') as o:
        for r in pick:
            src = [f for f in os.listdir(corpus) if f.startswith(r['doc'] + '.')]
            text = open(os.path.join(corpus, src[0]), encoding='utf-8', errors='replace').read() if src else ''
            o.write(f"## {r['doc']}\n\n```\n{text[:3000]}\n```\n\n```json\n{json.dumps(r, ensure_ascii=False, indent=1)}\n```\n\n")
    print(f'{len(pick)} records with their texts: {sample_out}')
PY
