/*
 * kb.c — the knowledge-base commands: `ingest` stores the records of
 * documents and resolves them; `events`, `people`, `person`, `timeline`,
 * `ties`, `figures`, `search` ask; `export` writes it all out.  Uses only
 * the public header.
 *
 * Exit codes: 0 done (finding nothing is not a failure, except for `person`);
 * 1 `ingest`: some input was bad (the rest was stored), `person`: no one or
 * several people of that name (these listed); 2 usage error (also an unknown place, event type, role,
 * metric or a malformed date); 3 the knowledge base failed (the message
 * names the file), or out of memory.
 */
#define _DEFAULT_SOURCE
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cli.h"
#include "kb.h"

#define DEFAULT_DB "liaison.db"
#define MAX_PARTIES 16

/* ---- usage ---- */

static const char *const common_opts =
	"  --db PATH      the knowledge base: a file, or a PostgreSQL database as a\n"
	"                 postgresql:// URI (default $LIAISON_DB, else ./" DEFAULT_DB ")\n"
	"  --format F     table (aligned, for a terminal; the default), json (one\n"
	"                 object per line) or csv (RFC 4180, a header line)\n"
	"  --sources      add the documents and evidence sentences of each row\n"
	"  --limit N      at most N rows\n"
	"  --width N      table: widest column, in characters (default 40)\n";

static const char *const exit_status =
	"exit status: 0 done (also when nothing is found), 2 usage error, 3 the\n"
	"knowledge base failed.\n";

static const char *const person_exit_status =
	"exit status: 0 one person shown, 1 no one has that name or several have\n"
	"it (listed), 2 usage error, 3 the knowledge base failed.\n";

struct usage {
	const char *cmd, *synopsis, *text;
};

static const struct usage usages[] = {
	{"ingest", "liaison ingest [--db PATH] [--quiet] [--records] [--force] [--batch N] [--jobs N]\n"
		   "                      [--format F] [--map M] [--published DATE] [--feed URL]...\n"
		   "                      [FILE|DIR|-]...",
	 "Extracts the record of each document (as `extract` does) and stores it in\n"
	 "the knowledge base (created if needed; SQLite, WAL), then resolves people,\n"
	 "events and near-duplicate documents across all stored documents. Inputs are\n"
	 "read as by `extract`: text, HTML pages, JSON Lines, WARC archives (.warc,\n"
	 ".warc.gz), RSS/Atom feeds; folders are searched recursively for those (for\n"
	 "*.json and *.jsonl with --records). A page's, record's or item's URL is\n"
	 "stored with it (for FILE.txt: the first line of FILE.url beside it).\n"
	 "A document whose id and content are already stored is skipped; one whose\n"
	 "content changed is replaced. Documents are stored in input order in\n"
	 "transactions of --batch documents (default 200): a killed ingest loses at\n"
	 "most the open batch, and running it again completes it.\n"
	 "\n"
	 "  --db PATH    the knowledge base: a file, or a PostgreSQL database as a\n"
	 "               postgresql:// URI (default $LIAISON_DB, else ./" DEFAULT_DB ")\n"
	 "  --feed URL   fetch an RSS or Atom feed (http or https; 30 s, 32 MiB and 5\n"
	 "               redirects at most) and ingest its items; repeatable, read\n"
	 "               after the files\n"
	 "  --format F   auto (the default), text, html, jsonl, warc or feed\n"
	 "  --map M      JSON Lines field names: text=content,id=guid,...\n"
	 "  --published YYYY-MM-DD  the date of documents whose input gives none\n"
	 "  --jobs N     extract N documents in parallel (default: the number of\n"
	 "               CPUs); the knowledge base is the same for every N\n"
	 "  --records    the files hold records (JSON or JSON Lines, as extract --json\n"
	 "               writes them; an optional \"text\" key is the document's text)\n"
	 "  --force      extract and store again documents whose content is unchanged\n"
	 "  --batch N    documents per transaction\n"
	 "  -q, --quiet  no report, no warnings and no progress line, only errors\n"
	 "\n"
	 "The report on standard error: documents new, unchanged, replaced, failed;\n"
	 "person mentions and distinct people; event mentions and distinct events;\n"
	 "near-duplicate documents. While it runs, when standard error is a terminal,\n"
	 "a progress line shows documents, MB, MB/s and the time left.\n"
	 "exit status: 0 all stored, 1 some input was bad (the rest was stored),\n"
	 "2 usage error, 3 the knowledge base failed.\n"},
	{"events", "liaison events [OPTIONS] [--party P]... [--person NAME] [--type T] [--since DATE] "
		   "[--until DATE]",
	 "The events of the knowledge base, each once however many documents report\n"
	 "it, by date: id, date, type, place, participants, parties, number of sources.\n"
	 "\n"
	 "  --party P      P takes part (any name of the place, in any script:\n"
	 "                 Shanghai, Thuong Hai, HCMC); repeat it: all must take part\n"
	 "  --person NAME  NAME takes part (any spelling or script)\n"
	 "  --type T       meeting, virtual_meeting, signing, attend or visit\n"
	 "  --since DATE, --until DATE   YYYY, YYYY-MM or YYYY-MM-DD, inclusive\n"},
	{"people", "liaison people [OPTIONS] [--country CC] [--role ROLE] [--name TEXT]",
	 "The people of the knowledge base: id, name, country, roles with the dates\n"
	 "they were seen, number of events and documents.\n"
	 "\n"
	 "  --country CC   ISO 3166-1 code of their side (CN, VN, ...)\n"
	 "  --role ROLE    a role they held (mayor, party secretary, ambassador, ...)\n"
	 "  --name TEXT    part of any of their names (diacritics and case ignored)\n"},
	{"person", "liaison person [OPTIONS] NAME",
	 "One person, found by any name in any script (Chen Jining, chen jining,\n"
	 "Tran Cat Ninh, the name in Chinese characters) or by id (chen-jining):\n"
	 "names in every script seen, roles with dates, events in order,\n"
	 "co-participants. When the name names several people (a surname shared),\n"
	 "they are listed with their ids and roles, to ask again by id.\n"},
	{"timeline", "liaison timeline [OPTIONS] --between P --and Q",
	 "The events in which both places take part, by date.\n"},
	{"ties", "liaison ties [OPTIONS] [--party P]...",
	 "Standing ties: sister cities, consulates, partnerships, with the earliest\n"
	 "year given and the documents that state them.\n"
	 "\n"
	 "  --party P      one end of the tie is P\n"},
	{"figures", "liaison figures [OPTIONS] [--metric M] [--party P]...",
	 "Figures stated (trade, investment, visitors, ...): metric, period, value,\n"
	 "unit, change, parties, documents.\n"
	 "\n"
	 "  --metric M     trade, export, import, investment, gdp, visitors, other\n"
	 "  --party P      P is a party of the figure (repeat: all)\n"},
	{"commitments", "liaison commitments [OPTIONS] [--by P] [--to P] [--type T] [--field F] [--since DATE] "
			"[--until DATE] [--open]",
	 "What each side proposed, pledged, invited the other to, and what both agreed,\n"
	 "by date (the date of the meeting where it was said, else of the report): type,\n"
	 "who said it, the speaking and the addressed side, the fields, whether an\n"
	 "invitation was accepted, the later events or figures that followed it up (a\n"
	 "visit after an invitation, a signing or a figure after a pledge: a lead, not\n"
	 "a claim of cause; data/followups.tsv sets the windows), and the document.\n"
	 "\n"
	 "  --by P         the speaking side is P or lies within it (any name of a\n"
	 "                 place: Vietnam finds what Lao Cai said too)\n"
	 "  --to P         the addressed side is P or lies within it\n"
	 "  --type T       proposal, pledge, invitation or agreement\n"
	 "  --field F      a field it concerns: trade, investment, tourism, ...\n"
	 "  --since DATE, --until DATE   YYYY, YYYY-MM or YYYY-MM-DD, inclusive\n"
	 "  --open         only invitations and pledges nothing has followed up yet\n"
	 "  --sources      add the evidence sentence\n"},
	{"search", "liaison search [OPTIONS] TEXT...",
	 "Full-text search of the documents, best match first, with a snippet (the\n"
	 "match in [brackets]). Every word must occur; \"quoted words\" as a phrase.\n"
	 "Several words are looked for together first: the documents that have them\n"
	 "as a phrase come first, then those with them apart (column found: phrase,\n"
	 "words; word for a query of one word).\n"
	 "Case and diacritics do not matter (Thuong Hai finds the Vietnamese name of\n"
	 "Shanghai with its diacritics); Chinese is found character by character.\n"
	 "The manual (man liaison) has examples in Chinese and Vietnamese.\n"},
	{"export", "liaison export --format csv|tsv|json|graphml [--db PATH] [--out DIR|FILE]",
	 "Writes the knowledge base out:\n"
	 "  csv, json   every table, one file each, into DIR (default ./liaison-export):\n"
	 "              DIR/TABLE.csv or DIR/TABLE.jsonl\n"
	 "  tsv         one row per event, GDELT-like (event_id, date, type, actor1_name,\n"
	 "              actor1_country, actor1_place, actor2_..., place, n_sources,\n"
	 "              source_ids) to FILE or standard output\n"
	 "  graphml     the network of people and places (edges: shared events) to FILE\n"
	 "              or standard output\n"},
};

static const struct usage *usage_of(const char *cmd)
{
	for (size_t i = 0; i < sizeof usages / sizeof usages[0]; i++)
		if (!strcmp(usages[i].cmd, cmd))
			return &usages[i];
	return NULL;
}

static void usage(FILE *f, const char *cmd)
{
	const struct usage *u = usage_of(cmd);
	fprintf(f, "usage: %s\n\n%s", u->synopsis, u->text);
	if (strcmp(cmd, "ingest") && strcmp(cmd, "export"))
		fprintf(f, "\n%s%s", common_opts, strcmp(cmd, "person") ? exit_status : person_exit_status);
	else if (!strcmp(cmd, "export"))
		fprintf(f, "\n  --db PATH      the knowledge base: a file, or a PostgreSQL database as a\n"
			   "                 postgresql:// URI (default $LIAISON_DB, else ./" DEFAULT_DB ")\n%s",
			exit_status);
}

static int usage_error(const char *cmd, const char *fmt, const char *arg)
{
	fprintf(stderr, "%s: error: %s: ", cli_prog, cmd);
	fprintf(stderr, fmt, arg);
	fputc('\n', stderr);
	usage(stderr, cmd);
	return 2;
}

/* ---- options ---- */

struct args {
	const char *db;
	struct lsn_query q;
	const char *parties[MAX_PARTIES];
	const char *between, *and_;
	const char *out, *export_fmt;
	int quiet, records, force, help;
	long batch;
	int jobs;                     /* ingest: 0 = the number of CPUs */
	enum lsn_input_format in_fmt; /* ingest: --format */
	const char *map, *published;  /* ingest: --map, --published */
	const char *feeds[64];
	int nfeeds;
	const char **pos;             /* the positional arguments, in argv's own slots */
	int npos;
	char joined[4096];
};

/* The value of option `name` at argv[*i] ("--name VALUE" or "--name=VALUE"),
 * or NULL when argv[*i] is not that option; *missing when it lacks a value. */
static const char *opt(int argc, char **argv, int *i, const char *name, int *missing)
{
	size_t n = strlen(name);
	const char *a = argv[*i];
	if (strncmp(a, name, n))
		return NULL;
	if (a[n] == '=')
		return a + n + 1;
	if (a[n])
		return NULL;
	if (*i + 1 >= argc) {
		*missing = 1;
		return NULL;
	}
	return argv[++*i];
}

static int parse_count(const char *s, long *out)
{
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (errno || end == s || *end || v <= 0)
		return -1;
	*out = v;
	return 0;
}

/* Parses the options of `cmd`; returns 0, or the exit status of a usage error. */
static int parse(const char *cmd, int argc, char **argv, struct args *a)
{
	int query = strcmp(cmd, "ingest") && strcmp(cmd, "export");
	memset(a, 0, sizeof *a);
	a->db = getenv("LIAISON_DB") && *getenv("LIAISON_DB") ? getenv("LIAISON_DB") : DEFAULT_DB;
	a->batch = 200;
	a->q.format = LSN_FORMAT_TABLE;
	a->q.parties = a->parties;
	a->pos = (const char **)argv;
	for (int i = 0; i < argc; i++) {
		const char *v, *arg = argv[i];
		int missing = 0;
		long n;
		if (!strcmp(arg, "-h") || !strcmp(arg, "--help")) {
			a->help = 1;
			return 0;
		}
		if ((v = opt(argc, argv, &i, "--db", &missing))) {
			a->db = v;
		} else if (query && (v = opt(argc, argv, &i, "--format", &missing))) {
			if (!strcmp(v, "table"))
				a->q.format = LSN_FORMAT_TABLE;
			else if (!strcmp(v, "json"))
				a->q.format = LSN_FORMAT_JSON;
			else if (!strcmp(v, "csv"))
				a->q.format = LSN_FORMAT_CSV;
			else
				return usage_error(cmd, "--format must be table, json or csv, not '%s'", v);
		} else if (!strcmp(cmd, "export") && (v = opt(argc, argv, &i, "--format", &missing))) {
			a->export_fmt = v;
		} else if (!strcmp(cmd, "export") && (v = opt(argc, argv, &i, "--out", &missing))) {
			a->out = v;
		} else if (query && !strcmp(arg, "--sources")) {
			a->q.sources = 1;
		} else if (query && (v = opt(argc, argv, &i, "--limit", &missing))) {
			if (parse_count(v, &n))
				return usage_error(cmd, "--limit must be a positive number, not '%s'", v);
			a->q.limit = (size_t)n;
		} else if (query && (v = opt(argc, argv, &i, "--width", &missing))) {
			if (parse_count(v, &n) || n < 4 || n > 10000)
				return usage_error(cmd, "--width must be a number from 4, not '%s'", v);
			a->q.width = (int)n;
		} else if ((!strcmp(cmd, "events") || !strcmp(cmd, "ties") || !strcmp(cmd, "figures")) &&
			   (v = opt(argc, argv, &i, "--party", &missing))) {
			if (a->q.nparties >= MAX_PARTIES)
				return usage_error(cmd, "at most 16 --party options%s", "");
			a->parties[a->q.nparties++] = v;
		} else if (!strcmp(cmd, "events") && (v = opt(argc, argv, &i, "--person", &missing))) {
			a->q.person = v;
		} else if ((!strcmp(cmd, "events") || !strcmp(cmd, "commitments")) &&
			   (v = opt(argc, argv, &i, "--type", &missing))) {
			a->q.type = v;
		} else if (!strcmp(cmd, "commitments") && (v = opt(argc, argv, &i, "--by", &missing))) {
			a->q.by = v;
		} else if (!strcmp(cmd, "commitments") && (v = opt(argc, argv, &i, "--to", &missing))) {
			a->q.to = v;
		} else if (!strcmp(cmd, "commitments") && (v = opt(argc, argv, &i, "--field", &missing))) {
			a->q.field = v;
		} else if (!strcmp(cmd, "commitments") && !strcmp(arg, "--open")) {
			a->q.open = 1;
		} else if ((!strcmp(cmd, "events") || !strcmp(cmd, "timeline") || !strcmp(cmd, "commitments")) &&
			   (v = opt(argc, argv, &i, "--since", &missing))) {
			a->q.since = v;
		} else if ((!strcmp(cmd, "events") || !strcmp(cmd, "timeline") || !strcmp(cmd, "commitments")) &&
			   (v = opt(argc, argv, &i, "--until", &missing))) {
			a->q.until = v;
		} else if (!strcmp(cmd, "people") && (v = opt(argc, argv, &i, "--country", &missing))) {
			a->q.country = v;
		} else if (!strcmp(cmd, "people") && (v = opt(argc, argv, &i, "--role", &missing))) {
			a->q.role = v;
		} else if (!strcmp(cmd, "people") && (v = opt(argc, argv, &i, "--name", &missing))) {
			a->q.name = v;
		} else if (!strcmp(cmd, "figures") && (v = opt(argc, argv, &i, "--metric", &missing))) {
			a->q.metric = v;
		} else if (!strcmp(cmd, "timeline") && (v = opt(argc, argv, &i, "--between", &missing))) {
			a->between = v;
		} else if (!strcmp(cmd, "timeline") && (v = opt(argc, argv, &i, "--and", &missing))) {
			a->and_ = v;
		} else if (!strcmp(cmd, "ingest") && (!strcmp(arg, "-q") || !strcmp(arg, "--quiet"))) {
			a->quiet = 1;
		} else if (!strcmp(cmd, "ingest") && !strcmp(arg, "--records")) {
			a->records = 1;
		} else if (!strcmp(cmd, "ingest") && !strcmp(arg, "--force")) {
			a->force = 1;
		} else if (!strcmp(cmd, "ingest") && (v = opt(argc, argv, &i, "--batch", &missing))) {
			if (parse_count(v, &n))
				return usage_error(cmd, "--batch must be a positive number, not '%s'", v);
			a->batch = n;
		} else if (!strcmp(cmd, "ingest") && ((v = opt(argc, argv, &i, "--jobs", &missing)) ||
						      (v = opt(argc, argv, &i, "-j", &missing)))) {
			if ((a->jobs = cli_parse_jobs(v)) < 0)
				return usage_error(cmd, "--jobs must be a number from 1 to 1024, not '%s'", v);
		} else if (!strcmp(cmd, "ingest") && (v = opt(argc, argv, &i, "--format", &missing))) {
			if (lsn_format_parse(v, &a->in_fmt))
				return usage_error(cmd, "--format must be auto, text, html, jsonl, warc or feed, "
						   "not '%s'", v);
		} else if (!strcmp(cmd, "ingest") && (v = opt(argc, argv, &i, "--map", &missing))) {
			if (cli_check_map(v))
				return usage_error(cmd, "bad --map '%s': want FIELD=KEY,... with FIELD one of id, "
						   "url, title, text, html, published, lang", v);
			a->map = v;
		} else if (!strcmp(cmd, "ingest") && (v = opt(argc, argv, &i, "--published", &missing))) {
			if (strlen(v) != 10 || !lsn_valid_date(v))
				return usage_error(cmd, "--published must be a day of the calendar, YYYY-MM-DD, not '%s'", v);
			a->published = v;
		} else if (!strcmp(cmd, "ingest") && (v = opt(argc, argv, &i, "--feed", &missing))) {
			if (a->nfeeds >= (int)(sizeof a->feeds / sizeof a->feeds[0]))
				return usage_error(cmd, "at most 64 --feed options%s", "");
			a->feeds[a->nfeeds++] = v;
		} else if (missing) {
			return usage_error(cmd, "option '%s' needs a value", arg);
		} else if (arg[0] == '-' && arg[1] && strcmp(cmd, "search") && strcmp(cmd, "person")) {
			return usage_error(cmd, "unknown option '%s'", arg);
		} else if (arg[0] == '-' && arg[1] == '-') {
			return usage_error(cmd, "unknown option '%s'", arg);
		} else {
			/* kept in the slots of argv already read (npos <= i): any
			 * number of files (a shell glob of thousands), nothing allocated */
			a->pos[a->npos++] = arg;
		}
		if (missing)
			return usage_error(cmd, "option '%s' needs a value", arg);
	}
	/* person and search: the words, joined */
	for (int i = 0; i < a->npos && (!strcmp(cmd, "person") || !strcmp(cmd, "search")); i++) {
		size_t l = strlen(a->joined);
		snprintf(a->joined + l, sizeof a->joined - l, "%s%s", i ? " " : "", a->pos[i]);
	}
	return 0;
}

/* ---- ingest ---- */

struct seen_ids { /* the ids of this run, to warn about two files with one id */
	char **ids, **paths;
	size_t n, cap;
};

struct ingest {
	lsn_store *st;
	lsn_tables *kb;
	struct args *a;
	size_t newd, unchanged, replaced, failed, in_batch, done;
	int bad, fatal;
	struct seen_ids seen;
	int tty;
	struct cli_pipe *pipe; /* reading through the readers (not --records) */
	struct lsn_buf holder; /* ingest_id_holder's answer */
};

static uint64_t hash_str(const char *s)
{
	uint64_t h = 1469598103934665603ull;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

/* Remembers id (read from path); returns the path that had it first in this run, or NULL. */
static const char *seen_before(struct ingest *g, const char *id, const char *path)
{
	struct seen_ids *t = &g->seen;
	if ((t->n + 1) * 2 > t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 1024;
		char **ids = calloc(cap, sizeof *ids), **paths = calloc(cap, sizeof *paths);
		if (!ids || !paths) {
			free(ids);
			free(paths);
			g->fatal = 1;
			return NULL;
		}
		for (size_t i = 0; i < t->cap; i++)
			if (t->ids[i]) {
				size_t j = hash_str(t->ids[i]) & (cap - 1);
				while (ids[j])
					j = (j + 1) & (cap - 1);
				ids[j] = t->ids[i];
				paths[j] = t->paths[i];
			}
		free(t->ids);
		free(t->paths);
		t->ids = ids;
		t->paths = paths;
		t->cap = cap;
	}
	size_t j = hash_str(id) & (t->cap - 1);
	while (t->ids[j]) {
		if (!strcmp(t->ids[j], id))
			return t->paths[j];
		j = (j + 1) & (t->cap - 1);
	}
	t->ids[j] = strdup(id);
	t->paths[j] = strdup(path);
	if (!t->ids[j] || !t->paths[j])
		g->fatal = 1;
	t->n++;
	return NULL;
}

static void seen_clear(struct seen_ids *t)
{
	for (size_t i = 0; i < t->cap; i++) {
		free(t->ids[i]);
		free(t->paths[i]);
	}
	free(t->ids);
	free(t->paths);
}

static void db_error(struct ingest *g)
{
	if (g->pipe) {
		cli_pipe_clear_progress(g->pipe);
		cli_pipe_stop(g->pipe);
	}
	fprintf(stderr, "%s: error: %s\n", cli_prog, lsn_store_errmsg(g->st));
	g->fatal = 1;
}

/* Ends the batch when it is full: commit, and begin the next. */
static void batch_step(struct ingest *g)
{
	if (++g->in_batch < (size_t)g->a->batch)
		return;
	if (lsn_store_commit(g->st) || lsn_store_begin(g->st))
		db_error(g);
	g->in_batch = 0;
}

static void progress(struct ingest *g)
{
	g->done++;
	if (g->tty && !g->a->quiet && g->done % 100 == 0)
		fprintf(stderr, "\r%s: ingest: %zu documents...", cli_prog, g->done);
}

static char *url_beside(const char *path)
{
	/* FILE.txt -> FILE.url: the address it was published at, if given */
	size_t n = strlen(path);
	const char *dot = strrchr(path, '.'), *slash = strrchr(path, '/');
	size_t stem = dot && (!slash || dot > slash) ? (size_t)(dot - path) : n;
	char *p = malloc(stem + 5);
	if (!p)
		return NULL;
	memcpy(p, path, stem);
	memcpy(p + stem, ".url", 5);
	FILE *f = fopen(p, "r");
	free(p);
	if (!f)
		return NULL;
	char line[2048];
	char *url = NULL;
	if (fgets(line, sizeof line, f)) {
		line[strcspn(line, "\r\n")] = 0;
		if (*line)
			url = strdup(line);
	}
	fclose(f);
	return url;
}

/* ingest --records: a file of records (JSON or JSON Lines) */
static void ingest_doc(void *ctx, const char *name, const char *id, const char *bytes, size_t len)
{
	struct ingest *g = ctx;
	(void)id;
	if (g->fatal)
		return;
	progress(g);
	if (lsn_store_put_json(g->st, bytes, len, name, &g->newd, &g->unchanged, &g->replaced)) {
		fprintf(stderr, "%s: error: %s\n", cli_prog, lsn_store_errmsg(g->st));
		g->failed++;
		g->bad = 1;
	}
	batch_step(g);
}

/* ---- ingest through the readers: prepare (main thread, input order),
 * work (worker threads), emit (main thread, input order) ---- */

/* The content hash: SHA-256 of the text, as before the readers; with the
 * metadata a reader gave (date, URL) or --published, the SHA-256 of that
 * hash and the metadata, so that a document whose date changed is stored
 * again. */
static void item_hash(const struct cli_item *it, char out[65])
{
	lsn_content_hash(it->text.data ? it->text.data : "", it->text.len, out);
	if (!it->has_meta && !it->published.len)
		return;
	struct lsn_buf m;
	lsn_buf_init(&m);
	lsn_buf_printf(&m, "%s\npublished=%s\nurl=%s\n", out, it->published.len ? it->published.data : "",
		       it->url.len ? it->url.data : "");
	if (!m.oom)
		lsn_content_hash(m.data, m.len, out);
	lsn_buf_clear(&m);
}

/* The file a stored document of this id was read from when it is another
 * file than the item's: another path that is not the same file (a path
 * relative to another folder is the same file when it still resolves to it,
 * or, when it no longer resolves, when the content is the same). */
static const char *ingest_id_holder(void *ctx, const char *id, const struct cli_item *it)
{
	struct ingest *g = ctx;
	char hash[65];
	int found = 0;
	if (g->fatal || lsn_store_source(g->st, id, &g->holder, hash, &found)) {
		if (!g->fatal)
			db_error(g);
		return NULL;
	}
	if (!found || !g->holder.len || !strcmp(g->holder.data, it->path.data))
		return NULL;
	char *a = realpath(g->holder.data, NULL), *b = realpath(it->path.data, NULL);
	int same = a && b && !strcmp(a, b);
	if (!a) {
		char h[65];
		item_hash(it, h);
		same = !strcmp(h, hash);
	}
	free(a);
	free(b);
	return same ? NULL : g->holder.data;
}

static void ingest_prepare(void *ctx, struct cli_item *it)
{
	struct ingest *g = ctx;
	if (g->fatal) {
		it->skip = 1;
		return;
	}
	const char *prev = seen_before(g, it->id.data, it->name.data);
	if (prev) {
		/* stored later than an earlier one of this run: its state is known only then */
		it->dup = 1;
		if (!g->a->quiet)
			lsn_buf_printf(&it->msgs, "%s: warning: %s: document id '%s' was already read from %s; "
				     "this one replaces it\n", cli_prog, it->name.data, it->id.data, prev);
	}
	item_hash(it, it->hash);
	if (lsn_store_lookup(g->st, it->id.data, it->hash, &it->state)) {
		db_error(g);
		it->skip = 1;
		return;
	}
	if (it->state == LSN_PUT_UNCHANGED && !g->a->force && !it->dup)
		it->skip = 1;
}

static void ingest_work(void *ctx, struct cli_item *it)
{
	struct ingest *g = ctx;
	const char *name = it->name.data;
	int binary;
	lsn_doc *doc = cli_item_doc(it, g->kb, &binary);
	enum lsn_status st;
	if (!doc) {
		it->failed |= binary;
		return;
	}
	if ((st = lsn_extract(g->kb, doc)) || (st = lsn_store_prepare(doc))) {
		lsn_buf_printf(&it->msgs, "%s: error: %s: %s\n", cli_prog, name, lsn_strerror(st));
		it->failed = it->bad = 1;
		it->fatal = st == LSN_ENOMEM;
		lsn_doc_free(doc);
		return;
	}
	it->doc = doc;
}

static void ingest_emit(void *ctx, struct cli_item *it)
{
	struct ingest *g = ctx;
	if (g->fatal)
		return;
	if (it->fatal) {
		g->fatal = 1;
		cli_pipe_stop(g->pipe);
		return;
	}
	if (it->skip) {
		g->unchanged++;
		batch_step(g);
		return;
	}
	if (it->failed) {
		g->failed++;
		g->bad = 1;
		return;
	}
	if (!it->doc) /* a page without an article, or one that could not be read (reported) */
		return;
	int state = it->state, result = 0, found = 0;
	if (it->dup) { /* the earlier document of this id is stored now */
		if (lsn_store_lookup(g->st, it->id.data, it->hash, &state)) {
			db_error(g);
			return;
		}
		if (state == LSN_PUT_UNCHANGED && !g->a->force) {
			g->unchanged++;
			batch_step(g);
			return;
		}
	}
	char *url = NULL;
	if (it->url.len)
		url = strdup(it->url.data);
	else if (it->fmt == LSN_FMT_TEXT && strcmp(it->path.data, "-"))
		url = url_beside(it->path.data);
	if (state == LSN_PUT_UNCHANGED && lsn_store_remove(g->st, it->id.data, &found))
		db_error(g);
	else if (lsn_store_put(g->st, it->doc, it->path.data, url, it->hash, &result))
		db_error(g);
	else if (state == LSN_PUT_UNCHANGED || result == LSN_PUT_REPLACED)
		g->replaced++;
	else if (result == LSN_PUT_UNCHANGED)
		g->unchanged++;
	else
		g->newd++;
	free(url);
	batch_step(g);
}

/* Fetches each --feed URL and reads its items into the pipe. */
static void ingest_feeds(struct ingest *g, const struct cli_read_opts *ro)
{
	for (int i = 0; i < g->a->nfeeds && !g->fatal; i++) {
		struct lsn_buf body;
		char err[1024];
		lsn_buf_init(&body);
		int st = lsn_feed_fetch(g->a->feeds[i], &body, 30, (size_t)32 << 20, err, sizeof err);
		if (st == LSN_ENOMEM) {
			cli_pipe_message(g->pipe, 0, "%s: error: %s", cli_prog, err);
			g->fatal = 1;
		} else if (st) {
			cli_pipe_message(g->pipe, 1, "%s: error: %s", cli_prog, err);
		} else {
			cli_pipe_add_total(g->pipe, body.len);
			cli_pipe_read_feed(g->pipe, g->a->feeds[i], body.data ? body.data : "", body.len, ro);
		}
		lsn_buf_clear(&body);
	}
}

static int cmd_ingest(struct args *a, const char *data_dir)
{
	struct ingest g;
	char err[1024];
	memset(&g, 0, sizeof g);
	g.a = a;
	g.tty = isatty(2);
	if (!a->npos && !a->nfeeds)
		return usage_error("ingest", "no files, folders or --feed URLs to ingest%s", "");
	g.kb = lsn_tables_new(data_dir, err, sizeof err);
	if (!g.kb) {
		fprintf(stderr, "%s: error: %s\n", cli_prog, err);
		return 3;
	}
	if (lsn_store_open(a->db, LSN_STORE_CREATE, &g.st, err, sizeof err)) {
		fprintf(stderr, "%s: error: %s\n", cli_prog, err);
		lsn_tables_free(g.kb);
		return 3;
	}
	if (lsn_store_will_resolve(g.st) || lsn_store_begin(g.st))
		db_error(&g);
	if (a->records) {
		static const char *const json[] = {".json", ".jsonl", NULL};
		struct cli_walk w = {ingest_doc, &g, json, 0, 0};
		for (int i = 0; i < a->npos && !g.fatal; i++)
			cli_walk_path(&w, a->pos[i], 1);
		if (g.tty && !a->quiet && g.done >= 100)
			fputc('\n', stderr);
		g.bad |= w.bad;
		g.fatal |= w.fatal;
	} else if (!g.fatal) {
		struct cli_read_opts ro = {a->in_fmt, a->map, a->published, a->quiet};
		struct cli_inputs in;
		memset(&in, 0, sizeof in);
		for (int i = 0; i < a->npos; i++)
			cli_inputs_add(&in, a->pos[i]);
		struct cli_pipe_cfg pc = {
			.jobs = a->jobs ? a->jobs : cli_ncpus(),
			.progress = g.tty && !a->quiet,
			.what = "ingest",
			.prepare = ingest_prepare,
			.work = ingest_work,
			.emit = ingest_emit,
			.id_holder = ingest_id_holder,
			.ctx = &g,
		};
		g.pipe = in.fatal ? NULL : cli_pipe_new(&pc);
		if (g.pipe) {
			cli_pipe_read(g.pipe, &in, &ro);
			ingest_feeds(&g, &ro);
			int rc = cli_pipe_finish(g.pipe, NULL);
			g.pipe = NULL;
			if (rc == 1)
				g.bad = 1;
			else if (rc == 3)
				g.fatal = 1;
		} else {
			g.fatal = 1;
		}
		cli_inputs_free(&in);
	}
	if (g.fatal) {
		lsn_store_rollback(g.st);
	} else if (lsn_store_commit(g.st)) {
		db_error(&g);
	}
	/* what reading held goes before resolution, which holds every fact
	 * of the base in memory (and gives freed memory back first) */
	seen_clear(&g.seen);
	memset(&g.seen, 0, sizeof g.seen);
	lsn_buf_clear(&g.holder);
	struct lsn_tables_stats x;
	memset(&x, 0, sizeof x);
	if (!g.fatal && lsn_store_resolve(g.st, g.kb, &x))
		db_error(&g);
	if (!a->quiet && !g.fatal) {
		fprintf(stderr, "%s: ingest: documents: %zu new, %zu unchanged, %zu replaced, %zu failed\n",
			cli_prog, g.newd, g.unchanged, g.replaced, g.failed);
		fprintf(stderr, "%s: ingest: %s holds %zu documents, %zu of them near-duplicates\n", cli_prog,
			a->db, x.documents, x.duplicates);
		fprintf(stderr, "%s: ingest: %zu person mentions, %zu distinct people (%zu named in several "
				"scripts)\n", cli_prog, x.person_mentions, x.people, x.people_multiscript);
		fprintf(stderr, "%s: ingest: %zu event mentions, %zu distinct events (%zu reported by several "
				"documents)", cli_prog, x.event_mentions, x.events, x.merged_events);
		if (x.dup_event_mentions)
			fprintf(stderr, "; %zu more in near-duplicate documents, counted with the story they copy",
				x.dup_event_mentions);
		fputc('\n', stderr);
	}
	lsn_store_close(g.st);
	lsn_tables_free(g.kb);
	seen_clear(&g.seen);
	return g.fatal ? 3 : g.bad ? 1 : 0;
}

/* ---- queries ---- */

typedef enum lsn_status (*query_fn)(lsn_store *, const lsn_tables *, const struct lsn_query *, FILE *, size_t *);

static int run_query(const char *cmd, struct args *a, const char *data_dir, query_fn fn)
{
	char err[1024];
	lsn_store *st = NULL;
	lsn_tables *kb = lsn_tables_new(data_dir, err, sizeof err);
	if (!kb) {
		fprintf(stderr, "%s: error: %s\n", cli_prog, err);
		return 3;
	}
	if (lsn_store_open(a->db, 0, &st, err, sizeof err)) {
		fprintf(stderr, "%s: error: %s\n", cli_prog, err);
		lsn_tables_free(kb);
		return 3;
	}
	size_t n = 0;
	if (lsn_store_unresolved(st))
		fprintf(stderr, "%s: warning: %s: the last ingest stopped before it resolved people and events; "
				"run the same 'liaison ingest' again to complete the base (the answers below miss "
				"what it stored last)\n", cli_prog, a->db);
	enum lsn_status e = fn(st, kb, &a->q, stdout, &n);
	int rc = 0;
	if (e == LSN_EARG) {
		fprintf(stderr, "%s: error: %s: %s\n", cli_prog, cmd, lsn_store_errmsg(st));
		rc = 2;
	} else if (e) {
		fprintf(stderr, "%s: error: %s\n", cli_prog, lsn_store_errmsg(st));
		rc = 3;
	} else if (!n && !strcmp(cmd, "person")) {
		fprintf(stderr, "%s: error: person: no one named '%s' in %s\n", cli_prog, a->q.name, a->db);
		rc = 1;
	} else if (n > 1 && !strcmp(cmd, "person")) {
		fprintf(stderr, "%s: error: person: %zu people are named '%s' in %s (listed); ask for one "
				"by its id\n", cli_prog, n, a->q.name, a->db);
		rc = 1;
	} else if (!n && !strcmp(cmd, "search")) {
		fprintf(stderr, "%s: search: no document of %s matches '%s'\n", cli_prog, a->db, a->q.text);
	}
	lsn_store_close(st);
	lsn_tables_free(kb);
	return rc;
}

static int cmd_export(struct args *a)
{
	char err[1024];
	lsn_store *st = NULL;
	enum lsn_export fmt;
	if (!a->export_fmt)
		return usage_error("export", "--format is required (csv, tsv, json or graphml)%s", "");
	if (!strcmp(a->export_fmt, "csv"))
		fmt = LSN_EXPORT_CSV;
	else if (!strcmp(a->export_fmt, "json"))
		fmt = LSN_EXPORT_JSON;
	else if (!strcmp(a->export_fmt, "tsv"))
		fmt = LSN_EXPORT_TSV;
	else if (!strcmp(a->export_fmt, "graphml"))
		fmt = LSN_EXPORT_GRAPHML;
	else
		return usage_error("export", "--format must be csv, tsv, json or graphml, not '%s'", a->export_fmt);
	if (a->npos)
		return usage_error("export", "unexpected argument '%s'", a->pos[0]);
	if (lsn_store_open(a->db, 0, &st, err, sizeof err)) {
		fprintf(stderr, "%s: error: %s\n", cli_prog, err);
		return 3;
	}
	enum lsn_status e = lsn_store_export(st, fmt, a->out, stdout);
	if (e)
		fprintf(stderr, "%s: error: %s\n", cli_prog, lsn_store_errmsg(st));
	lsn_store_close(st);
	return e ? 3 : 0;
}

int cli_kb_command(const char *cmd, int argc, char **argv, const char *data_dir)
{
	struct args a;
	if (!usage_of(cmd))
		return -1;
	int rc = parse(cmd, argc, argv, &a);
	if (rc)
		return rc;
	if (a.help) {
		usage(stdout, cmd);
		return 0;
	}
	if (!strcmp(cmd, "ingest"))
		return cmd_ingest(&a, data_dir);
	if (!strcmp(cmd, "export"))
		return cmd_export(&a);
	if (!strcmp(cmd, "person")) {
		if (!a.npos)
			return usage_error(cmd, "no name given%s", "");
		a.q.name = a.joined;
		a.q.one = 1;
		return run_query(cmd, &a, data_dir, lsn_query_person);
	}
	if (!strcmp(cmd, "search")) {
		if (!a.npos)
			return usage_error(cmd, "nothing to search for%s", "");
		a.q.text = a.joined;
		return run_query(cmd, &a, data_dir, lsn_query_search);
	}
	if (a.npos)
		return usage_error(cmd, "unexpected argument '%s'", a.pos[0]);
	if (!strcmp(cmd, "events"))
		return run_query(cmd, &a, data_dir, lsn_query_events);
	if (!strcmp(cmd, "people"))
		return run_query(cmd, &a, data_dir, lsn_query_people);
	if (!strcmp(cmd, "timeline")) {
		if (!a.between || !a.and_)
			return usage_error(cmd, "--between P and --and Q are both required%s", "");
		a.parties[0] = a.between;
		a.parties[1] = a.and_;
		a.q.nparties = 2;
		return run_query(cmd, &a, data_dir, lsn_query_events);
	}
	if (!strcmp(cmd, "ties"))
		return run_query(cmd, &a, data_dir, lsn_query_ties);
	if (!strcmp(cmd, "commitments"))
		return run_query(cmd, &a, data_dir, lsn_query_commitments);
	return run_query(cmd, &a, data_dir, lsn_query_figures);
}
