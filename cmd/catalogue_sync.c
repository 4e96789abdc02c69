/* catalogue_sync.c - `sendhealth catalogue sync`: placeholder until the HTTP client lands;
 * it says so and changes nothing. */
#include "cmd/catalogue_cmd.h"
#include "cmd/exit_codes.h"
#include "cmd/msg.h"

int catalogue_sync_run(struct app *app, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	msg_error(app, "sync is not available in this build yet");
	return EXIT_USAGE;
}
