/* emit.h - the records of one read message (struct mctx filled by mail.c's walk): per
 * recipient of a delivery-status report, the complaint of a feedback report, or the
 * recipients a bounce written for people names (bodytext.h); sets info->kind.
 * Contract: internal to import/mail. Returns 0, or -1 when the emit callback said stop.
 * Ownership: records are built in m->rb and borrowed by the callback until it returns.
 * Threads: one mctx, one thread. */
#ifndef SH_IMPORT_MAIL_EMIT_H
#define SH_IMPORT_MAIL_EMIT_H

#include "import/mail/meta.h"

int emit_records(struct mctx *m);

#endif
