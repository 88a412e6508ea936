/*
 * rule_check.c: validation of the rows of pubfin.rule.
 *
 * regex_error(pattern) compiles a pattern the way the issue views apply it
 * (case-insensitive advanced regular expression, as ~*) and returns the
 * compiler's complaint, or NULL when the pattern compiles.  It calls the
 * regex library directly, which reports errors as codes rather than raising,
 * so it never raises for a bad pattern: a CHECK constraint of the rule table
 * uses it, and a row that would make ~* fail in the views cannot be stored.
 */
#include "pubfin.h"

#include "catalog/pg_collation.h"
#include "mb/pg_wchar.h"
#include "regex/regex.h"
#include "utils/builtins.h"

PG_FUNCTION_INFO_V1(regex_error);

/* regex_error(text): why the pattern does not compile as a case-insensitive regex, or NULL. */
Datum
regex_error(PG_FUNCTION_ARGS)
{
	text	   *pattern = PG_GETARG_TEXT_PP(0);
	int			len = VARSIZE_ANY_EXHDR(pattern);
	pg_wchar   *wide = palloc((len + 1) * sizeof(pg_wchar));
	int			wlen = pg_mb2wchar_with_len(VARDATA_ANY(pattern), wide, len);
	regex_t		re;
	int			rc;
	char		msg[256];

	rc = pg_regcomp(&re, wide, wlen, REG_ADVANCED | REG_ICASE, DEFAULT_COLLATION_OID);
	pfree(wide);
	if (rc == REG_OKAY)
	{
		pg_regfree(&re);
		PG_RETURN_NULL();
	}
	pg_regerror(rc, &re, msg, sizeof(msg));
	PG_RETURN_TEXT_P(cstring_to_text(msg));
}
