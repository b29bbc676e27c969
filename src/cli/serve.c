/*
 * serve.c — `liaison serve`: the knowledge base over HTTP, a JSON API under
 * /api/ and a web page at /, until interrupted (SIGINT, SIGTERM).  Uses
 * only the public header (lsn_server_*); the server is src/serve.c.
 *
 * Exit codes: 0 stopped by a signal; 2 usage error; 3 the knowledge base
 * cannot be read (missing, not a database, newer schema), the address
 * cannot be listened on, or out of memory.
 */
#define _DEFAULT_SOURCE
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"

static void usage(FILE *f)
{
	fprintf(f,
		"usage: liaison serve [--db PATH] [--port N] [--host ADDR] [--threads N] [--no-memo]\n"
		"                     [--max-per-address N] [--header-timeout S]\n"
		"\n"
		"Serves the knowledge base over HTTP until interrupted (Ctrl-C): a web page at\n"
		"/ (timeline, network of places and people, people, places, events with their\n"
		"sources, full-text search) and a read-only JSON API under /api/ (docs/api.md).\n"
		"The knowledge base is only read; `liaison ingest` may add to it meanwhile.\n"
		"\n"
		"  --db PATH      the knowledge base: a file, or a PostgreSQL database as a\n"
		"                 postgresql:// URI (default $LIAISON_DB, else ./liaison.db)\n"
		"  --port N       the port (default 8080; 0: any free port, told on stderr)\n"
		"  --host ADDR    the address to listen on (default 127.0.0.1, this machine\n"
		"                 only; 0.0.0.0 or :: opens it to the network)\n"
		"  --threads N    worker threads, each with its own connection to the\n"
		"                 knowledge base (default: one per processor)\n"
		"  --no-memo      do not keep rendered events, places and networks in\n"
		"                 memory (for measuring; by default up to 64 MB, dropped\n"
		"                 when the knowledge base changes)\n"
		"  --max-per-address N\n"
		"                 connections at once from one client address (default\n"
		"                 128; more are closed at once)\n"
		"  --header-timeout S\n"
		"                 seconds a client has to send a request's line and\n"
		"                 headers, all of them (default 10; then the connection\n"
		"                 is closed)\n"
		"Limits and what is refused: docs/security.md.\n"
		"  -q, --quiet    no message but errors\n"
		"\n"
		"exit status: 0 stopped by a signal, 2 usage error, 3 the knowledge base\n"
		"cannot be read or the address cannot be listened on.\n");
}

static int usage_error(const char *fmt, const char *arg)
{
	fprintf(stderr, "%s: error: serve: ", cli_prog);
	fprintf(stderr, fmt, arg);
	fputc('\n', stderr);
	usage(stderr);
	return 2;
}

/* A whole number from min to max, or -1. */
static long number(const char *s, long min, long max)
{
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	return errno || end == s || *end || v < min || v > max ? -1 : v;
}

int cli_serve(int argc, char **argv, const char *data_dir)
{
	struct lsn_serve_opts o;
	int quiet = 0;
	memset(&o, 0, sizeof o);
	o.db = getenv("LIAISON_DB") && *getenv("LIAISON_DB") ? getenv("LIAISON_DB") : "liaison.db";
	o.port = 8080;
	o.log = stderr;
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i], *v = NULL;
		const char *names[] = {"--db", "--port", "--host", "--threads", "--max-per-address", "--header-timeout"};
		int which = -1;
		for (int k = 0; k < 6 && which < 0; k++) {
			size_t n = strlen(names[k]);
			if (!strncmp(a, names[k], n) && (a[n] == '=' || !a[n])) {
				which = k;
				if (a[n] == '=')
					v = a + n + 1;
				else if (i + 1 < argc)
					v = argv[++i];
				else
					return usage_error("option '%s' needs a value", a);
			}
		}
		long n;
		if (which == 0) {
			o.db = v;
		} else if (which == 1) {
			if ((n = number(v, 0, 65535)) < 0)
				return usage_error("--port must be a number from 0 to 65535, not '%s'", v);
			o.port = (unsigned)n;
		} else if (which == 2) {
			o.host = v;
		} else if (which == 3) {
			if ((n = number(v, 1, 256)) < 0)
				return usage_error("--threads must be a number from 1 to 256, not '%s'", v);
			o.threads = (unsigned)n;
		} else if (which == 4) {
			if ((n = number(v, 1, 1000)) < 0)
				return usage_error("--max-per-address must be a number from 1 to 1000, not '%s'", v);
			o.max_per_address = (unsigned)n;
		} else if (which == 5) {
			if ((n = number(v, 1, 3600)) < 0)
				return usage_error("--header-timeout must be a number from 1 to 3600, not '%s'", v);
			o.header_timeout = (unsigned)n;
		} else if (!strcmp(a, "--no-memo")) {
			o.no_memo = 1;
		} else if (!strcmp(a, "-q") || !strcmp(a, "--quiet")) {
			quiet = 1;
		} else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			usage(stdout);
			return 0;
		} else if (a[0] == '-') {
			return usage_error("unknown option '%s'", a);
		} else {
			return usage_error("unexpected argument '%s'", a);
		}
	}

	char err[1024];
	lsn_tables *kb = lsn_tables_new(data_dir, err, sizeof err);
	if (!kb) {
		fprintf(stderr, "%s: error: %s\n", cli_prog, err);
		return 3;
	}
	/* the server's threads inherit this mask: the signals come to sigwait below */
	sigset_t stop;
	sigemptyset(&stop);
	sigaddset(&stop, SIGINT);
	sigaddset(&stop, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &stop, NULL);
	signal(SIGPIPE, SIG_IGN);

	lsn_server *s = NULL;
	if (lsn_server_start(&o, kb, &s, err, sizeof err)) {
		fprintf(stderr, "%s: error: %s\n", cli_prog, err);
		lsn_tables_free(kb);
		return 3;
	}
	const char *host = o.host ? o.host : "127.0.0.1";
	int v6 = strchr(host, ':') && host[0] != '[';
	if (!quiet) {
		fprintf(stderr, "%s: serve: %s on http://%s%s%s:%u/ (Ctrl-C stops)\n", cli_prog, o.db,
			v6 ? "[" : "", host, v6 ? "]" : "", lsn_server_port(s));
		fflush(stderr);
	}
	int sig = 0;
	sigwait(&stop, &sig);
	if (!quiet)
		fprintf(stderr, "%s: serve: stopping (%s)\n", cli_prog, sig == SIGINT ? "SIGINT" : "SIGTERM");
	lsn_server_stop(s);
	lsn_tables_free(kb);
	return 0;
}
