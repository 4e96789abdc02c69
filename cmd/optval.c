/* optval.c - option values that more than one command checks the same way. */
#include "cmd/optval.h"

#include <string.h>

#include "catalogue/catalogue.h"
#include "model/taxonomy.h"
#include "import/logread.h"
#include "util/timeparse.h"

int optval_input_format(void *field, const char *arg, struct sh_error *err)
{
	int f = logread_format_from_name(arg);

	if (f < 0)
		return sh_error_set(err, SH_ERR_USAGE, NULL, 0,
				    "unknown input format '%s' (mailgun, sendgrid, sendgrid-csv, "
				    "csv, nodemailer, records, mail, mbox, auto)",
				    arg);
	*(enum logread_format *)field = (enum logread_format)f;
	return 0;
}

int optval_date_order(void *field, const char *arg, struct sh_error *err)
{
	int o = time_date_order_from_name(arg);

	if (o < 0)
		return sh_error_set(err, SH_ERR_USAGE, NULL, 0,
				    "--date-order takes dmy, mdy, ymd or auto, not '%.20s'", arg);
	*(int *)field = o;
	return 0;
}

int optval_lang(void *field, const char *arg, struct sh_error *err)
{
	if (strcmp(arg, "en") && strcmp(arg, "de"))
		return sh_error_set(err, SH_ERR_USAGE, NULL, 0,
				    "--lang takes 'en' or 'de', not '%s'", arg);
	*(enum sh_lang *)field = strcmp(arg, "de") ? LANG_EN : LANG_DE;
	return 0;
}

int optval_provider(void *field, const char *arg, struct sh_error *err)
{
	if (!catalogue_is_provider(arg))
		return sh_error_set(err, SH_ERR_USAGE, NULL, 0, "unknown provider '%s'", arg);
	*(const char **)field = arg;
	return 0;
}

int optval_refuse_api_key(void *field, const char *arg, struct sh_error *err)
{
	(void)field;
	(void)arg;
	return sh_error_set(err, SH_ERR_USAGE, NULL, 0,
			    "--api-key is not accepted (the key would show in the process list "
			    "and shell history); set the environment variable or use "
			    "--api-key-file");
}
