/*
 * kb.h — the knowledge-base commands of the command line (kb.c).
 */
#ifndef LSN_CLI_KB_H
#define LSN_CLI_KB_H

/* Runs `cmd` (ingest, events, people, person, timeline, ties, figures,
 * search, export) with its arguments; returns its exit status, or -1 when
 * cmd is none of them. */
int cli_kb_command(const char *cmd, int argc, char **argv, const char *data_dir);

#endif
