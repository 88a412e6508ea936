/*
 * scdl_messages.c: the SCDL loader's per-record messages, stored as codes.
 *
 * A reason or warning about a record is stored as "field:code:arg|arg...":
 * the SCDL field it is about (empty for the record as a whole), a code from
 * the catalogue below and the values the message names (a '|' or '\' inside
 * a value is escaped with '\').  "montant:read_as:1 000,00|1000.00" is
 * rendered "montant: "1 000,00" read as 1000.00".  The catalogue holds the
 * sentences; scdl_message() renders a stored entry, and passes through any
 * text that is not one (the sentences stored by pubfin 0.2.0 and before).
 *
 * In a format, %1 to %9 stand for the arguments; %@N renders the arguments
 * from N on as a message of its own (its code first): "invalid date "%1":
 * %@2" nests the reason why the date is invalid.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "fmgr.h"
#include "funcapi.h"
#include "access/htup_details.h"
#include "lib/stringinfo.h"
#include "utils/array.h"
#include "utils/builtins.h"

#include "scdl.h"
#include "siret.h"

PG_FUNCTION_INFO_V1(scdl_message);
PG_FUNCTION_INFO_V1(scdl_message_parts);

/* A message of the catalogue: its code, its sentence, or the identifier kind whose check explains it. */
typedef struct MsgDef
{
	const char *code;
	const char *fmt;			/* NULL: the error of the orgid type's input for %1 */
	int			orgid;
} MsgDef;

#define EXPECTED_PERIOD "expected YYYY-MM-DD or YYYY-MM-DD/YYYY-MM-DD"

/* The catalogue, sorted by code (the lookup is a binary search). */
static const MsgDef catalogue[] = {
	{"amount_ambiguous", "invalid amount \"%1\": ambiguous, the \"%2\" may separate thousands or decimals", -1},
	{"amount_invalid", "invalid amount \"%1\": %2", -1},
	{"amount_joined", "\"%1\" and \"%2\" are one amount whose decimal comma was not quoted: read as \"%3\"", -1},
	{"amount_scientific", "invalid amount \"%1\": scientific notation (a spreadsheet's?) has lost the exact value", -1},
	{"beneficiary_siren", "%1 is a SIREN, a SIRET is due; the beneficiary is identified by its SIREN", -1},
	{"boolean_invalid", "invalid boolean \"%1\": expected \"oui\" or \"non\"", -1},
	{"csv", "CSV: %1", -1},
	{"date_invalid", "invalid date \"%1\": %@2", -1},
	{"date_serial", "invalid date \"%1\": a bare number (a spreadsheet's serial date?), expected YYYY-MM-DD", -1},
	{"date_slashes", "date with slashes \"%1\" read as %2", -1},
	{"date_unreadable", "invalid date \"%1\": expected YYYY-MM-DD", -1},
	{"date_year_alone", "year alone \"%1\": kept as the year, the date is left empty", -1},
	{"day_first", "day-first date \"%1\" read as %2", -1},
	{"field_count", "the record has %1 fields, the header has %2", -1},
	{"funder_rna", "%1 is an RNA number, a SIRET is required", -1},
	{"funder_siren", "%1 is a SIREN, a SIRET is due; the funder is identified by its SIREN", -1},
	{"id_invalid", "invalid identifier \"%1\": expected a SIRET (14 digits), a SIREN (9 digits) or an RNA number (W and 9 characters)", -1},
	{"id_scientific", "invalid identifier \"%1\": a spreadsheet wrote it in scientific notation and its last digits are lost", -1},
	{"ids_missing", "missing, and rnaBeneficiaire too (one of them is required by SCDL)", -1},
	{"kept_empty", "%@1: left empty, the value kept in subsidy.extra", -1},
	{"kept_numeraire", "%@1: read as \"aide en numéraire\", the value kept in subsidy.extra", -1},
	{"line_win1252", "encoding: the line is not UTF-8, read as WIN1252", -1},
	{"missing", "missing", -1},
	{"missing_numeraire", "missing, read as \"aide en numéraire\"", -1},
	{"missing_required", "missing (required by SCDL)", -1},
	{"missing_whole", "missing, read as 1 (the whole amount)", -1},
	{"nature_invalid", "invalid nature \"%1\": expected \"aide en numéraire\", \"aide en nature\" or both separated by \";\"", -1},
	{"no_day", "there is no day %1 in %2", -1},
	{"no_month", "there is no month %1", -1},
	{"no_word", "\"%1\" has no letter or digit", -1},
	{"no_year", "no year: neither dateConvention nor datesPeriodeVersement gives one", -1},
	{"not_positive", "%1 is not a positive amount", -1},
	{"not_rna", "%1 is not an RNA number (W and 9 characters)", -1},
	{"period_day_invalid", "\"%1\": %@2, the period's dates are left empty", -1},
	{"period_end", "the end \"%1\" is neither a date nor \"fin de l'action\"", -1},
	{"period_expected", EXPECTED_PERIOD, -1},
	{"period_invalid", "invalid period \"%1\": %@2", -1},
	{"period_kept", "\"%1\" ends before it starts; kept as written, with no date range", -1},
	{"period_nc", "\"%1\" (not communicated): no date", -1},
	{"period_open_end", "end \"%1\" read as an open end", -1},
	{"period_reversed", "period \"%1\" ends before it starts", -1},
	{"period_separator", "\"%1\" read as the period separator \"/\"", -1},
	{"period_start_nc", "start \"%1\" (not communicated) left empty", -1},
	{"period_year_alone", "year alone \"%1\": kept as the year, the dates are left empty", -1},
	{"period_year_start", "a year alone cannot start a period, " EXPECTED_PERIOD, -1},
	{"rae_empty", "\"%1\" read as empty (no RAE number)", -1},
	{"rae_long", "\"%1\" has %2 characters, at most 5: left empty, the value kept in subsidy.extra", -1},
	{"read_as", "\"%1\" read as %2", -1},
	{"read_as_quoted", "\"%1\" read as \"%2\"", -1},
	{"reversed", "it ends before it starts", -1},
	{"rna_check", NULL, ORGID_RNA},
	{"rna_conflict", "%1 is an RNA number, and rnaBeneficiaire is another one (%2)", -1},
	{"rna_read_as", "%1 is an RNA number, read as rnaBeneficiaire", -1},
	{"rounds_zero", "%1 × %2 rounds to 0.00", -1},
	{"self_funded", "the beneficiary is the funder itself (%1)", -1},
	{"share_invalid", "invalid share \"%1\": expected a decimal number between 0.01 and 1", -1},
	{"share_nc", "\"%1\" is not a number: read as 1 (the whole amount), the value kept in subsidy.extra", -1},
	{"share_percent", "\"%1\" is more than 1: read as %1 %% (%2)", -1},
	{"share_range", "invalid share \"%1\": it must lie between 0.01 and 1 (45 %% is written 0.45)", -1},
	{"share_scientific", "invalid share \"%1\": scientific notation, expected a decimal number between 0.01 and 1", -1},
	{"siren_check", NULL, ORGID_SIREN},
	{"siret_check", NULL, ORGID_SIRET},
	{"split_zero", "the share %1 of a split award of %2 rounds to 0.00", -1},
	{"text_long", "%1 characters, more than the %2 SCDL allows: kept whole", -1},
	{"time_dropped", "time of day dropped from \"%1\"", -1},
	{"year_range", "the year %1 lies outside 1900-2100", -1},
};

/* The catalogue entry of code[0..len), or NULL. */
static const MsgDef *
msg_lookup(const char *code, size_t len)
{
	static bool sorted = false;
	int			lo = 0;
	int			hi = (int) lengthof(catalogue) - 1;

	if (!sorted)
	{
		int			i;

		for (i = 1; i < (int) lengthof(catalogue); i++)
			if (strcmp(catalogue[i - 1].code, catalogue[i].code) >= 0)
				elog(ERROR, "SCDL message catalogue out of order at \"%s\"", catalogue[i].code);
		sorted = true;
	}
	while (lo <= hi)
	{
		int			mid = (lo + hi) / 2;
		int			c = strncmp(catalogue[mid].code, code, len);

		if (c == 0 && catalogue[mid].code[len] != '\0')
			c = 1;
		if (c == 0)
			return &catalogue[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return NULL;
}

/* Append an argument after sep, its '|' and '\\' escaped. */
static void
append_arg(StringInfo buf, char sep, const char *arg)
{
	const char *p;

	appendStringInfoChar(buf, sep);
	for (p = arg; *p; p++)
	{
		if (*p == '|' || *p == '\\')
			appendStringInfoChar(buf, '\\');
		appendStringInfoChar(buf, *p);
	}
}

/* A message: its code and arguments (C strings, the list ends with NULL), encoded. */
char *
scdl_msg(const char *code,...)
{
	StringInfoData buf;
	va_list		ap;
	const char *arg;
	char		sep = ':';

	if (msg_lookup(code, strlen(code)) == NULL)
		elog(ERROR, "unknown SCDL message code \"%s\"", code);
	initStringInfo(&buf);
	appendStringInfoString(&buf, code);
	va_start(ap, code);
	for (arg = va_arg(ap, const char *); arg != NULL; arg = va_arg(ap, const char *))
	{
		append_arg(&buf, sep, arg);
		sep = '|';
	}
	va_end(ap);
	return buf.data;
}

/* An integer as a message argument. */
char *
scdl_msg_int(int i)
{
	return psprintf("%d", i);
}

/* A message naming arg (unless NULL) and then another message (encoded), its reason or cause. */
char *
scdl_msg_nest(const char *code, const char *arg, const char *inner)
{
	char	   *head = arg ? SCDL_MSG(code, arg) : SCDL_MSG(code);
	char	   *s = psprintf("%s%c%s", head, arg ? '|' : ':', inner);
	char	   *colon = strchr(s + strlen(head) + 1, ':');

	if (colon)
		*colon = '|';			/* the inner code's own arguments follow it */
	return s;
}

/* A stored entry taken apart: field, code, arguments; false when it is not one. */
typedef struct Entry
{
	char	   *field;
	const MsgDef *def;
	char	   *args[16];
	int			nargs;
} Entry;

/* How many arguments the sentence of def names (%@N: N, and the inner code). */
static int
needed_args(const MsgDef *def)
{
	const char *f;
	int			n = def->fmt ? 0 : 1;

	for (f = def->fmt; f && *f; f++)
		if (f[0] == '%' && f[1] >= '1' && f[1] <= '9')
			n = Max(n, f[1] - '0');
		else if (f[0] == '%' && f[1] == '@' && f[2] >= '1' && f[2] <= '9')
			n = Max(n, f[2] - '0');
	return n;
}

/* Split msg (code[:args], without field) into e; false when the code is unknown or arguments are missing. */
static bool
parse_message(const char *msg, Entry *e)
{
	const char *p = msg;
	StringInfoData arg;

	while ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_')
		p++;
	if (p == msg || (*p != ':' && *p != '\0') || (e->def = msg_lookup(msg, p - msg)) == NULL)
		return false;
	e->nargs = 0;
	if (*p == '\0')
		return needed_args(e->def) == 0;
	initStringInfo(&arg);
	for (p++;; p++)
	{
		if (*p == '\\' && (p[1] == '|' || p[1] == '\\'))
			appendStringInfoChar(&arg, *++p);
		else if (*p == '|' || *p == '\0')
		{
			if (e->nargs < (int) lengthof(e->args))
				e->args[e->nargs++] = pstrdup(arg.data);
			resetStringInfo(&arg);
			if (*p == '\0')
				break;
		}
		else
			appendStringInfoChar(&arg, *p);
	}
	return e->nargs >= needed_args(e->def);
}

/* Split a stored entry (field:code[:args]) into e; false when it is not one. */
static bool
parse_entry(const char *entry, Entry *e)
{
	const char *p = entry;

	while ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z'))
		p++;
	if (*p != ':')
		return false;
	e->field = pnstrdup(entry, p - entry);
	return parse_message(p + 1, e);
}

/* Append the sentence of def with the arguments args[0..nargs). */
static void
render(StringInfo out, const MsgDef *def, char **args, int nargs)
{
	const char *f;

	if (def->fmt == NULL)
	{
		const char *v = nargs > 0 ? args[0] : "";
		char	   *why = orgid_error_text((OrgIdKind) def->orgid, v, strlen(v));

		/* a value the check accepts now (stored by a version whose check refused it) */
		if (why == NULL)
			why = psprintf("%s was refused by the %s check when it was loaded; it passes now", v,
						   orgid_type_name((OrgIdKind) def->orgid));
		appendStringInfoString(out, why);
		return;
	}
	for (f = def->fmt; *f; f++)
	{
		int			n;

		if (f[0] == '%' && f[1] >= '1' && f[1] <= '9')
		{
			n = f[1] - '1';
			if (n < nargs)
				appendStringInfoString(out, args[n]);
			f++;
		}
		else if (f[0] == '%' && f[1] == '@' && f[2] >= '1' && f[2] <= '9')
		{
			const MsgDef *inner;

			n = f[2] - '1';
			if (n < nargs && (inner = msg_lookup(args[n], strlen(args[n]))) != NULL)
				render(out, inner, args + n + 1, nargs - n - 1);
			else if (n < nargs)
				appendStringInfoString(out, args[n]);
			f += 2;
		}
		else if (f[0] == '%' && f[1] == '%')
		{
			appendStringInfoChar(out, '%');
			f++;
		}
		else
			appendStringInfoChar(out, *f);
	}
}

/* The sentence of a stored entry (with_field: "field:message") or of a message; any other text as it is. */
static char *
message_text(const char *text, bool with_field)
{
	Entry		e;
	StringInfoData out;

	e.field = "";
	if (!(with_field ? parse_entry(text, &e) : parse_message(text, &e)))
		return pstrdup(text);
	initStringInfo(&out);
	if (e.field[0])
		appendStringInfo(&out, "%s: ", e.field);
	render(&out, e.def, e.args, e.nargs);
	return out.data;
}

/* The sentence of an encoded message (without field). */
char *
scdl_msg_text(const char *msg)
{
	return message_text(msg, false);
}

/* The sentence of a stored entry ("field: sentence"); any other text as it is. */
char *
scdl_entry_text(const char *entry)
{
	return message_text(entry, true);
}

/* scdl_message(entry text) RETURNS text: the sentence of a stored reason or warning */
Datum
scdl_message(PG_FUNCTION_ARGS)
{
	size_t		len;
	char	   *s = pubfin_text_to_utf8(PG_GETARG_TEXT_PP(0), &len);
	char	   *r = scdl_entry_text(s);

	PG_RETURN_TEXT_P(pubfin_utf8_to_text(r, strlen(r)));
}

/*
 * scdl_message_parts(entry text) RETURNS (field text, code text, args text[],
 * message text).  A sentence stored before codes has no code nor args; its
 * field is the SCDL field name it starts with, if any.
 */
Datum
scdl_message_parts(PG_FUNCTION_ARGS)
{
	size_t		len;
	char	   *s = pubfin_text_to_utf8(PG_GETARG_TEXT_PP(0), &len);
	TupleDesc	tupdesc;
	Datum		values[4];
	bool		nulls[4] = {true, true, true, false};
	Entry		e;
	char	   *msg = scdl_entry_text(s);

	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "return type must be a row type");
	tupdesc = BlessTupleDesc(tupdesc);
	if (parse_entry(s, &e))
	{
		Datum	   *a = palloc(sizeof(Datum) * (e.nargs + 1));
		int			i;

		if (e.field[0])
		{
			values[0] = PointerGetDatum(pubfin_utf8_to_text(e.field, strlen(e.field)));
			nulls[0] = false;
		}
		values[1] = PointerGetDatum(pubfin_utf8_to_text(e.def->code, strlen(e.def->code)));
		nulls[1] = false;
		for (i = 0; i < e.nargs; i++)
			a[i] = PointerGetDatum(pubfin_utf8_to_text(e.args[i], strlen(e.args[i])));
		values[2] = PointerGetDatum(construct_array(a, e.nargs, TEXTOID, -1, false, TYPALIGN_INT));
		nulls[2] = false;
	}
	else
	{
		const char *colon = strstr(s, ": ");

		if (colon && scdl_field_by_name(pnstrdup(s, colon - s)) >= 0)
		{
			values[0] = PointerGetDatum(pubfin_utf8_to_text(s, colon - s));
			nulls[0] = false;
		}
	}
	values[3] = PointerGetDatum(pubfin_utf8_to_text(msg, strlen(msg)));
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls)));
}
