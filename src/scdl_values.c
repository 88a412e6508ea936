/*
 * scdl_values.c: normalisers for the values of SCDL "subventions" fields.
 *
 * Each one reads the raw text of a cell and never raises: it returns a row
 * (value ..., warning, error).  A value with a known, unambiguous variant is
 * normalised and the warning says what was changed; a value that cannot be
 * interpreted gives NULL values and the error.  An empty or blank cell gives
 * a row of NULLs: whether the field is required is the loader's business.
 * Messages name the raw value, not the field: the loader prefixes the column.
 */
#include "postgres.h"

#include "datatype/timestamp.h"
#include "fmgr.h"
#include "funcapi.h"
#include "access/htup_details.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/datetime.h"
#include "utils/numeric.h"

#include "amount.h"
#include "blank.h"
#include "scdl.h"

PG_FUNCTION_INFO_V1(scdl_date);
PG_FUNCTION_INFO_V1(scdl_period);
PG_FUNCTION_INFO_V1(scdl_nature);
PG_FUNCTION_INFO_V1(scdl_boolean);
PG_FUNCTION_INFO_V1(scdl_amount);
PG_FUNCTION_INFO_V1(scdl_share);
PG_FUNCTION_INFO_V1(scdl_identifier);

/* Start a row whose value columns are all NULL. */
static void
row_init(NormRow *row, int nvalues)
{
	int			i;

	row->nvalues = nvalues;
	for (i = 0; i < SCDL_NORM_MAX_COLS; i++)
	{
		row->values[i] = (Datum) 0;
		row->nulls[i] = true;
	}
	row->nwarn = 0;
	row->error = NULL;
}

/* Set value column i. */
static void
row_set(NormRow *row, int i, Datum value)
{
	row->values[i] = value;
	row->nulls[i] = false;
}

/* Add a warning (an encoded message). */
static void
row_warn(NormRow *row, const char *msg)
{
	if (row->nwarn < SCDL_NORM_MAX_WARN)
		row->warn[row->nwarn++] = (char *) msg;
}

/* Record the error; the values are cleared (an error means nothing was read). */
static void
row_fail(NormRow *row, const char *msg)
{
	int			i;

	row->error = (char *) msg;
	for (i = 0; i < row->nvalues; i++)
		row->nulls[i] = true;
}

/* The row as a composite datum, the descriptor cached in fn_extra. */
static Datum
row_return(FunctionCallInfo fcinfo, NormRow *row)
{
	TupleDesc	tupdesc = (TupleDesc) fcinfo->flinfo->fn_extra;
	int			n = row->nvalues;

	if (tupdesc == NULL)
	{
		MemoryContext old = MemoryContextSwitchTo(fcinfo->flinfo->fn_mcxt);

		if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
			elog(ERROR, "return type must be a row type");
		tupdesc = BlessTupleDesc(CreateTupleDescCopy(tupdesc));
		fcinfo->flinfo->fn_extra = tupdesc;
		MemoryContextSwitchTo(old);
	}
	if (row->nwarn > 0 && row->error == NULL)
	{
		StringInfoData w;
		int			i;

		initStringInfo(&w);
		for (i = 0; i < row->nwarn; i++)
			appendStringInfo(&w, "%s%s", i ? "; " : "", scdl_msg_text(row->warn[i]));
		row_set(row, n, PointerGetDatum(pubfin_utf8_to_text(w.data, w.len)));
	}
	if (row->error != NULL)
	{
		char	   *e = scdl_msg_text(row->error);

		row_set(row, n + 1, PointerGetDatum(pubfin_utf8_to_text(e, strlen(e))));
	}
	return HeapTupleGetDatum(heap_form_tuple(tupdesc, row->values, row->nulls));
}

/* Length of a blank (see blank.h) at s[i], or 0. */
static int
blank_len(const char *s, size_t len, size_t i)
{
	return (int) pubfin_blank_len((const unsigned char *) s, len, i);
}

/* Where the cell starts without its blanks; *outlen gets its length without them. */
static size_t
trim_bounds(const char *s, size_t n, size_t *outlen)
{
	size_t		start = 0;
	int			b;

	while (start < n && (b = blank_len(s, n, start)) > 0)
		start += b;
	for (;;)
	{
		/* trailing blanks: test the 1-, 2- and 3-byte forms ending at n */
		if (n > start && blank_len(s, n, n - 1) == 1)
			n--;
		else if (n >= start + 2 && blank_len(s, n, n - 2) == 2)
			n -= 2;
		else if (n >= start + 3 && blank_len(s, n, n - 3) == 3)
			n -= 3;
		else
			break;
	}
	*outlen = n - start;
	return start;
}

/* The cell without surrounding blanks (a new NUL-terminated copy); *outlen gets its length. */
char *
scdl_trim(const char *s, size_t n, size_t *outlen)
{
	size_t		start = trim_bounds(s, n, outlen);

	return pnstrdup(s + start, *outlen);
}

/* The same, but s itself (from its first non-blank) when it ends with no blank: s must be NUL-terminated. */
char *
scdl_trim_view(const char *s, size_t n, size_t *outlen)
{
	size_t		start = trim_bounds(s, n, outlen);

	if (start + *outlen == n)
		return (char *) s + start;
	return pnstrdup(s + start, *outlen);
}

/* The argument as UTF-8 without surrounding blanks; *len gets its length. */
static char *
arg_trimmed(FunctionCallInfo fcinfo, size_t *len)
{
	size_t		n;
	char	   *s = pubfin_text_to_utf8(PG_GETARG_TEXT_PP(0), &n);

	return scdl_trim(s, n, len);
}
/* Value of exactly n ASCII digits at s[pos], or -1. */
static int
digits_at(const char *s, size_t len, size_t pos, int n)
{
	int			v = 0;
	int			i;

	if (pos + n > len)
		return -1;
	for (i = 0; i < n; i++)
	{
		if (s[pos + i] < '0' || s[pos + i] > '9')
			return -1;
		v = v * 10 + (s[pos + i] - '0');
	}
	return v;
}

/* Whether s[pos] is an ASCII digit. */
static bool
is_digit_at(const char *s, size_t len, size_t pos)
{
	return pos < len && s[pos] >= '0' && s[pos] <= '9';
}

/* The forms of date the normalisers recognise. */
typedef enum DateForm
{
	DF_NONE = 0,
	DF_ISO,						/* 2017-06-27 */
	DF_DMY,						/* 27/06/2017 or 7/6/2017 */
	DF_YMD,						/* 2018/04/14: year first, with slashes */
	DF_YEAR						/* 2017 */
} DateForm;

/* A date read at the start of a string. */
typedef struct ParsedDate
{
	DateForm	form;
	size_t		consumed;
	int			y,
				m,
				d;
} ParsedDate;

/* Read a date at s[pos]: ISO, day-first with slashes, or a year alone. */
static ParsedDate
parse_date_prefix(const char *s, size_t len, size_t pos)
{
	ParsedDate	p = {DF_NONE, 0, 0, 0, 0};
	int			y = digits_at(s, len, pos, 4);
	int			dlen;
	int			mlen;

	if (y >= 0 && pos + 4 < len && s[pos + 4] == '-' &&
		digits_at(s, len, pos + 5, 2) >= 0 && pos + 7 < len && s[pos + 7] == '-' &&
		digits_at(s, len, pos + 8, 2) >= 0 && !is_digit_at(s, len, pos + 10))
	{
		p.form = DF_ISO;
		p.consumed = 10;
		p.y = y;
		p.m = digits_at(s, len, pos + 5, 2);
		p.d = digits_at(s, len, pos + 8, 2);
		return p;
	}
	if (y >= 0 && pos + 4 < len && s[pos + 4] == '/' &&
		digits_at(s, len, pos + 5, 2) >= 0 && pos + 7 < len && s[pos + 7] == '/' &&
		digits_at(s, len, pos + 8, 2) >= 0 && !is_digit_at(s, len, pos + 10))
	{
		p.form = DF_YMD;
		p.consumed = 10;
		p.y = y;
		p.m = digits_at(s, len, pos + 5, 2);
		p.d = digits_at(s, len, pos + 8, 2);
		return p;
	}
	if (y >= 0 && !is_digit_at(s, len, pos + 4) &&
		(pos + 4 == len || s[pos + 4] == '/' || s[pos + 4] == '_' || s[pos + 4] == ' '))
	{
		p.form = DF_YEAR;
		p.consumed = 4;
		p.y = y;
		return p;
	}
	/* day first: 27/06/2017, 7/6/2017, 27-06-2017, 27.06.2017 (the same mark twice) */
	dlen = is_digit_at(s, len, pos + 1) ? 2 : 1;
	if (digits_at(s, len, pos, dlen) < 0 || pos + dlen >= len ||
		(s[pos + dlen] != '/' && s[pos + dlen] != '-' && s[pos + dlen] != '.'))
		return p;
	mlen = is_digit_at(s, len, pos + dlen + 2) ? 2 : 1;
	if (digits_at(s, len, pos + dlen + 1, mlen) < 0 || pos + dlen + 1 + mlen >= len ||
		s[pos + dlen + 1 + mlen] != s[pos + dlen] ||
		digits_at(s, len, pos + dlen + mlen + 2, 4) < 0 ||
		is_digit_at(s, len, pos + dlen + mlen + 6))
		return p;
	p.form = DF_DMY;
	p.consumed = dlen + mlen + 6;
	p.d = digits_at(s, len, pos, dlen);
	p.m = digits_at(s, len, pos + dlen + 1, mlen);
	p.y = digits_at(s, len, pos + dlen + mlen + 2, 4);
	return p;
}

/* Whether y is a year a date may name: 1900 to 2100. */
static bool
year_ok(int y)
{
	return y >= 1900 && y <= 2100;
}

/* Why y-m-d is not a date we accept, or NULL. */
static const char *
check_ymd(int y, int m, int d)
{
	static const int mdays[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	if (!year_ok(y))
		return SCDL_MSG("year_range", scdl_msg_int(y));
	if (m < 1 || m > 12)
		return SCDL_MSG("no_month", scdl_msg_int(m));
	if (d < 1 || d > mdays[m - 1] ||
		(m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)))
		return SCDL_MSG("no_day", scdl_msg_int(d), psprintf("%04d-%02d", y, m));
	return NULL;
}

/* y-m-d as a date datum (checked by check_ymd first). */
static Datum
ymd_datum(int y, int m, int d)
{
	return DateADTGetDatum(date2j(y, m, d) - POSTGRES_EPOCH_JDATE);
}

/*
 * Whether s[pos..len) is a time of day to drop: [T ]HH:MM[:SS][.f*], a local
 * time, or that at midnight followed by Z (UTC); a UTC time other than
 * midnight may fall on another day here.  A fraction after the minutes is
 * only read at midnight, with zeros.
 */
static bool
is_time_suffix(const char *s, size_t len, size_t pos)
{
	size_t		p = pos + 1;
	int			hh = digits_at(s, len, p, 2);
	int			mm = digits_at(s, len, p + 3, 2);
	int			ss = 0;
	bool		seconds = false;
	bool		midnight;
	bool		zero_fraction = true;
	bool		fraction = false;

	if (pos >= len || (s[pos] != 'T' && s[pos] != ' ') || hh < 0 || hh > 23 ||
		p + 2 >= len || s[p + 2] != ':' || mm < 0 || mm > 59)
		return false;
	p += 5;
	if (p + 2 < len && s[p] == ':' && (ss = digits_at(s, len, p + 1, 2)) >= 0 && ss <= 59)
	{
		seconds = true;
		p += 3;
	}
	else
		ss = 0;
	midnight = hh == 0 && mm == 0 && ss == 0;
	if (p < len && s[p] == '.')
		for (fraction = true, p++; p < len && s[p] >= '0' && s[p] <= '9'; p++)
			zero_fraction &= s[p] == '0';
	if (p + 1 == len && s[p] == 'Z')
		return midnight && zero_fraction;
	return p == len && (!fraction || seconds || (midnight && zero_fraction));
}

/* Whether s is made only of ASCII digits. */
static bool
all_digits(const char *s, size_t len)
{
	size_t		i;

	for (i = 0; i < len; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return len > 0;
}

/* Read a date cell (s: UTF-8 without surrounding blanks, len bytes) into row. */
void
scdl_norm_date(const char *s, size_t len, NormRow *row)
{
	ParsedDate	p;
	const char *why;

	row_init(row, 2);
	if (len == 0)
		return;
	p = parse_date_prefix(s, len, 0);
	if (p.form == DF_YEAR && p.consumed == len)
	{
		if (!year_ok(p.y))
			row_fail(row, scdl_msg_nest("date_invalid", s, SCDL_MSG("year_range", scdl_msg_int(p.y))));
		else
		{
			row_set(row, 1, Int32GetDatum(p.y));
			row_warn(row, SCDL_MSG("date_year_alone", s));
		}
		return;
	}
	if (p.form == DF_NONE || p.form == DF_YEAR ||
		(p.consumed < len && !is_time_suffix(s, len, p.consumed)))
	{
		if (all_digits(s, len) && len <= 6)
			row_fail(row, SCDL_MSG("date_serial", s));
		else
			row_fail(row, SCDL_MSG("date_unreadable", s));
		return;
	}
	if ((why = check_ymd(p.y, p.m, p.d)) != NULL)
	{
		row_fail(row, scdl_msg_nest("date_invalid", s, why));
		return;
	}
	row_set(row, 0, ymd_datum(p.y, p.m, p.d));
	row_set(row, 1, Int32GetDatum(p.y));
	if (p.form == DF_DMY)
		row_warn(row, SCDL_MSG("day_first", s, psprintf("%04d-%02d-%02d", p.y, p.m, p.d)));
	else if (p.form == DF_YMD)
		row_warn(row, SCDL_MSG("date_slashes", s, psprintf("%04d-%02d-%02d", p.y, p.m, p.d)));
	if (p.consumed < len)
		row_warn(row, SCDL_MSG("time_dropped", s));
}

/* scdl_date(text) RETURNS (value date, year int, warning text, error text) */
Datum
scdl_date(PG_FUNCTION_ARGS)
{
	NormRow		row;
	size_t		len;
	char	   *s = arg_trimmed(fcinfo, &len);

	scdl_norm_date(s, len, &row);
	return row_return(fcinfo, &row);
}

/* Whether a folded phrase says the period ends with the action (an open end). */
static bool
is_open_end(const char *s, size_t len)
{
	static const char *const phrases[] = {
		"findelaction", "finaction", "findeloperation", "finoperation", "finduprojet", "finprojet"
	};
	StringInfoData key;
	int			i;

	initStringInfo(&key);
	pubfin_fold_utf8(s, len, false, &key);
	for (i = 0; i < (int) lengthof(phrases); i++)
		if (strcmp(key.data, phrases[i]) == 0)
			return true;
	return false;
}

/* Whether s[pos..] starts with "NC" (non communiqué) followed by a separator or the end. */
static size_t
nc_prefix(const char *s, size_t len, size_t pos)
{
	if (pos + 2 <= len && (s[pos] == 'N' || s[pos] == 'n') && (s[pos + 1] == 'C' || s[pos + 1] == 'c') &&
		(pos + 2 == len || s[pos + 2] == '/' || s[pos + 2] == '_' || s[pos + 2] == ' '))
		return 2;
	return 0;
}

/* Skip blanks from pos. */
static size_t
skip_blanks(const char *s, size_t len, size_t pos)
{
	int			b;

	while (pos < len && (b = blank_len(s, len, pos)) > 0)
		pos += b;
	return pos;
}

/* Whether s matches the schema's pattern for datesPeriodeVersement: YYYY-MM-DD(/YYYY-MM-DD)? */
static bool
matches_period_pattern(const char *s, size_t len)
{
	ParsedDate	p = parse_date_prefix(s, len, 0);

	if (p.form != DF_ISO)
		return false;
	if (len == 10)
		return true;
	if (len != 21 || s[10] != '/')
		return false;
	p = parse_date_prefix(s, len, 11);
	return p.form == DF_ISO;
}

/*
 * Read one end of a period (a full date) into column col; warns for a
 * day-first date.  A date that does not exist is an error, except in a value
 * that the schema's pattern accepts (pattern_ok): then it is a warning, that
 * end is left empty, and scdl_period leaves the other one empty too.
 * Returns the error or NULL.
 */
static const char *
period_date(NormRow *row, const char *raw, ParsedDate *p, const char *part, int col,
			bool pattern_ok)
{
	const char *why = check_ymd(p->y, p->m, p->d);

	if (why && pattern_ok)
	{
		row_warn(row, scdl_msg_nest("period_day_invalid", part, why));
		return NULL;
	}
	if (why)
		return scdl_msg_nest("period_invalid", raw, why);
	row_set(row, col, ymd_datum(p->y, p->m, p->d));
	if (p->form == DF_DMY)
		row_warn(row, SCDL_MSG("day_first", part, psprintf("%04d-%02d-%02d", p->y, p->m, p->d)));
	else if (p->form == DF_YMD)
		row_warn(row, SCDL_MSG("date_slashes", part, psprintf("%04d-%02d-%02d", p->y, p->m, p->d)));
	return NULL;
}

/* Read a period cell (s: UTF-8 without surrounding blanks, len bytes) into row. */
void
scdl_norm_period(const char *s, size_t len, NormRow *row)
{
	ParsedDate	p1 = {DF_NONE, 0, 0, 0, 0};
	ParsedDate	p2;
	size_t		pos;
	size_t		nc;
	const char *err;
	char		sep;
	size_t		seplen;
	size_t		start = 0;
	char	   *sep_text;
	const char *expected = SCDL_MSG("period_expected");
	bool		pattern_ok;

	row_init(row, 3);
	if (len == 0)
		return;
	pattern_ok = matches_period_pattern(s, len);

	/* "du 2018-01-01 au 2018-12-31": the "du" is dropped */
	if (len > 3 && pg_strncasecmp(s, "du ", 3) == 0)
		start = skip_blanks(s, len, 3);

	/* the start: a date, a year alone, or NC */
	nc = nc_prefix(s, len, start);
	if (nc)
		pos = start + nc;
	else
	{
		p1 = parse_date_prefix(s, len, start);
		if (p1.form == DF_NONE)
		{
			row_fail(row, scdl_msg_nest("period_invalid", s, expected));
			return;
		}
		pos = start + p1.consumed;
	}

	/* a single date */
	if (pos == len)
	{
		if (nc)
			row_warn(row, SCDL_MSG("period_nc", s));
		else if (p1.form == DF_YEAR)
		{
			if (!year_ok(p1.y))
				row_fail(row, scdl_msg_nest("period_invalid", s, SCDL_MSG("year_range", scdl_msg_int(p1.y))));
			else
			{
				row_set(row, 2, Int32GetDatum(p1.y));
				row_warn(row, SCDL_MSG("period_year_alone", s));
			}
		}
		else if ((err = period_date(row, s, &p1, s, 0, pattern_ok)) != NULL)
			row_fail(row, err);
		else if (!row->nulls[0])
		{
			row_set(row, 1, row->values[0]);
			row_set(row, 2, Int32GetDatum(p1.y));
		}
		else if (year_ok(p1.y))
			row_set(row, 2, Int32GetDatum(p1.y));	/* a day that does not exist */
		return;
	}

	/* a range: start, separator, end */
	if (p1.form == DF_YEAR)
	{
		row_fail(row, scdl_msg_nest("period_invalid", s, SCDL_MSG("period_year_start")));
		return;
	}
	/* the separator: "/", or "_", "-", "au" (read as "/") */
	pos = skip_blanks(s, len, pos);
	sep = pos < len ? s[pos] : '\0';
	seplen = 1;
	if (pos + 3 <= len && pg_strncasecmp(s + pos, "au", 2) == 0 && blank_len(s, len, pos + 2) > 0)
		sep = 'a', seplen = 2;
	else if (sep != '/' && sep != '_' && sep != '-')
	{
		row_fail(row, scdl_msg_nest("period_invalid", s, expected));
		return;
	}
	sep_text = pnstrdup(s + pos, seplen);
	pos = skip_blanks(s, len, pos + seplen);
	if (nc)
		row_warn(row, SCDL_MSG("period_start_nc", pnstrdup(s + start, nc)));
	else if ((err = period_date(row, s, &p1, pnstrdup(s + start, p1.consumed), 0, pattern_ok)) != NULL)
	{
		row_fail(row, err);
		return;
	}
	if (sep != '/')
		row_warn(row, SCDL_MSG("period_separator", sep_text));

	p2 = parse_date_prefix(s, len, pos);
	if ((p2.form == DF_ISO || p2.form == DF_DMY || p2.form == DF_YMD) && pos + p2.consumed == len)
	{
		if ((err = period_date(row, s, &p2, s + pos, 1, pattern_ok)) != NULL)
		{
			row_fail(row, err);
			return;
		}
	}
	else if (pos < len && is_open_end(s + pos, len - pos))
		row_warn(row, SCDL_MSG("period_open_end", s + pos));
	else
	{
		row_fail(row, scdl_msg_nest("period_invalid", s, SCDL_MSG("period_end", s + pos)));
		return;
	}
	if (!row->nulls[0] && !row->nulls[1] &&
		DatumGetDateADT(row->values[1]) < DatumGetDateADT(row->values[0]))
	{
		/* the schema's pattern accepts it (its official valid example has three) */
		if (!pattern_ok)
		{
			row_fail(row, scdl_msg_nest("period_invalid", s, SCDL_MSG("reversed")));
			return;
		}
		row_warn(row, SCDL_MSG("period_reversed", s));
	}
	if (!row->nulls[0])
		row_set(row, 2, Int32GetDatum(p1.y));
	else if (!row->nulls[1])
		row_set(row, 2, Int32GetDatum(p2.y));

	/*
	 * A day that does not exist, in the schema's own form (which cannot be
	 * open-ended): no date, so that (first, last) never reads as an open
	 * period; the year is the first one written that is a year at all.
	 */
	if (pattern_ok && (row->nulls[0] || row->nulls[1]))
	{
		row->nulls[0] = row->nulls[1] = true;
		if (year_ok(p1.y))
			row_set(row, 2, Int32GetDatum(p1.y));
		else if (year_ok(p2.y))
			row_set(row, 2, Int32GetDatum(p2.y));
	}
}

/* scdl_period(text) RETURNS (first date, last date, year int, warning text, error text) */
Datum
scdl_period(PG_FUNCTION_ARGS)
{
	NormRow		row;
	size_t		len;
	char	   *s = arg_trimmed(fcinfo, &len);

	scdl_norm_period(s, len, &row);
	return row_return(fcinfo, &row);
}

/* Read a nature cell (s: UTF-8 without surrounding blanks, len bytes) into row. */
void
scdl_norm_nature(const char *s, size_t len, NormRow *row)
{
	static const char *const numeraire = "aide en numéraire";
	static const char *const nature = "aide en nature";
	bool		seen_numeraire = false;
	bool		seen_nature = false;
	StringInfoData value;
	size_t		start = 0;

	row_init(row, 1);
	if (len == 0)
		return;
	initStringInfo(&value);
	while (start <= len)
	{
		const char *semi = memchr(s + start, ';', len - start);
		size_t		end = semi ? (size_t) (semi - s) : len;
		StringInfoData key;
		const char *canon = NULL;

		initStringInfo(&key);
		pubfin_fold_utf8(s + start, end - start, false, &key);
		if (strcmp(key.data, "aideennumeraire") == 0 || strcmp(key.data, "ennumeraire") == 0 ||
			strcmp(key.data, "numeraire") == 0)
		{
			canon = seen_numeraire ? "" : numeraire;
			seen_numeraire = true;
		}
		else if (strcmp(key.data, "aideennature") == 0 || strcmp(key.data, "ennature") == 0 ||
				 strcmp(key.data, "nature") == 0)
		{
			canon = seen_nature ? "" : nature;
			seen_nature = true;
		}
		else if (key.len == 0)
			canon = "";			/* an empty item, as in "aide en nature;" */
		if (canon == NULL)
		{
			row_fail(row, SCDL_MSG("nature_invalid", s));
			return;
		}
		if (canon[0] != '\0')
		{
			if (value.len > 0)
				appendStringInfoChar(&value, ';');
			appendStringInfoString(&value, canon);
		}
		start = end + 1;
	}
	if (value.len == 0)
	{
		row_fail(row, SCDL_MSG("nature_invalid", s));
		return;
	}
	row_set(row, 0, PointerGetDatum(pubfin_utf8_to_text(value.data, value.len)));
	if (strcmp(value.data, s) != 0)
		row_warn(row, SCDL_MSG("read_as_quoted", s, value.data));
}

/* scdl_nature(text) RETURNS (value text, warning text, error text) */
Datum
scdl_nature(PG_FUNCTION_ARGS)
{
	NormRow		row;
	size_t		len;
	char	   *s = arg_trimmed(fcinfo, &len);

	scdl_norm_nature(s, len, &row);
	return row_return(fcinfo, &row);
}

/* Read a boolean cell (s: UTF-8 without surrounding blanks, len bytes) into row. */
void
scdl_norm_boolean(const char *s, size_t len, NormRow *row)
{
	static const char *const yes[] = {"oui", "o", "vrai", "true", "t", "yes", "y", "1"};
	static const char *const no[] = {"non", "n", "faux", "false", "f", "no", "0"};
	StringInfoData key;
	int			i;
	int			v = -1;

	row_init(row, 1);
	if (len == 0)
		return;
	initStringInfo(&key);
	pubfin_fold_utf8(s, len, false, &key);
	for (i = 0; i < (int) lengthof(yes); i++)
		if (strcmp(key.data, yes[i]) == 0)
			v = 1;
	for (i = 0; i < (int) lengthof(no); i++)
		if (strcmp(key.data, no[i]) == 0)
			v = 0;
	if (v < 0)
	{
		row_fail(row, SCDL_MSG("boolean_invalid", s));
		return;
	}
	row_set(row, 0, BoolGetDatum(v == 1));
	if (strcmp(s, v ? "oui" : "non") != 0)
		row_warn(row, SCDL_MSG("read_as_quoted", s, v ? "oui" : "non"));
}

/* scdl_boolean(text) RETURNS (value boolean, warning text, error text): oui/non */
Datum
scdl_boolean(PG_FUNCTION_ARGS)
{
	NormRow		row;
	size_t		len;
	char	   *s = arg_trimmed(fcinfo, &len);

	scdl_norm_boolean(s, len, &row);
	return row_return(fcinfo, &row);
}

/* Whether s looks like a number in scientific notation (7,86E+13, 1.2e5). */
static bool
is_scientific(const char *s, size_t len)
{
	size_t		i = 0;
	bool		mantissa = false;

	if (i < len && (s[i] == '-' || s[i] == '+'))
		i++;
	while (i < len && ((s[i] >= '0' && s[i] <= '9') || s[i] == '.' || s[i] == ','))
	{
		mantissa |= (s[i] >= '0' && s[i] <= '9');
		i++;
	}
	if (!mantissa || i >= len || (s[i] != 'E' && s[i] != 'e'))
		return false;
	i++;
	if (i < len && (s[i] == '+' || s[i] == '-'))
		i++;
	return all_digits(s + i, len - i);
}

/* Whether s is in the schema's number form: -?digits(.digits)? */
static bool
is_schema_number(const char *s, size_t len)
{
	size_t		i = (len > 0 && s[0] == '-') ? 1 : 0;
	size_t		dot;

	for (dot = i; dot < len && s[dot] != '.'; dot++)
		;
	if (!all_digits(s + i, dot - i))
		return false;
	return dot == len || all_digits(s + dot + 1, len - dot - 1);
}

/* Whether s is 1 to 3 digits (no leading 0), one "." or ",", and 3 digits: thousands or decimals? */
static bool
is_ambiguous_mark(const char *s, size_t len)
{
	size_t		i = (len > 0 && s[0] == '-') ? 1 : 0;
	size_t		mark = i;

	while (mark < len && s[mark] >= '0' && s[mark] <= '9')
		mark++;
	return mark > i && mark - i <= 3 && s[i] != '0' && mark < len &&
		(s[mark] == '.' || s[mark] == ',') && len - mark - 1 == 3 &&
		all_digits(s + mark + 1, 3);
}

/*
 * Drop zeros after the second decimal ("250.000" is 250.00), unless the mark
 * could be a thousands separator (1 to 3 digits, a mark, exactly 3 digits).
 */
static size_t
trim_extra_zeros(const char *s, size_t len)
{
	size_t		mark = len;
	size_t		intstart = 0;
	size_t		n;
	size_t		i;

	for (i = 0; i < len; i++)
		if (s[i] == '.' || s[i] == ',')
			mark = i;
	if (mark == len || len - mark - 1 <= 2 || !all_digits(s + mark + 1, len - mark - 1))
		return len;
	while (intstart < mark && (s[intstart] == '-' || s[intstart] == '+'))
		intstart++;
	if (!all_digits(s + intstart, mark - intstart))
		return len;
	if (mark - intstart >= 1 && mark - intstart <= 3 && s[intstart] != '0' && len - mark - 1 == 3)
		return len;				/* 1.000 or 12,500: decimals or thousands? */
	n = len;
	while (n > mark + 3 && s[n - 1] == '0')
		n--;
	return n;
}

/*
 * An amount written with group marks or a currency word that the amount
 * type does not read, as text it reads: "1.000,50" and "1,000.50" (marks of
 * one kind between groups of three digits, before one decimal mark of the
 * other kind), "1.000.000" (groups only), "2 500 euros" (the word dropped).
 * NULL when s is none of these.
 */
static char *
amount_variant(const char *s, size_t len)
{
	size_t		i;
	size_t		first = len;
	size_t		last = len;
	size_t		end = len;
	int			nmarks = 0;
	int			run = 0;
	char		g;
	bool		changed = false;
	StringInfoData out;

	/* a trailing "euro" or "euros" (any case), with or without a blank */
	if (end >= 5 && pg_strncasecmp(s + end - 5, "euros", 5) == 0)
		end -= 5, changed = true;
	else if (end >= 4 && pg_strncasecmp(s + end - 4, "euro", 4) == 0)
		end -= 4, changed = true;
	if (changed && (end == 0 || isalpha((unsigned char) s[end - 1])))
		return NULL;
	if (changed)
		trim_bounds(s, end, &end);	/* the blanks before the word (s starts with none) */
	for (i = 0; i < end; i++)
		if (s[i] == '.' || s[i] == ',')
		{
			if (nmarks++ == 0)
				first = i;
			last = i;
		}
	g = nmarks >= 2 ? s[first] : '\0';
	if (nmarks >= 2)
	{
		/* 1 to 3 digits before the first mark; every g mark followed by exactly 3 digits */
		for (i = first; i > 0 && isdigit((unsigned char) s[i - 1]); i--)
			run++;
		if (run < 1 || run > 3)
			return NULL;
		for (i = first; i < end; i++)
		{
			if (s[i] != '.' && s[i] != ',')
				continue;
			if (s[i] != g)
			{
				if (i != last)
					return NULL;	/* a decimal mark must be the last mark */
				continue;
			}
			if (i + 3 >= end || !isdigit((unsigned char) s[i + 1]) || !isdigit((unsigned char) s[i + 2]) ||
				!isdigit((unsigned char) s[i + 3]) || (i + 4 < end && isdigit((unsigned char) s[i + 4])))
				return NULL;
		}
		changed = true;
	}
	if (!changed)
		return NULL;
	initStringInfo(&out);
	for (i = 0; i < end; i++)
		if (g == '\0' || s[i] != g)
			appendStringInfoChar(&out, s[i]);
	return out.data;
}

/* Read a amount cell (s: UTF-8 without surrounding blanks, len bytes) into row. */
void
scdl_norm_amount(const char *s, size_t len, NormRow *row)
{
	size_t		n;
	int64_t		cents;
	size_t		errpos;
	AmountStatus status = AMOUNT_OK;
	char	   *plain;

	row_init(row, 1);
	if (len == 0)
		return;
	if (is_scientific(s, len))
	{
		row_fail(row, SCDL_MSG("amount_scientific", s));
		return;
	}
	if (is_ambiguous_mark(s, len))
	{
		row_fail(row, SCDL_MSG("amount_ambiguous", s, strchr(s, '.') ? "." : ","));
		return;
	}
	/* "1.000,50 €", "1,000.50", "2 500 euros": read without their group marks or word */
	if ((plain = amount_variant(s, len)) != NULL)
	{
		n = trim_extra_zeros(plain, strlen(plain));
		status = amount_parse(plain, n, AMOUNT_LOCALE_DEFAULT, &cents, &errpos);
	}
	if (plain == NULL || status != AMOUNT_OK)
	{
		n = trim_extra_zeros(s, len);
		status = amount_parse(s, n, AMOUNT_LOCALE_DEFAULT, &cents, &errpos);
	}
	if (status != AMOUNT_OK)
	{
		char		detail[256];

		size_t		dlen = amount_describe_error(status, AMOUNT_LOCALE_DEFAULT, s, n, errpos,
												 detail, sizeof(detail));

		/* the sentence becomes a clause: lower-case start, no final period */
		if (dlen > 0 && detail[0] >= 'A' && detail[0] <= 'Z')
			detail[0] += 'a' - 'A';
		if (dlen > 0 && dlen < sizeof(detail) && detail[dlen - 1] == '.')
			detail[dlen - 1] = '\0';
		row_fail(row, SCDL_MSG("amount_invalid", s, detail));
		return;
	}
	row_set(row, 0, AmountGetDatum(cents));
	if (!is_schema_number(s, len))
	{
		char		buf[AMOUNT_FORMAT_BUFLEN];

		amount_format(cents, AMOUNT_LOCALE_DEFAULT, buf);
		row_warn(row, SCDL_MSG("read_as", s, buf));
	}
}

/* scdl_amount(text) RETURNS (value amount, warning text, error text) */
Datum
scdl_amount(PG_FUNCTION_ARGS)
{
	NormRow		row;
	size_t		len;
	char	   *s = arg_trimmed(fcinfo, &len);

	scdl_norm_amount(s, len, &row);
	return row_return(fcinfo, &row);
}

/* A numeric from its text. */
static Datum
numeric_from_cstring(const char *str)
{
	return DirectFunctionCall3(numeric_in, CStringGetDatum(str),
							   ObjectIdGetDatum(InvalidOid), Int32GetDatum(-1));
}

/* Read a share cell (s: UTF-8 without surrounding blanks, len bytes) into row. */
void
scdl_norm_share(const char *s, size_t len, NormRow *row)
{
	StringInfoData num;
	size_t		i = 0;
	bool		comma = false;
	bool		percent = false;
	bool		digits = false;
	Datum		value;

	row_init(row, 1);
	if (len == 0)
		return;
	if (is_scientific(s, len))
	{
		row_fail(row, SCDL_MSG("share_scientific", s));
		return;
	}
	initStringInfo(&num);
	for (; i < len && s[i] >= '0' && s[i] <= '9'; i++, digits = true)
		appendStringInfoChar(&num, s[i]);
	if (i < len && (s[i] == '.' || s[i] == ','))
	{
		comma = (s[i] == ',');
		appendStringInfoChar(&num, '.');
		for (i++; i < len && s[i] >= '0' && s[i] <= '9'; i++, digits = true)
			appendStringInfoChar(&num, s[i]);
	}
	i = skip_blanks(s, len, i);
	if (i < len && s[i] == '%')
	{
		percent = true;
		i++;
	}
	if (!digits || i != len || num.data[num.len - 1] == '.' || num.data[0] == '.')
	{
		row_fail(row, SCDL_MSG("share_invalid", s));
		return;
	}
	value = numeric_from_cstring(num.data);
	if (percent)
		value = DirectFunctionCall2(numeric_mul, value, numeric_from_cstring("0.01"));
	if (DatumGetInt32(DirectFunctionCall2(numeric_cmp, value, numeric_from_cstring("0.01"))) < 0 ||
		DatumGetInt32(DirectFunctionCall2(numeric_cmp, value, numeric_from_cstring("1"))) > 0)
	{
		row_fail(row, SCDL_MSG("share_range", s));
		return;
	}
	row_set(row, 0, value);
	if (comma || percent)
		row_warn(row, SCDL_MSG("read_as", s, DatumGetCString(DirectFunctionCall1(numeric_out, value))));
}

/* scdl_share(text) RETURNS (value numeric, warning text, error text): pourcentageSubvention, 0.01 to 1 */
Datum
scdl_share(PG_FUNCTION_ARGS)
{
	NormRow		row;
	size_t		len;
	char	   *s = arg_trimmed(fcinfo, &len);

	scdl_norm_share(s, len, &row);
	return row_return(fcinfo, &row);
}

/* Read a identifier cell (s: UTF-8 without surrounding blanks, len bytes) into row. */
void
scdl_norm_identifier(const char *s, size_t len, NormRow *row)
{
	StringInfoData v;
	size_t		i = 0;
	size_t		end = len;
	const char *kind = NULL;

	row_init(row, 2);
	if (len == 0)
		return;
	if (is_scientific(s, len))
	{
		row_fail(row, SCDL_MSG("id_scientific", s));
		return;
	}
	/* a spreadsheet's text marks around the value: ' or ’ */
	while (i < end && s[i] == '\'')
		i++;
	while (end > i && s[end - 1] == '\'')
		end--;
	if (end - i >= 3 && memcmp(s + i, "\xE2\x80\x99", 3) == 0)
		i += 3;
	if (end - i >= 3 && memcmp(s + end - 3, "\xE2\x80\x99", 3) == 0)
		end -= 3;
	/* blanks between digit groups */
	initStringInfo(&v);
	while (i < end)
	{
		int			b = blank_len(s, end, i);

		if (b > 0)
			i += b;
		else
			appendStringInfoChar(&v, s[i++]);
	}
	/* a number written with a zero decimal part: 22440002800011.0 */
	for (i = 0; i < (size_t) v.len && v.data[i] >= '0' && v.data[i] <= '9'; i++)
		;
	if (i > 0 && i + 1 < (size_t) v.len && (v.data[i] == '.' || v.data[i] == ',') &&
		strspn(v.data + i + 1, "0") == v.len - i - 1)
	{
		v.data[i] = '\0';
		v.len = i;
	}
	if (all_digits(v.data, v.len) && v.len == 14)
		kind = "siret";
	else if (all_digits(v.data, v.len) && v.len == 9)
		kind = "siren";
	else if (v.len == 10 && (v.data[0] == 'W' || v.data[0] == 'w'))
	{
		/* W and 9 characters: the rna type's parser judges the rest */
		kind = "rna";
		for (i = 0; i < 10; i++)
			v.data[i] = pg_ascii_toupper((unsigned char) v.data[i]);
	}
	if (kind == NULL)
	{
		row_fail(row, SCDL_MSG("id_invalid", s));
		return;
	}
	row_set(row, 0, CStringGetTextDatum(v.data));
	row_set(row, 1, CStringGetTextDatum(kind));
	if (strcmp(v.data, s) != 0)
		row_warn(row, SCDL_MSG("read_as", s, v.data));
}

/* scdl_identifier(text) RETURNS (value text, kind text, warning text, error text): SIRET, SIREN or RNA */
Datum
scdl_identifier(PG_FUNCTION_ARGS)
{
	NormRow		row;
	size_t		len;
	char	   *s = arg_trimmed(fcinfo, &len);

	scdl_norm_identifier(s, len, &row);
	return row_return(fcinfo, &row);
}
