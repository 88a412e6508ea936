/*
 * csv_sql.c: the SQL face of the CSV reader (csv.c).
 *
 * csv_rows(content, delimiter) returns the records of a CSV text as
 * (line_no, fields text[]) and raises on malformed input; csv_records() does
 * the same but reports a malformed record in an error column and goes on,
 * so that a loader can quarantine it; csv_delimiter(content) says which
 * delimiter the header uses.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "fmgr.h"
#include "funcapi.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/memutils.h"
#include "utils/tuplestore.h"

#include "csv.h"
#include "scdl.h"

PG_FUNCTION_INFO_V1(csv_rows);
PG_FUNCTION_INFO_V1(csv_records);
PG_FUNCTION_INFO_V1(csv_delimiter);

/* realloc for the reader, in the current memory context (raises when out of memory). */
void *
csv_palloc_realloc(void *ptr, size_t size)
{
	if (size == 0)
	{
		if (ptr)
			pfree(ptr);
		return NULL;
	}
	if (ptr == NULL)
		return MemoryContextAllocHuge(CurrentMemoryContext, size);
	return repalloc_huge(ptr, size);
}

/* Printable name of a delimiter, for messages. */
static const char *
delimiter_name(char d)
{
	switch (d)
	{
		case ',':
			return "comma";
		case ';':
			return "semicolon";
		case '\t':
			return "tab";
		default:
			return "character";
	}
}

/* The delimiter of content's header, raising 22P04 when it is ambiguous. */
char
detect_delimiter_or_raise(const char *data, size_t len)
{
	char		d = ',';

	if (csv_detect_delimiter(data, len, &d) != CSV_RECORD)
		ereport(ERROR,
				(errcode(ERRCODE_BAD_COPY_FILE_FORMAT),
				 errmsg("cannot tell the CSV delimiter from the header line"),
				 errdetail("Two of comma, semicolon and tab appear equally often outside quotes in the first record."),
				 errhint("Pass the delimiter explicitly, for example csv_rows(content, ';').")));
	return d;
}

/* The delimiter argument as one byte, raising 22023 when it cannot be one. */
static char
delimiter_from_text(text *t)
{
	char	   *s = text_to_cstring(t);

	if (strlen(s) != 1 || s[0] == '"' || s[0] == '\n' || s[0] == '\r' ||
		IS_HIGHBIT_SET(s[0]))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid CSV delimiter: \"%s\"", s),
				 errdetail("The delimiter must be a single ASCII character other than a quote or a line break."),
				 errhint("Use ',', ';' or E'\\t', or pass NULL to detect it from the header.")));
	return s[0];
}

/* Up to 20 characters of data from pos, cut on a character boundary, for messages. */
static char *
snippet(const char *data, size_t len, size_t pos)
{
	int			n = (int) Min(len - pos, 64);
	int			cut = pg_mbcliplen(data + pos, n, 20);
	int			i;

	/* stop at a line break */
	for (i = 0; i < cut; i++)
		if (data[pos + i] == '\n' || data[pos + i] == '\r')
			break;
	return pnstrdup(data + pos, i);
}

/* The error message of a malformed record (the caller raises it or returns it). */
char *
record_error_message(CsvReader *r, CsvStatus status)
{
	if (status == CSV_ERR_UNTERMINATED)
		return psprintf("unterminated quoted field at line %d", r->error_line);
	return psprintf("unexpected \"%s\" after a closing quote at line %d",
					snippet(r->data, r->len, r->error_pos), r->error_line);
}

/* Raise the error for a malformed record (22P04). */
static void
raise_record_error(CsvReader *r, CsvStatus status)
{
	if (status == CSV_ERR_UNTERMINATED)
		ereport(ERROR,
				(errcode(ERRCODE_BAD_COPY_FILE_FORMAT),
				 errmsg("invalid CSV: %s", record_error_message(r, status)),
				 errdetail("The quoted field that starts at line %d has no closing quote before the end of the input.",
						   r->error_line),
				 errhint("Close the field with a quote, and double every quote inside it (\"\").")));
	ereport(ERROR,
			(errcode(ERRCODE_BAD_COPY_FILE_FORMAT),
			 errmsg("invalid CSV: %s", record_error_message(r, status)),
			 errdetail("A closing quote must be followed by the delimiter (%s \"%c\") or a line break.",
					   delimiter_name(r->delimiter), r->delimiter),
			 errhint("Quote the whole field and double every quote inside it (\"\").")));
}

/* The current record's fields as a text[] (empty fields are empty strings). */
static Datum
record_to_array(CsvReader *r)
{
	Datum	   *elems = palloc(sizeof(Datum) * Max(r->nfields, 1));
	int			i;

	for (i = 0; i < r->nfields; i++)
		elems[i] = PointerGetDatum(cstring_to_text_with_len(r->buf + r->fields[i].off,
															(int) r->fields[i].len));
	return PointerGetDatum(construct_array(elems, r->nfields, TEXTOID, -1, false, TYPALIGN_INT));
}

/* Shared body of csv_rows (raising) and csv_records (reporting). */
static Datum
csv_rows_internal(FunctionCallInfo fcinfo, bool report)
{
	TupleDesc	tupdesc;
	Tuplestorestate *store;
	MemoryContext oldcxt;
	MemoryContext rowcxt;
	CsvReader	reader;
	char		delimiter;
	const char *data;
	size_t		len;

	/* a NULL content has no record */
	if (PG_ARGISNULL(0))
	{
		data = "";
		len = 0;
	}
	else
	{
		text	   *content = PG_GETARG_TEXT_PP(0);

		data = VARDATA_ANY(content);
		len = VARSIZE_ANY_EXHDR(content);
	}
	if (PG_NARGS() > 1 && !PG_ARGISNULL(1))
		delimiter = delimiter_from_text(PG_GETARG_TEXT_PP(1));
	else
		delimiter = detect_delimiter_or_raise(data, len);

	store = pubfin_begin_materialize(fcinfo, &tupdesc);

	rowcxt = AllocSetContextCreate(CurrentMemoryContext, "csv_rows record",
								   ALLOCSET_DEFAULT_SIZES);
	csv_init(&reader, data, len, delimiter, csv_palloc_realloc);

	for (;;)
	{
		CsvStatus	status = csv_next(&reader);
		Datum		values[3];
		bool		nulls[3] = {false, false, false};

		CHECK_FOR_INTERRUPTS();
		if (status == CSV_END)
			break;
		if (status == CSV_ERR_NOMEM)
			ereport(ERROR, (errcode(ERRCODE_OUT_OF_MEMORY), errmsg("out of memory")));
		if (status != CSV_RECORD && !report)
			raise_record_error(&reader, status);

		oldcxt = MemoryContextSwitchTo(rowcxt);
		values[0] = Int32GetDatum(reader.record_line);
		values[1] = record_to_array(&reader);
		if (report)
		{
			if (status == CSV_RECORD)
				nulls[2] = true;
			else
				values[2] = CStringGetTextDatum(record_error_message(&reader, status));
		}
		tuplestore_putvalues(store, tupdesc, values, nulls);
		MemoryContextSwitchTo(oldcxt);
		MemoryContextReset(rowcxt);
	}
	csv_free(&reader);
	MemoryContextDelete(rowcxt);

	return (Datum) 0;
}

/* csv_rows(content text, delimiter text DEFAULT NULL) RETURNS TABLE(line_no int, fields text[]) */
Datum
csv_rows(PG_FUNCTION_ARGS)
{
	return csv_rows_internal(fcinfo, false);
}

/* csv_records(content text, delimiter text DEFAULT NULL) RETURNS TABLE(line_no int, fields text[], error text) */
Datum
csv_records(PG_FUNCTION_ARGS)
{
	return csv_rows_internal(fcinfo, true);
}

/* csv_delimiter(content text) RETURNS text: the delimiter the header line uses. */
Datum
csv_delimiter(PG_FUNCTION_ARGS)
{
	text	   *content = PG_GETARG_TEXT_PP(0);
	char		d = detect_delimiter_or_raise(VARDATA_ANY(content), VARSIZE_ANY_EXHDR(content));

	PG_RETURN_TEXT_P(cstring_to_text_with_len(&d, 1));
}
