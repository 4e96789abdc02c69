/* codes.h - the codes of one failed recipient of a bounce: the RFC 3463 enhanced code (the
 * report's Status, or the diagnostic text's closer code when Status only gives the class
 * or is missing) and the SMTP reply code the diagnostic text quotes (not a port, address
 * or date). Contract: pure, bounded by dlen. Ownership: results go into the caller's
 * buffers. Threads: thread-safe. */
#ifndef SH_IMPORT_MAIL_CODES_H
#define SH_IMPORT_MAIL_CODES_H

#include <stddef.h>

/* status: a Status field's value or NULL; diag[0..dlen): the diagnostic text. Writes the
 * enhanced code ("" when none) and the reply code (0 when none). */
void mail_codes(const char *status, const char *diag, size_t dlen, char enhanced[16],
		int *smtp_code);

#endif
