/*
 * scdl.h: helpers shared by the SCDL files (fold.c, scdl_columns.c, scdl_values.c).
 */
#ifndef PUBFIN_SCDL_H
#define PUBFIN_SCDL_H

#include "postgres.h"
#include "fmgr.h"
#include "lib/stringinfo.h"
#include "utils/tuplestore.h"

/*
 * Fold UTF-8 text for comparisons: lower case, Latin accents and ligatures
 * removed (é -> e, œ -> oe), combining marks dropped; runs of spaces and
 * punctuation become one space (keep_spaces) or vanish (!keep_spaces).
 * Characters outside Latin-1 and Latin Extended-A are kept as they are.
 */
extern void pubfin_fold_utf8(const char *s, size_t len, bool keep_spaces, StringInfo out);

/* The text as a NUL-terminated UTF-8 string (converted when the database encoding is not UTF-8). */
extern char *pubfin_text_to_utf8(text *t, size_t *len);

/* A NUL-terminated UTF-8 string as a text in the database encoding. */
extern text *pubfin_utf8_to_text(const char *s, size_t len);

/* Start a materialized set-returning function: checks the call context, returns the store and the row descriptor. */
extern Tuplestorestate *pubfin_begin_materialize(FunctionCallInfo fcinfo, TupleDesc *tupdesc);

#endif							/* PUBFIN_SCDL_H */
