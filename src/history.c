/*
 * history.c: the history type in the server: storage, text and binary I/O,
 * comparison and hashing, jsonb casts, accessors, operators and spread().
 *
 * A history is a varlena holding (year, cents) entries sorted by year (see
 * history.h).  The text syntax lives in history_parse.c; binary input and the
 * constructors go through the same history_normalize check, so no path
 * builds an unsorted history, a year out of 1..9999 or a year twice.
 */
#include "pubfin.h"

#include "amount.h"
#include "history.h"

#include "catalog/pg_type.h"
#include "common/hashfn.h"
#include "funcapi.h"
#include "lib/stringinfo.h"
#include "libpq/pqformat.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/datetime.h"
#include "utils/jsonb.h"
#include "utils/lsyscache.h"
#include "utils/rangetypes.h"
#include "utils/typcache.h"

/* ---- storage helpers ---- */

/* Detoast a history and check its format version. */
History *
history_detoast(Datum d)
{
	History    *h = (History *) PG_DETOAST_DATUM(d);

	if (unlikely(h->version != HISTORY_VERSION))
		ereport(ERROR,
				(errcode(ERRCODE_DATA_CORRUPTED),
				 errmsg("unsupported history format version %d", (int) h->version),
				 errdetail("This build of pubfin reads version %d.", HISTORY_VERSION)));
	return h;
}

/* A new empty history with room for capacity years, in the current memory context. */
History *
history_alloc(int capacity)
{
	History    *h = palloc0(HISTORY_SIZE(capacity));

	SET_VARSIZE(h, HISTORY_SIZE(capacity));
	h->version = HISTORY_VERSION;
	return h;
}

/* A compact copy of h (no spare room) in the current memory context. */
History *
history_compact(const History *h)
{
	History    *r = palloc(HISTORY_SIZE(h->n));

	memcpy(r, h, HISTORY_SIZE(h->n));
	SET_VARSIZE(r, HISTORY_SIZE(h->n));
	return r;
}

/* Index of year in h, or -1 (binary search). */
int
history_find(const History *h, int32 year)
{
	int			lo = 0;
	int			hi = h->n - 1;

	while (lo <= hi)
	{
		int			mid = (lo + hi) / 2;

		if (h->e[mid].year == year)
			return mid;
		if (h->e[mid].year < year)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return -1;
}

/* Number of distinct years in the union of two sorted entry lists. */
int
history_union_count(const HistoryEntry *a, int na, const HistoryEntry *b, int nb)
{
	int			i = 0;
	int			j = 0;
	int			n = 0;

	while (i < na && j < nb)
	{
		if (a[i].year == b[j].year)
			i++, j++;
		else if (a[i].year < b[j].year)
			i++;
		else
			j++;
		n++;
	}
	return n + (na - i) + (nb - j);
}

/* Merge sorted a and b into dst->e from the end, summing equal years; a may be dst->e. */
void
history_merge_into(History *dst, const HistoryEntry *a, int na, const HistoryEntry *b, int nb)
{
	int			n = history_union_count(a, na, b, nb);
	int			i = na - 1;
	int			j = nb - 1;
	int			k = n - 1;

	while (j >= 0)
	{
		HistoryEntry e;

		if (i >= 0 && a[i].year == b[j].year)
		{
			e.year = a[i].year;
			e.cents = amount_add(a[i].cents, b[j].cents);
			i--, j--;
		}
		else if (i >= 0 && a[i].year > b[j].year)
			e = a[i--];
		else
			e = b[j--];
		e.reserved = 0;
		dst->e[k--] = e;
	}
	/* the rest of a is already in place when a is dst->e */
	if (a != dst->e)
		memcpy(dst->e, a, sizeof(HistoryEntry) * (i + 1));
	dst->n = n;
}

/* Raise 22023 unless 1 <= year <= 9999; what names the argument. */
void
history_check_year(int64 year, const char *what)
{
	if (year < HISTORY_MIN_YEAR || year > HISTORY_MAX_YEAR)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s is out of range for a history: " INT64_FORMAT, what, year),
				 errdetail("Years run from 1 to 9999.")));
}

/* A compact history from normalized pairs. */
static History *
history_from_pairs(const HistoryPair *pairs, size_t n)
{
	History    *h = history_alloc((int) n);
	size_t		k;

	for (k = 0; k < n; k++)
	{
		h->e[k].year = pairs[k].year;
		h->e[k].cents = pairs[k].cents;
	}
	h->n = (int) n;
	return h;
}

/* Normalize pairs that come from arrays or jsonb (pos = their index), raising 22023/22003. */
static History *
history_from_loose_pairs(HistoryPair *pairs, size_t n, const char *source)
{
	size_t		bad;

	switch (history_normalize(pairs, n, &bad))
	{
		case HISTORY_OK:
			break;
		case HISTORY_ERR_YEAR_RANGE:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("year is out of range for a history: %d", (int) pairs[bad].year),
					 errdetail("Years run from 1 to 9999 (%s).", source)));
			break;
		case HISTORY_ERR_DUPLICATE:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("year %d appears twice in %s", (int) pairs[bad].year, source),
					 errhint("Give each year once; history_agg(year, amount) sums the amounts of a year.")));
			break;
		default:
			amount_overflow_error("amount");
	}
	return history_from_pairs(pairs, n);
}

/* ---- text I/O ---- */

/* history_error() quotes this many bytes of a bad input at most (64 MB), so that its message stays far below the 1 GB limit. */
#define HISTORY_ERROR_QUOTE (1 << 26)

/* Parse text as a history; on failure raise (raise = true) or return NULL with *msg set. */
static History *
history_from_text(const char *str, size_t len, bool raise, char **msg)
{
	size_t		cap = history_max_pairs(str, len);
	HistoryPair *pairs = palloc(sizeof(HistoryPair) * (cap > 0 ? cap : 1));
	size_t		n;
	HistoryParseError err;
	char		detail[600];
	char	   *value;
	const char *hint;
	History    *h;

	if (history_parse(str, len, pairs, cap, &n, &err) == HISTORY_OK)
	{
		h = history_from_pairs(pairs, n);
		pfree(pairs);
		return h;
	}
	history_describe_error(str, len, &err, detail, sizeof(detail));
	value = pnstrdup(str, len);
	hint = history_error_hint(&err);
	if (!raise)
	{
		/* quote at most HISTORY_ERROR_QUOTE bytes, so that the message never outgrows the input */
		int			shown = len > HISTORY_ERROR_QUOTE ? pg_mbcliplen(value, (int) len, HISTORY_ERROR_QUOTE) : (int) len;

		*msg = psprintf("%s for type history: \"%.*s%s\". %s",
						err.status == HISTORY_ERR_AMOUNT_RANGE ? "value out of range" : "invalid input syntax",
						shown, value, (size_t) shown < len ? "..." : "", detail);
		return NULL;
	}
	if (err.status == HISTORY_ERR_AMOUNT_RANGE)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("value out of range for type history: \"%s\"", value),
				 errdetail("%s", detail)));
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
			 errmsg("invalid input syntax for type history: \"%s\"", value),
			 errdetail("%s", detail),
			 hint ? errhint("%s", hint) : 0));
	return NULL;
}

/*
 * Write h in braces, each year with pairfmt (an int year, then the amount
 * text), the pairs separated by sep: the text form and the jsonb text.
 */
static char *
history_to_cstring(const History *h, const char *pairfmt, const char *sep)
{
	StringInfoData buf;
	char		amt[AMOUNT_FORMAT_BUFLEN];
	int			k;

	initStringInfo(&buf);
	appendStringInfoChar(&buf, '{');
	for (k = 0; k < h->n; k++)
	{
		if (k > 0)
			appendStringInfoString(&buf, sep);
		amount_format(h->e[k].cents, AMOUNT_LOCALE_DEFAULT, amt);
		appendStringInfo(&buf, pairfmt, h->e[k].year, amt);
	}
	appendStringInfoChar(&buf, '}');
	return buf.data;
}

PG_FUNCTION_INFO_V1(history_in);
PG_FUNCTION_INFO_V1(history_out);
PG_FUNCTION_INFO_V1(history_recv);
PG_FUNCTION_INFO_V1(history_send);
PG_FUNCTION_INFO_V1(history_error);

/* history_in: the type's text input. */
Datum
history_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);

	PG_RETURN_HISTORY_P(history_from_text(str, strlen(str), true, NULL));
}

/* history_out: canonical text, years ascending, amounts with two decimals. */
Datum
history_out(PG_FUNCTION_ARGS)
{
	PG_RETURN_CSTRING(history_to_cstring(PG_GETARG_HISTORY_P(0), "%d:%s", ","));
}

/* history_error(text): the message history input would raise, or NULL when valid. */
Datum
history_error(PG_FUNCTION_ARGS)
{
	text	   *t = PG_GETARG_TEXT_PP(0);
	char	   *msg = NULL;

	if (history_from_text(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t), false, &msg) != NULL)
		PG_RETURN_NULL();
	PG_RETURN_TEXT_P(cstring_to_text(msg));
}

/* Raise 22P03 for bad binary history input. */
static void
history_binary_error(const char *why, int arg)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
			 errmsg("invalid binary history"),
			 errdetail(why, arg)));
}

/*
 * history_recv: binary input, version byte 1, int4 count, then per year an
 * int4 year and an int8 of cents; checked like text input.
 */
Datum
history_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int			version = pq_getmsgbyte(buf);
	int32		n;
	HistoryPair *pairs;
	size_t		bad;
	HistoryStatus status;
	int			k;

	if (version != HISTORY_VERSION)
		history_binary_error("Unsupported format version %d.", version);
	n = pq_getmsgint(buf, 4);
	if (n < 0 || n > HISTORY_MAX_YEARS)
		history_binary_error("Bad number of years: %d.", n);
	if ((buf->len - buf->cursor) != n * 12)
		history_binary_error("The data does not hold %d years.", n);
	pairs = palloc(sizeof(HistoryPair) * (n > 0 ? n : 1));
	for (k = 0; k < n; k++)
	{
		pairs[k].year = pq_getmsgint(buf, 4);
		pairs[k].cents = pq_getmsgint64(buf);
		pairs[k].pos = k;
	}
	status = history_normalize(pairs, n, &bad);
	if (status == HISTORY_ERR_YEAR_RANGE)
		history_binary_error("Year %d is out of range 1 to 9999.", pairs[bad].year);
	if (status == HISTORY_ERR_DUPLICATE)
		history_binary_error("Year %d appears twice.", pairs[bad].year);
	if (status != HISTORY_OK)
		history_binary_error("The amount of year %d is out of range.", pairs[bad].year);
	PG_RETURN_HISTORY_P(history_from_pairs(pairs, n));
}

/* history_send: binary output (see history_recv). */
Datum
history_send(PG_FUNCTION_ARGS)
{
	History    *h = PG_GETARG_HISTORY_P(0);
	StringInfoData buf;
	int			k;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, HISTORY_VERSION);
	pq_sendint32(&buf, h->n);
	for (k = 0; k < h->n; k++)
	{
		pq_sendint32(&buf, h->e[k].year);
		pq_sendint64(&buf, h->e[k].cents);
	}
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/* ---- comparison and hashing ---- */

/* Lexicographic order on the (year, amount) pairs; a prefix sorts first. */
static int
history_cmp_internal(const History *a, const History *b)
{
	int			n = Min(a->n, b->n);
	int			k;

	for (k = 0; k < n; k++)
	{
		if (a->e[k].year != b->e[k].year)
			return a->e[k].year < b->e[k].year ? -1 : 1;
		if (a->e[k].cents != b->e[k].cents)
			return a->e[k].cents < b->e[k].cents ? -1 : 1;
	}
	return (a->n > b->n) - (a->n < b->n);
}

/* Compare arguments 0 and 1, freeing detoasted copies. */
static int
history_cmp_args(FunctionCallInfo fcinfo)
{
	History    *a = PG_GETARG_HISTORY_P(0);
	History    *b = PG_GETARG_HISTORY_P(1);
	int			r = history_cmp_internal(a, b);

	PG_FREE_IF_COPY(a, 0);
	PG_FREE_IF_COPY(b, 1);
	return r;
}

PG_FUNCTION_INFO_V1(history_cmp);
PG_FUNCTION_INFO_V1(history_eq);
PG_FUNCTION_INFO_V1(history_ne);
PG_FUNCTION_INFO_V1(history_lt);
PG_FUNCTION_INFO_V1(history_le);
PG_FUNCTION_INFO_V1(history_gt);
PG_FUNCTION_INFO_V1(history_ge);
PG_FUNCTION_INFO_V1(history_hash);
PG_FUNCTION_INFO_V1(history_hash_extended);

/* btree support: -1, 0 or 1. */
Datum
history_cmp(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(history_cmp_args(fcinfo));
}

/* h1 = h2. */
Datum
history_eq(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(history_cmp_args(fcinfo) == 0);
}

/* h1 <> h2. */
Datum
history_ne(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(history_cmp_args(fcinfo) != 0);
}

/* h1 < h2. */
Datum
history_lt(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(history_cmp_args(fcinfo) < 0);
}

/* h1 <= h2. */
Datum
history_le(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(history_cmp_args(fcinfo) <= 0);
}

/* h1 > h2. */
Datum
history_gt(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(history_cmp_args(fcinfo) > 0);
}

/* h1 >= h2. */
Datum
history_ge(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(history_cmp_args(fcinfo) >= 0);
}

/* Hash of the entries in use (their reserved field is always zero). */
Datum
history_hash(PG_FUNCTION_ARGS)
{
	History    *h = PG_GETARG_HISTORY_P(0);

	return hash_any((const unsigned char *) h->e, h->n * sizeof(HistoryEntry));
}

/* 64-bit seeded hash of the entries in use. */
Datum
history_hash_extended(PG_FUNCTION_ARGS)
{
	History    *h = PG_GETARG_HISTORY_P(0);

	return hash_any_extended((const unsigned char *) h->e, h->n * sizeof(HistoryEntry),
							 PG_GETARG_INT64(1));
}

/* ---- constructors and casts ---- */

PG_FUNCTION_INFO_V1(history_from_arrays);
PG_FUNCTION_INFO_V1(history_to_jsonb);
PG_FUNCTION_INFO_V1(history_from_jsonb);

/* The elements of a one-dimensional array without NULLs; what names it in errors. */
static Datum *
history_array_elements(ArrayType *arr, Oid elemtype, int16 elmlen, bool elmbyval, char elmalign,
					   int *n, const char *what)
{
	Datum	   *values;
	bool	   *nulls;
	int			k;

	if (ARR_NDIM(arr) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("%s must be a one-dimensional array", what)));
	deconstruct_array(arr, elemtype, elmlen, elmbyval, elmalign, &values, &nulls, n);
	for (k = 0; k < *n; k++)
		if (nulls[k])
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("%s must not contain NULL (element %d)", what, k + 1)));
	return values;
}

/* history(years int[], amounts amount[]): pairs in any order; no year twice. */
Datum
history_from_arrays(PG_FUNCTION_ARGS)
{
	ArrayType  *years = PG_GETARG_ARRAYTYPE_P(0);
	ArrayType  *amounts = PG_GETARG_ARRAYTYPE_P(1);
	int			ny;
	int			na;
	Datum	   *yv = history_array_elements(years, INT4OID, 4, true, TYPALIGN_INT, &ny, "years");
	Datum	   *av = history_array_elements(amounts, ARR_ELEMTYPE(amounts), 8, FLOAT8PASSBYVAL,
											TYPALIGN_DOUBLE, &na, "amounts");
	HistoryPair *pairs;
	int			k;

	if (ny != na)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("history() needs one amount per year: the years array has %d elements, the amounts array %d", ny, na)));
	pairs = palloc(sizeof(HistoryPair) * (ny > 0 ? ny : 1));
	for (k = 0; k < ny; k++)
	{
		pairs[k].year = DatumGetInt32(yv[k]);
		pairs[k].cents = DatumGetAmount(av[k]);
		pairs[k].pos = k;
	}
	PG_RETURN_HISTORY_P(history_from_loose_pairs(pairs, ny, "the years array"));
}

/* history::jsonb, {"2019": 35000.00, ...} (numbers with two decimals). */
Datum
history_to_jsonb(PG_FUNCTION_ARGS)
{
	char	   *text = history_to_cstring(PG_GETARG_HISTORY_P(0), "\"%d\": %s", ", ");

	return DirectFunctionCall1(jsonb_in, CStringGetDatum(text));
}

/* Raise 22023 for a jsonb value that cannot become a history. */
static void
history_jsonb_error(const char *why, const char *key)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("cannot cast jsonb to history: %s", why),
			 key ? errdetail("At key \"%s\".", key) : 0,
			 errhint("A history in jsonb is an object of years to amounts: {\"2019\": 35000.00}.")));
}

/* jsonb::history: an object whose keys are years and values numbers or amount text. */
Datum
history_from_jsonb(PG_FUNCTION_ARGS)
{
	Jsonb	   *jb = PG_GETARG_JSONB_P(0);
	JsonbIterator *it;
	JsonbValue	v;
	JsonbIteratorToken tok;
	HistoryPair *pairs;
	int			n = 0;
	int			cap;

	if (!JB_ROOT_IS_OBJECT(jb))
		history_jsonb_error("not an object", NULL);
	cap = JB_ROOT_COUNT(jb);
	pairs = palloc(sizeof(HistoryPair) * (cap > 0 ? cap : 1));
	it = JsonbIteratorInit(&jb->root);
	while ((tok = JsonbIteratorNext(&it, &v, true)) != WJB_DONE)
	{
		char	   *key;
		int64		year = 0;
		int			k;
		char	   *s;
		int64_t		cents;
		size_t		errpos;
		AmountStatus st;

		if (tok != WJB_KEY)
			continue;
		key = pnstrdup(v.val.string.val, v.val.string.len);
		for (k = 0; key[k] != '\0'; k++)
		{
			if (key[k] < '0' || key[k] > '9' || k >= 6)
				history_jsonb_error("a key is not a year", key);
			year = year * 10 + (key[k] - '0');
		}
		if (k == 0)
			history_jsonb_error("a key is not a year", key);
		if (year < HISTORY_MIN_YEAR || year > HISTORY_MAX_YEAR)
			history_jsonb_error("a year is out of range 1 to 9999", key);
		tok = JsonbIteratorNext(&it, &v, true);
		Assert(tok == WJB_VALUE);
		if (v.type == jbvNumeric)
			s = DatumGetCString(DirectFunctionCall1(numeric_out, NumericGetDatum(v.val.numeric)));
		else if (v.type == jbvString)
			s = pnstrdup(v.val.string.val, v.val.string.len);
		else if (v.type == jbvNull)
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("cannot cast jsonb to history: the amount of year %d is null", (int) year),
					 errhint("Remove the years without an amount.")));
		else
			history_jsonb_error("an amount is neither a number nor a string", key);
		st = amount_parse(s, strlen(s), AMOUNT_LOCALE_DEFAULT, &cents, &errpos);
		if (st != AMOUNT_OK)
			(void) amount_from_cstring(s, strlen(s));	/* raises the amount's own error */
		pairs[n].year = (int32) year;
		pairs[n].cents = cents;
		pairs[n].pos = n;
		n++;
	}
	PG_RETURN_HISTORY_P(history_from_loose_pairs(pairs, n, "the jsonb object"));
}

/* ---- operators ---- */

PG_FUNCTION_INFO_V1(history_plus);
PG_FUNCTION_INFO_V1(history_get);

/* h1 + h2: year by year sum (22003 on overflow). */
Datum
history_plus(PG_FUNCTION_ARGS)
{
	History    *a = PG_GETARG_HISTORY_P(0);
	History    *b = PG_GETARG_HISTORY_P(1);
	History    *r = history_alloc(history_union_count(a->e, a->n, b->e, b->n));

	history_merge_into(r, a->e, a->n, b->e, b->n);
	PG_RETURN_HISTORY_P(r);
}

/* h -> year: the amount of that year, or NULL. */
Datum
history_get(PG_FUNCTION_ARGS)
{
	History    *h = PG_GETARG_HISTORY_P(0);
	int			k = history_find(h, PG_GETARG_INT32(1));

	if (k < 0)
		PG_RETURN_NULL();
	PG_RETURN_AMOUNT(h->e[k].cents);
}

/* ---- accessors ---- */

PG_FUNCTION_INFO_V1(history_total);
PG_FUNCTION_INFO_V1(history_first_year);
PG_FUNCTION_INFO_V1(history_last_year);
PG_FUNCTION_INFO_V1(history_years);
PG_FUNCTION_INFO_V1(history_amounts);
PG_FUNCTION_INFO_V1(history_gaps);
PG_FUNCTION_INFO_V1(history_streak);
PG_FUNCTION_INFO_V1(history_renewals);
PG_FUNCTION_INFO_V1(history_renewed);
PG_FUNCTION_INFO_V1(history_change);
PG_FUNCTION_INFO_V1(history_growth);
PG_FUNCTION_INFO_V1(history_cagr);
PG_FUNCTION_INFO_V1(history_slice);
PG_FUNCTION_INFO_V1(history_rolling_total);
PG_FUNCTION_INFO_V1(history_deflate);
PG_FUNCTION_INFO_V1(history_sparkline);

/* The sum of the years from..to of h, exact in int128, then range-checked (22003). */
static Amount
sum_years(const History *h, int64 from, int64 to)
{
	int128		sum = 0;
	int			k;

	for (k = 0; k < h->n; k++)
		if (h->e[k].year >= from && h->e[k].year <= to)
			sum += h->e[k].cents;
	return amount_check_range(sum);
}

/* total(h): the sum of all years (22003 on overflow; 0.00 for {}). */
Datum
history_total(PG_FUNCTION_ARGS)
{
	PG_RETURN_AMOUNT(sum_years(PG_GETARG_HISTORY_P(0), HISTORY_MIN_YEAR, HISTORY_MAX_YEAR));
}

/* first_year(h), NULL for {}. */
Datum
history_first_year(PG_FUNCTION_ARGS)
{
	History    *h = PG_GETARG_HISTORY_P(0);

	if (h->n == 0)
		PG_RETURN_NULL();
	PG_RETURN_INT32(h->e[0].year);
}

/* last_year(h), NULL for {}. */
Datum
history_last_year(PG_FUNCTION_ARGS)
{
	History    *h = PG_GETARG_HISTORY_P(0);

	if (h->n == 0)
		PG_RETURN_NULL();
	PG_RETURN_INT32(h->e[h->n - 1].year);
}

/* An int4[] of n values. */
static ArrayType *
int4_array(const int32 *v, int n)
{
	Datum	   *d = palloc(sizeof(Datum) * (n > 0 ? n : 1));
	int			k;

	for (k = 0; k < n; k++)
		d[k] = Int32GetDatum(v[k]);
	return construct_array(d, n, INT4OID, 4, true, TYPALIGN_INT);
}

/* years(h): the years, ascending. */
Datum
history_years(PG_FUNCTION_ARGS)
{
	History    *h = PG_GETARG_HISTORY_P(0);
	int32	   *v = palloc(sizeof(int32) * (h->n > 0 ? h->n : 1));
	int			k;

	for (k = 0; k < h->n; k++)
		v[k] = h->e[k].year;
	PG_RETURN_ARRAYTYPE_P(int4_array(v, h->n));
}

/* amounts(h): the amounts, in year order (an amount[]). */
Datum
history_amounts(PG_FUNCTION_ARGS)
{
	History    *h = PG_GETARG_HISTORY_P(0);
	Oid			elemtype = get_element_type(get_fn_expr_rettype(fcinfo->flinfo));
	Datum	   *d = palloc(sizeof(Datum) * (h->n > 0 ? h->n : 1));
	int			k;

	if (!OidIsValid(elemtype))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("could not determine the amount type")));
	for (k = 0; k < h->n; k++)
		d[k] = AmountGetDatum(h->e[k].cents);
	PG_RETURN_ARRAYTYPE_P(construct_array(d, h->n, elemtype, 8, FLOAT8PASSBYVAL, TYPALIGN_DOUBLE));
}

/* gaps(h): the years between first and last that are absent. */
Datum
history_gaps(PG_FUNCTION_ARGS)
{
	History    *h = PG_GETARG_HISTORY_P(0);
	int32	   *v;
	int			n = 0;
	int			k;

	if (h->n == 0)
		PG_RETURN_ARRAYTYPE_P(int4_array(NULL, 0));
	v = palloc(sizeof(int32) * (h->e[h->n - 1].year - h->e[0].year + 1));
	for (k = 1; k < h->n; k++)
	{
		int32		y;

		for (y = h->e[k - 1].year + 1; y < h->e[k].year; y++)
			v[n++] = y;
	}
	PG_RETURN_ARRAYTYPE_P(int4_array(v, n));
}

/* streak(h): the number of consecutive years ending at the last year (0 for {}). */
Datum
history_streak(PG_FUNCTION_ARGS)
{
	History    *h = PG_GETARG_HISTORY_P(0);
	int			k = h->n - 1;

	if (h->n == 0)
		PG_RETURN_INT32(0);
	while (k > 0 && h->e[k - 1].year == h->e[k].year - 1)
		k--;
	PG_RETURN_INT32(h->n - k);
}

/* Does entry k renew entry k-1 (consecutive years, same amount)? */
static inline bool
entry_renews(const History *h, int k)
{
	return k > 0 && h->e[k - 1].year == h->e[k].year - 1 && h->e[k - 1].cents == h->e[k].cents;
}

/* renewals(h): the number of years whose amount equals the previous year's. */
Datum
history_renewals(PG_FUNCTION_ARGS)
{
	History    *h = PG_GETARG_HISTORY_P(0);
	int			n = 0;
	int			k;

	for (k = 1; k < h->n; k++)
		if (entry_renews(h, k))
			n++;
	PG_RETURN_INT32(n);
}

/* renewed(h, year): was the amount of year the same as the year before? */
Datum
history_renewed(PG_FUNCTION_ARGS)
{
	History    *h = PG_GETARG_HISTORY_P(0);
	int			k = history_find(h, PG_GETARG_INT32(1));

	PG_RETURN_BOOL(k >= 0 && entry_renews(h, k));
}

/* Indexes of year and year - 1 in h; false when either is absent. */
static bool
year_and_previous(const History *h, int32 year, int *cur, int *prev)
{
	*cur = history_find(h, year);
	if (*cur <= 0 || h->e[*cur - 1].year != year - 1)
		return false;
	*prev = *cur - 1;
	return true;
}

/* change(h, year): amount of year minus amount of the year before; NULL when either is absent. */
Datum
history_change(PG_FUNCTION_ARGS)
{
	History    *h = PG_GETARG_HISTORY_P(0);
	int			cur;
	int			prev;

	if (!year_and_previous(h, PG_GETARG_INT32(1), &cur, &prev))
		PG_RETURN_NULL();
	PG_RETURN_AMOUNT(amount_sub(h->e[cur].cents, h->e[prev].cents));
}

/* growth(h, year): change / previous amount (exact, 20 significant digits); NULL when undefined. */
Datum
history_growth(PG_FUNCTION_ARGS)
{
	History    *h = PG_GETARG_HISTORY_P(0);
	int			cur;
	int			prev;

	if (!year_and_previous(h, PG_GETARG_INT32(1), &cur, &prev) || h->e[prev].cents == 0)
		PG_RETURN_NULL();
	PG_RETURN_NUMERIC(pubfin_ratio_numeric((int128) h->e[cur].cents - h->e[prev].cents,
										   h->e[prev].cents, 20));
}

/*
 * cagr(h): compound annual growth rate from the first to the last year,
 * (last / first) ^ (1 / (last_year - first_year)) - 1, to 12 decimals.  NULL
 * with fewer than two years, a first amount <= 0 or a last amount < 0.
 */
Datum
history_cagr(PG_FUNCTION_ARGS)
{
	History    *h = PG_GETARG_HISTORY_P(0);
	int64		first;
	int64		last;
	int32		span;
	Datum		ratio;
	Datum		exponent;
	Datum		r;

	if (h->n < 2)
		PG_RETURN_NULL();
	first = h->e[0].cents;
	last = h->e[h->n - 1].cents;
	span = h->e[h->n - 1].year - h->e[0].year;
	if (first <= 0 || last < 0)
		PG_RETURN_NULL();
	ratio = NumericGetDatum(pubfin_ratio_numeric(last, first, 40));
	exponent = NumericGetDatum(pubfin_ratio_numeric(1, span, 40));
	r = DirectFunctionCall2(numeric_power, ratio, exponent);
	r = DirectFunctionCall2(numeric_sub, r, NumericGetDatum(pubfin_int64_to_numeric(1)));
	r = DirectFunctionCall2(numeric_round, r, Int32GetDatum(12));
	PG_RETURN_DATUM(DirectFunctionCall1(numeric_trim_scale, r));
}

/* slice(h, from, to): the years from..to (inclusive). */
Datum
history_slice(PG_FUNCTION_ARGS)
{
	History    *h = PG_GETARG_HISTORY_P(0);
	int32		from = PG_GETARG_INT32(1);
	int32		to = PG_GETARG_INT32(2);
	int			lo = 0;
	int			hi;
	History    *r;

	if (from > to)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("slice bounds are reversed: from %d to %d", from, to),
				 errhint("Give the first year, then the last.")));
	while (lo < h->n && h->e[lo].year < from)
		lo++;
	hi = lo;
	while (hi < h->n && h->e[hi].year <= to)
		hi++;
	r = history_alloc(hi - lo);
	memcpy(r->e, h->e + lo, sizeof(HistoryEntry) * (hi - lo));
	r->n = hi - lo;
	PG_RETURN_HISTORY_P(r);
}

/* rolling_total(h, year, n): the total of the n years ending at year (22023 if n < 1). */
Datum
history_rolling_total(PG_FUNCTION_ARGS)
{
	History    *h = PG_GETARG_HISTORY_P(0);
	int32		year = PG_GETARG_INT32(1);
	int32		n = PG_GETARG_INT32(2);

	if (n < 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("rolling_total needs a window of at least one year, not %d", n)));
	PG_RETURN_AMOUNT(sum_years(h, (int64) year - n + 1, year));
}

/* The index value of year, raising 22023 when absent or not positive. */
static int64
index_value(const History *index, int32 year)
{
	int			k = history_find(index, year);

	if (k < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("the price index has no value for year %d", year),
				 errhint("Extend the index history to every year being deflated and to the base year.")));
	if (index->e[k].cents <= 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("the price index of year %d is not positive", year)));
	return index->e[k].cents;
}

/* deflate(h, index, base_year): amounts in constant money of base_year, cent-rounded. */
Datum
history_deflate(PG_FUNCTION_ARGS)
{
	History    *h = PG_GETARG_HISTORY_P(0);
	History    *index = PG_GETARG_HISTORY_P(1);
	int32		base_year = PG_GETARG_INT32(2);
	int64		base = index_value(index, base_year);
	History    *r = history_alloc(h->n);
	int			k;

	for (k = 0; k < h->n; k++)
	{
		int128		num = (int128) h->e[k].cents * base;

		r->e[k].year = h->e[k].year;
		r->e[k].cents = amount_check_range(pubfin_div_round_int128(num, index_value(index, h->e[k].year)));
	}
	r->n = h->n;
	PG_RETURN_HISTORY_P(r);
}

/* sparkline(h): one of ▁▂▃▄▅▆▇█ per year from first to last, scaled to the maximum; a space for a gap. */
Datum
history_sparkline(PG_FUNCTION_ARGS)
{
	static const char *const blocks[8] = {"▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"};
	History    *h = PG_GETARG_HISTORY_P(0);
	StringInfoData buf;
	int64		max = 0;
	int			k;

	initStringInfo(&buf);
	for (k = 0; k < h->n; k++)
		max = Max(max, h->e[k].cents);
	for (k = 0; k < h->n; k++)
	{
		int64		c = h->e[k].cents;
		int			level = 0;
		int32		y;

		if (k > 0)
			for (y = h->e[k - 1].year + 1; y < h->e[k].year; y++)
				appendStringInfoChar(&buf, ' ');
		/* eight equal bins of (0, max]: level = ceil(8 c / max) - 1 */
		if (c > 0 && max > 0)
			level = (int) (((int128) c * 8 + max - 1) / max) - 1;
		appendStringInfoString(&buf, blocks[level]);
	}
	PG_RETURN_TEXT_P(cstring_to_text(buf.data));
}

/* ---- spread ---- */

PG_FUNCTION_INFO_V1(history_spread_range);
PG_FUNCTION_INFO_V1(history_spread_years);

/* A history of total split over years first.. with the given weights, cent-exact. */
static History *
spread_weights(Amount total, int32 first, const int128 *weights, int n)
{
	int64	   *parts = palloc(sizeof(int64) * n);
	History    *h = history_alloc(n);
	int			k;

	pubfin_allocate_cents(total, weights, n, parts);
	for (k = 0; k < n; k++)
	{
		h->e[k].year = first + k;
		h->e[k].cents = parts[k];
	}
	h->n = n;
	return h;
}

/* The calendar year of a date. */
static int32
date_year(DateADT d)
{
	int			y;
	int			m;
	int			day;

	j2date(d + POSTGRES_EPOCH_JDATE, &y, &m, &day);
	return y;
}

/* The date of January 1st of year. */
static DateADT
year_start(int32 year)
{
	return date2j(year, 1, 1) - POSTGRES_EPOCH_JDATE;
}

/* spread(total, period daterange): pro rata temporis by days over calendar years, cent-exact. */
Datum
history_spread_range(PG_FUNCTION_ARGS)
{
	Amount		total = PG_GETARG_AMOUNT(0);
	RangeType  *r = PG_GETARG_RANGE_P(1);
	TypeCacheEntry *typcache = lookup_type_cache(RangeTypeGetOid(r), TYPECACHE_RANGE_INFO);
	RangeBound	lower;
	RangeBound	upper;
	bool		empty;
	DateADT		from;
	DateADT		until;			/* exclusive */
	int32		first;
	int32		last;
	int128	   *weights;
	int			k;

	range_deserialize(typcache, r, &lower, &upper, &empty);
	if (empty)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot spread an amount over an empty period")));
	if (lower.infinite || upper.infinite ||
		DATE_NOT_FINITE(DatumGetDateADT(lower.val)) || DATE_NOT_FINITE(DatumGetDateADT(upper.val)))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot spread an amount over an unbounded period"),
				 errhint("Give both the first and the last day, as in daterange('2021-07-01', '2024-06-30', '[]').")));
	from = DatumGetDateADT(lower.val) + (lower.inclusive ? 0 : 1);
	until = DatumGetDateADT(upper.val) + (upper.inclusive ? 1 : 0);
	first = date_year(from);
	last = date_year(until - 1);
	history_check_year(first, "first year of the period");
	history_check_year(last, "last year of the period");
	weights = palloc(sizeof(int128) * (last - first + 1));
	for (k = 0; k <= last - first; k++)
	{
		DateADT		s = Max(from, year_start(first + k));
		DateADT		e = Min(until, year_start(first + k + 1));

		weights[k] = e - s;
	}
	PG_RETURN_HISTORY_P(spread_weights(total, first, weights, last - first + 1));
}

/* spread(total, first_year, last_year): equal yearly parts, cent-exact (earlier years get the odd cents). */
Datum
history_spread_years(PG_FUNCTION_ARGS)
{
	Amount		total = PG_GETARG_AMOUNT(0);
	int32		first = PG_GETARG_INT32(1);
	int32		last = PG_GETARG_INT32(2);
	int128	   *weights;
	int			k;

	history_check_year(first, "first year");
	history_check_year(last, "last year");
	if (first > last)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("the first year %d comes after the last year %d", first, last)));
	weights = palloc(sizeof(int128) * (last - first + 1));
	for (k = 0; k <= last - first; k++)
		weights[k] = 1;
	PG_RETURN_HISTORY_P(spread_weights(total, first, weights, last - first + 1));
}
