/*
 * siret.c: the siren, siret and rna types in the server: text and binary
 * I/O, validators for bulk loads, casts and accessors.
 *
 * Parsing and checking live in siret_check.c (no server headers), whose
 * comment cites INSEE's rule and the La Poste exception.  Comparison and
 * hashing are int8's own functions, declared LANGUAGE internal in
 * sql/install/20_siret.sql, because the stored int8 order is the order of
 * the identifiers.
 */
#include "pubfin.h"

#include "siret.h"
#include "libpq/pqformat.h"
#include "mb/pg_wchar.h"
#include "utils/builtins.h"

/* Fix the character position and length of an error when the server encoding is not UTF-8. */
static void
orgid_fix_error_position(OrgIdStatus status, OrgIdError *err, const char *str, size_t len)
{
	if (GetDatabaseEncoding() == PG_UTF8)
		return;
	if (status != ORGID_ERR_CHAR && status != ORGID_ERR_SEPARATOR && status != ORGID_ERR_PREFIX)
		return;
	err->len = Min((size_t) pg_mblen(str + err->pos), len - err->pos);
	err->charno = pg_mbstrlen_with_len(str, (int) err->pos) + 1;
}

/* Parse text as an identifier of that kind, raising 22P02 on failure. */
int64
orgid_from_cstring(OrgIdKind kind, const char *str, size_t len)
{
	int64_t		value = 0;
	OrgIdError	err;
	OrgIdStatus status = orgid_parse(kind, str, len, &value, &err);
	char		detail[512];
	const char *hint;

	if (likely(status == ORGID_OK))
		return (int64) value;
	orgid_fix_error_position(status, &err, str, len);
	orgid_describe_error(kind, status, &err, str, len, detail, sizeof(detail));
	hint = orgid_error_hint(kind, status, &err);
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
			 errmsg("invalid input syntax for type %s: \"%s\"", orgid_type_name(kind), pnstrdup(str, len)),
			 errdetail("%s", detail),
			 hint ? errhint("%s", hint) : 0));
	pg_unreachable();
}

/* The error message that input of this text would raise, or NULL when it is valid. */
char *
orgid_error_text(OrgIdKind kind, const char *str, size_t len)
{
	int64_t		value;
	OrgIdError	err;
	OrgIdStatus status = orgid_parse(kind, str, len, &value, &err);
	char		detail[512];

	if (status == ORGID_OK)
		return NULL;
	orgid_fix_error_position(status, &err, str, len);
	orgid_describe_error(kind, status, &err, str, len, detail, sizeof(detail));
	return psprintf("invalid input syntax for type %s: \"%s\". %s",
					orgid_type_name(kind), pnstrdup(str, len), detail);
}

/* Check a stored-form value from binary input or a bigint; raise 22P03/22P02/22003 when it is not valid. */
static int64
orgid_checked_value(OrgIdKind kind, int64 value, bool binary)
{
	OrgIdError	err;
	OrgIdStatus status = orgid_check_value(kind, value, &err);
	char		detail[512];
	const char *hint;

	if (likely(status == ORGID_OK))
		return value;
	orgid_describe_error(kind, status, &err, "", 0, detail, sizeof(detail));
	hint = orgid_error_hint(kind, status, &err);
	if (binary)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary value for type %s: " INT64_FORMAT, orgid_type_name(kind), value),
				 errdetail("%s", detail)));
	if (status == ORGID_ERR_RANGE)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("value " INT64_FORMAT " is out of range for type %s", value, orgid_type_name(kind)),
				 errdetail("%s", detail)));
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
			 errmsg("invalid value for type %s: " INT64_FORMAT, orgid_type_name(kind), value),
			 errdetail("%s", detail),
			 hint ? errhint("%s", hint) : 0));
	pg_unreachable();
}

/* Text form of a stored value as a palloc'd C string. */
static char *
orgid_cstring(OrgIdKind kind, int64 value, bool grouped)
{
	char	   *buf = palloc(ORGID_FORMAT_BUFLEN);

	orgid_format(kind, value, grouped, buf);
	return buf;
}

/* The validator SQL functions: the message, or NULL. */
static Datum
orgid_error_datum(OrgIdKind kind, text *t)
{
	char	   *msg = orgid_error_text(kind, VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t));

	if (msg == NULL)
		return (Datum) 0;
	return PointerGetDatum(cstring_to_text(msg));
}

PG_FUNCTION_INFO_V1(siren_in);
PG_FUNCTION_INFO_V1(siren_out);
PG_FUNCTION_INFO_V1(siren_recv);
PG_FUNCTION_INFO_V1(siren_error);
PG_FUNCTION_INFO_V1(siren_from_int8);
PG_FUNCTION_INFO_V1(format_siren);
PG_FUNCTION_INFO_V1(siret_in);
PG_FUNCTION_INFO_V1(siret_out);
PG_FUNCTION_INFO_V1(siret_recv);
PG_FUNCTION_INFO_V1(siret_error);
PG_FUNCTION_INFO_V1(siret_from_int8);
PG_FUNCTION_INFO_V1(siret_siren);
PG_FUNCTION_INFO_V1(siret_nic);
PG_FUNCTION_INFO_V1(format_siret);
PG_FUNCTION_INFO_V1(rna_in);
PG_FUNCTION_INFO_V1(rna_out);
PG_FUNCTION_INFO_V1(rna_recv);
PG_FUNCTION_INFO_V1(rna_error);

/* siren_in: text input, 9 digits with optional blanks between groups. */
Datum
siren_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);

	PG_RETURN_SIREN(orgid_from_cstring(ORGID_SIREN, str, strlen(str)));
}

/* siren_out: the 9 digits, zero-padded. */
Datum
siren_out(PG_FUNCTION_ARGS)
{
	PG_RETURN_CSTRING(orgid_cstring(ORGID_SIREN, PG_GETARG_SIREN(0), false));
}

/* siren_recv: binary input, an int8 checked like text input. */
Datum
siren_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);

	PG_RETURN_SIREN(orgid_checked_value(ORGID_SIREN, pq_getmsgint64(buf), true));
}

/* siren_error(text): the message siren input would raise, or NULL when valid. */
Datum
siren_error(PG_FUNCTION_ARGS)
{
	Datum		d = orgid_error_datum(ORGID_SIREN, PG_GETARG_TEXT_PP(0));

	if (d == (Datum) 0)
		PG_RETURN_NULL();
	PG_RETURN_DATUM(d);
}

/* siren(bigint): the cast from bigint, checked. */
Datum
siren_from_int8(PG_FUNCTION_ARGS)
{
	PG_RETURN_SIREN(orgid_checked_value(ORGID_SIREN, PG_GETARG_INT64(0), false));
}

/* format_siren(siren): grouped by three, '356 000 000'. */
Datum
format_siren(PG_FUNCTION_ARGS)
{
	PG_RETURN_TEXT_P(cstring_to_text(orgid_cstring(ORGID_SIREN, PG_GETARG_SIREN(0), true)));
}

/* siret_in: text input, 14 digits with optional blanks between groups. */
Datum
siret_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);

	PG_RETURN_SIRET(orgid_from_cstring(ORGID_SIRET, str, strlen(str)));
}

/* siret_out: the 14 digits, zero-padded. */
Datum
siret_out(PG_FUNCTION_ARGS)
{
	PG_RETURN_CSTRING(orgid_cstring(ORGID_SIRET, PG_GETARG_SIRET(0), false));
}

/* siret_recv: binary input, an int8 checked like text input. */
Datum
siret_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);

	PG_RETURN_SIRET(orgid_checked_value(ORGID_SIRET, pq_getmsgint64(buf), true));
}

/* siret_error(text): the message siret input would raise, or NULL when valid. */
Datum
siret_error(PG_FUNCTION_ARGS)
{
	Datum		d = orgid_error_datum(ORGID_SIRET, PG_GETARG_TEXT_PP(0));

	if (d == (Datum) 0)
		PG_RETURN_NULL();
	PG_RETURN_DATUM(d);
}

/* siret(bigint): the cast from bigint, checked. */
Datum
siret_from_int8(PG_FUNCTION_ARGS)
{
	PG_RETURN_SIRET(orgid_checked_value(ORGID_SIRET, PG_GETARG_INT64(0), false));
}

/* siren(siret): the SIREN of an establishment, its first 9 digits (valid by construction). */
Datum
siret_siren(PG_FUNCTION_ARGS)
{
	PG_RETURN_SIREN(siret_get_siren(PG_GETARG_SIRET(0)));
}

/* nic(siret): the 5-digit establishment number, zero-padded. */
Datum
siret_nic(PG_FUNCTION_ARGS)
{
	char		buf[8];

	snprintf(buf, sizeof(buf), "%05d", (int) (PG_GETARG_SIRET(0) % 100000));
	PG_RETURN_TEXT_P(cstring_to_text(buf));
}

/* format_siret(siret): grouped as INSEE writes it, '356 000 000 00048'. */
Datum
format_siret(PG_FUNCTION_ARGS)
{
	PG_RETURN_TEXT_P(cstring_to_text(orgid_cstring(ORGID_SIRET, PG_GETARG_SIRET(0), true)));
}

/* rna_in: text input, W and 9 characters, upper-cased. */
Datum
rna_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);

	PG_RETURN_RNA(orgid_from_cstring(ORGID_RNA, str, strlen(str)));
}

/* rna_out: W and 9 characters, capital letters. */
Datum
rna_out(PG_FUNCTION_ARGS)
{
	PG_RETURN_CSTRING(orgid_cstring(ORGID_RNA, PG_GETARG_RNA(0), false));
}

/* rna_recv: binary input, the stored int8 checked. */
Datum
rna_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);

	PG_RETURN_RNA(orgid_checked_value(ORGID_RNA, pq_getmsgint64(buf), true));
}

/* rna_error(text): the message rna input would raise, or NULL when valid. */
Datum
rna_error(PG_FUNCTION_ARGS)
{
	Datum		d = orgid_error_datum(ORGID_RNA, PG_GETARG_TEXT_PP(0));

	if (d == (Datum) 0)
		PG_RETURN_NULL();
	PG_RETURN_DATUM(d);
}
