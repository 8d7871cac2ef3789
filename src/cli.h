/*
 * The command line: subcommands, global options, exit codes (0 ok, 1 runtime
 * failure, 2 usage or configuration error).  The only place that prints
 * results.
 */
#ifndef SW_CLI_H
#define SW_CLI_H

enum {
	CLI_EXIT_OK = 0,
	CLI_EXIT_FAILURE = 1,
	CLI_EXIT_USAGE = 2,
};

int cli_main(int argc, char **argv);

#endif
