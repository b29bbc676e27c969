/* text.h — `liaison text` (text.c): a page's title and main text. */
#ifndef LSN_CLI_TEXT_H
#define LSN_CLI_TEXT_H

/* Runs `liaison text` on its arguments (after the command name), with the
 * tables of data_dir (NULL: built in); returns the exit status. */
int cli_text(int argc, char **argv, const char *data_dir);

#endif
