/*
 * scdl.h: helpers shared by the SCDL files (fold.c, scdl_columns.c, scdl_values.c).
 */
#ifndef PUBFIN_SCDL_H
#define PUBFIN_SCDL_H

#include "postgres.h"
#include "fmgr.h"
#include "lib/stringinfo.h"
#include "utils/tuplestore.h"

#include "csv.h"

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

/* Header names (scdl_columns.c): the matching key of a header; the built-in field of a key, or -1; field names. */
#define SCDL_NFIELDS_ALL 16
extern char *scdl_header_key(const char *s, size_t len);
extern int	scdl_builtin_field(const char *key);
extern const char *scdl_field_name(int i);
extern int	scdl_field_by_name(const char *name);

/* CSV in the server (csv_sql.c): realloc in the current context; the header's delimiter or 22P04; a malformed record's message. */
extern void *csv_palloc_realloc(void *ptr, size_t size);
extern char detect_delimiter_or_raise(const char *data, size_t len);
extern char *record_error_message(CsvReader *r, CsvStatus status);

/* Start a materialized set-returning function: checks the call context, returns the store and the row descriptor. */
extern Tuplestorestate *pubfin_begin_materialize(FunctionCallInfo fcinfo, TupleDesc *tupdesc);

/*
 * The result of a value normaliser (scdl_values.c): values, then its
 * warnings (nwarn of them) and an error (NULL when none), each an encoded
 * message (scdl_messages.c); the SQL normalisers join the warnings' sentences
 * with "; ".  An error leaves every
 * value NULL; an empty cell gives NULLs and neither.
 */
#define SCDL_NORM_MAX_COLS 6
#define SCDL_NORM_MAX_WARN 8
typedef struct NormRow
{
	Datum		values[SCDL_NORM_MAX_COLS];
	bool		nulls[SCDL_NORM_MAX_COLS];
	int			nvalues;		/* columns before warning and error */
	char	   *warn[SCDL_NORM_MAX_WARN];	/* warnings, encoded (scdl_messages.c) */
	int			nwarn;
	char	   *error;			/* NULL when none; encoded */
} NormRow;

/*
 * The normalisers' cores: s is a NUL-terminated UTF-8 cell of len bytes
 * without surrounding blanks.  Values, in order:
 *   date: value date, year int        period: first date, last date, year int
 *   nature: value text                boolean: value bool
 *   amount: value amount              share: value numeric
 *   identifier: value text, kind text ("siret", "siren" or "rna")
 */
extern void scdl_norm_date(const char *s, size_t len, NormRow *row);
extern void scdl_norm_period(const char *s, size_t len, NormRow *row);
extern void scdl_norm_nature(const char *s, size_t len, NormRow *row);
extern void scdl_norm_boolean(const char *s, size_t len, NormRow *row);
extern void scdl_norm_amount(const char *s, size_t len, NormRow *row);
extern void scdl_norm_share(const char *s, size_t len, NormRow *row);
extern void scdl_norm_identifier(const char *s, size_t len, NormRow *row);

/* The cell without surrounding blanks (a new NUL-terminated copy); *outlen gets its length. */
extern char *scdl_trim(const char *s, size_t len, size_t *outlen);
/* The same without a copy when s (NUL-terminated) ends with no blank: a pointer into s. */
extern char *scdl_trim_view(const char *s, size_t len, size_t *outlen);

/*
 * Per-record messages (scdl_messages.c), encoded "code:arg|arg": scdl_msg
 * takes the code and C-string arguments ending with NULL (SCDL_MSG adds it);
 * scdl_msg_nest makes a message whose cause is another one; scdl_msg_text
 * renders a message, scdl_entry_text a stored "field:message" entry.
 */
#ifdef __GNUC__
extern char *scdl_msg(const char *code,...) __attribute__((sentinel));
#else
extern char *scdl_msg(const char *code,...);
#endif
#define SCDL_MSG(...) scdl_msg(__VA_ARGS__, (const char *) NULL)
extern char *scdl_msg_int(int i);
extern char *scdl_msg_nest(const char *code, const char *arg, const char *inner);
extern char *scdl_msg_text(const char *msg);
extern char *scdl_entry_text(const char *entry);

#endif							/* PUBFIN_SCDL_H */
