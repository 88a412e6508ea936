/*
 * shares.c: co-financing shares.
 *
 * share() and percent() take one part of a whole; round_percents() and the
 * window function percent_of_total() give percentages that add up to exactly
 * 100 (largest remainder); allocate() splits an amount into whole cents that
 * add up to it, from an array of weights or as a window function.
 *
 * Everything is integer arithmetic: percentages are counted in units of
 * 10^-digits percent, amounts in cents, and numeric weights are scaled to
 * exact integers.  Both largest-remainder splits go through
 * pubfin_allocate_cents (ties to the larger part, then to the earlier one).
 */
#include "pubfin.h"
#include "amount.h"

#include "catalog/pg_type.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "windowapi.h"

#define SHARES_MAX_DIGITS 10

/* Scaled weights must stay below 2^64 for pubfin_allocate_cents. */
#define SHARES_MAX_WEIGHT ((uint128) PG_UINT64_MAX)

static const uint64 shares_pow10[20] = {
	UINT64CONST(1), UINT64CONST(10), UINT64CONST(100), UINT64CONST(1000),
	UINT64CONST(10000), UINT64CONST(100000), UINT64CONST(1000000),
	UINT64CONST(10000000), UINT64CONST(100000000), UINT64CONST(1000000000),
	UINT64CONST(10000000000), UINT64CONST(100000000000),
	UINT64CONST(1000000000000), UINT64CONST(10000000000000),
	UINT64CONST(100000000000000), UINT64CONST(1000000000000000),
	UINT64CONST(10000000000000000), UINT64CONST(100000000000000000),
	UINT64CONST(1000000000000000000), UINT64CONST(10000000000000000000)
};

/*
 * Where a weight or part came from, for error details: an array element
 * (index as written in SQL) or a row of a window partition (1-based).
 */
typedef struct SharesWhere
{
	bool		window;
	int64		index;
} SharesWhere;

/* A numeric weight reduced to mantissa x 10^exp, mantissa without trailing zeros. */
typedef struct SharesDecimal
{
	uint64		mant;
	int			exp;
} SharesDecimal;

/* Partition state of the window functions: one result per row, computed once. */
typedef struct SharesWindowState
{
	bool		computed;
	bool		const_isnull;	/* the per-partition argument (digits or total) */
	Datum		const_value;
	bool		no_result;		/* zero total: every row gets NULL */
	int64		nrows;
	/* followed by int64 result[nrows] and bool isnull[nrows] */
} SharesWindowState;

#define SHARES_STATE_HEADER MAXALIGN(sizeof(SharesWindowState))
#define SHARES_STATE_RESULT(st) ((int64 *) ((char *) (st) + SHARES_STATE_HEADER))
#define SHARES_STATE_ISNULL(st) ((bool *) (SHARES_STATE_RESULT(st) + (st)->nrows))

/* Describe a location for errdetail: "element 3" or "row 3 of the window partition". */
static char *
shares_where_text(SharesWhere where)
{
	if (where.window)
		return psprintf("row " INT64_FORMAT " of the window partition", where.index);
	return psprintf("element " INT64_FORMAT " of the array", where.index);
}

/* Canonical text of an amount, for messages. */
static char *
shares_amount_text(Amount cents)
{
	char	   *buf = palloc(AMOUNT_FORMAT_BUFLEN);

	amount_format(cents, AMOUNT_LOCALE_DEFAULT, buf);
	return buf;
}

/* Check the number of decimals of a percentage (22023 outside 0..10). */
static void
shares_check_digits(int32 digits)
{
	if (digits < 0 || digits > SHARES_MAX_DIGITS)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("number of decimals of a percentage out of range: \"%d\"", digits),
				 errdetail("Percentages are rounded to between 0 and %d decimals.",
						   SHARES_MAX_DIGITS),
				 errhint("Pass digits between 0 and %d; 1 gives 4.6 %%.", SHARES_MAX_DIGITS)));
}

/* Raise 22023 for a negative part or weight. */
static void
shares_negative_error(const char *what, const char *value, SharesWhere where)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("%s must not be negative: \"%s\"", what, value),
			 errdetail("The value is %s.", shares_where_text(where)),
			 errhint("Shares are taken of non-negative amounts: filter out or correct negative values first.")));
}

/* Raise 22012: allocate was given no positive weight. */
static void
shares_zero_weight_error(void)
{
	ereport(ERROR,
			(errcode(ERRCODE_DIVISION_BY_ZERO),
			 errmsg("total weight is zero"),
			 errdetail("allocate splits the total in proportion to the weights; at least one weight must be positive."),
			 errhint("Give at least one positive weight, or skip the allocation when the weights add up to zero.")));
}

/* Raise 54000 when a split would need more memory than one allocation allows. */
static void
shares_check_count(int64 n)
{
	if (n > (int64) (MaxAllocSize / (2 * sizeof(int128) + sizeof(int64) + sizeof(int))))
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("too many shares to split at once: " INT64_FORMAT, n),
				 errhint("Split at most %d values at a time.",
						 (int) (MaxAllocSize / (2 * sizeof(int128) + sizeof(int64) + sizeof(int))))));
}

/* 10^-digits percent units as numeric with exactly digits decimals. */
static Datum
shares_units_to_numeric(int128 units, int digits)
{
	char		buf[64];
	char		out[66];
	int			len;
	int			neg;
	int			intlen;

#if PG_VERSION_NUM >= 150000
	if (units >= PG_INT64_MIN && units <= PG_INT64_MAX)
		return NumericGetDatum(int64_div_fast_to_numeric((int64) units, digits));
#endif
	len = pubfin_int128_to_cstring(units, buf);
	neg = (buf[0] == '-');
	/* left-pad with zeros so that there is at least one digit before the point */
	if (len - neg <= digits)
	{
		int			pad = digits + 1 - (len - neg);

		memmove(buf + neg + pad, buf + neg, len - neg + 1);
		memset(buf + neg, '0', pad);
		len += pad;
	}
	intlen = len - digits;
	memcpy(out, buf, intlen);
	len = intlen;
	if (digits > 0)
	{
		out[len++] = '.';
		memcpy(out + len, buf + intlen, digits);
		len += digits;
	}
	out[len] = '\0';
	return DirectFunctionCall3(numeric_in, CStringGetDatum(out),
							   ObjectIdGetDatum(InvalidOid), Int32GetDatum(-1));
}

/*
 * The percentage core shared by round_percents and percent_of_total: n
 * non-negative parts with a positive sum, split as 100 x 10^digits units of
 * 10^-digits percent by largest remainder.  out[i] is part i's count of units;
 * the counts add up to exactly 100 %.
 */
static void
shares_percent_units(const int128 *parts, int n, int digits, int64 *out)
{
	int64		units = 100 * (int64) shares_pow10[digits];

	pubfin_allocate_cents(units, parts, n, out);
}

/*
 * Reduce a numeric weight to mantissa x 10^exp (exact), checking it is finite,
 * not negative, and that the mantissa fits in 64 bits.
 */
static SharesDecimal
shares_parse_weight(Numeric num, SharesWhere where)
{
	char	   *text = DatumGetCString(DirectFunctionCall1(numeric_out, NumericGetDatum(num)));
	const char *p = text;
	SharesDecimal d = {0, 0};
	char	   *digits = palloc(strlen(text) + 1);
	int			len = 0;
	int			first = 0;
	int			fracdigits = 0;
	bool		infrac = false;
	uint128		mant = 0;
	int			i;

	if (*p == '-')
	{
		if (p[1] >= '0' && p[1] <= '9')
			shares_negative_error("weight", text, where);
		p++;
	}
	if (!(*p >= '0' && *p <= '9'))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("weight is not a finite number: \"%s\"", text),
				 errdetail("The value is %s.", shares_where_text(where)),
				 errhint("Weights must be finite numbers, zero or positive.")));
	/* all digits as one integer, value = integer x 10^-fracdigits */
	for (; *p; p++)
	{
		if (*p == '.')
			infrac = true;
		else
		{
			digits[len++] = *p;
			fracdigits += infrac;
		}
	}
	while (first < len && digits[first] == '0')
		first++;
	if (first == len)
	{
		pfree(digits);
		pfree(text);
		return d;				/* zero */
	}
	d.exp = -fracdigits;
	while (digits[len - 1] == '0')
	{
		len--;
		d.exp++;
	}
	if (len - first > 20)
		mant = SHARES_MAX_WEIGHT + 1;
	else
		for (i = first; i < len; i++)
			mant = mant * 10 + (digits[i] - '0');
	if (mant > SHARES_MAX_WEIGHT)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("weight has too many significant digits to allocate exactly: \"%s\"", text),
				 errdetail("The value is %s; a weight may have at most 19 significant digits.",
						   shares_where_text(where)),
				 errhint("Round the weights, e.g. round(weight, 6).")));
	d.mant = (uint64) mant;
	pfree(digits);
	pfree(text);
	return d;
}

/*
 * Scale decimal weights to integers in a common unit, 10^(smallest exponent),
 * so that their ratios are exact.  Zero weights and NULLs give 0.  Raises
 * 22003 when a scaled weight needs 64 bits or more.  Returns the sum.
 */
static int128
shares_scale_weights(const SharesDecimal *dec, const bool *isnull, int n,
					 bool window, int128 *out)
{
	int			emin = PG_INT32_MAX;
	int128		sum = 0;
	int			i;

	for (i = 0; i < n; i++)
		if (!isnull[i] && dec[i].mant != 0 && dec[i].exp < emin)
			emin = dec[i].exp;
	for (i = 0; i < n; i++)
	{
		uint128		w = 0;

		if (!isnull[i] && dec[i].mant != 0)
		{
			int			shift = dec[i].exp - emin;

			w = dec[i].mant;
			if (shift >= (int) lengthof(shares_pow10) ||
				(w *= shares_pow10[shift]) > SHARES_MAX_WEIGHT)
			{
				SharesWhere where = {window, i + 1};

				ereport(ERROR,
						(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
						 errmsg("weights are too far apart in magnitude to allocate exactly"),
						 errdetail("Counted in the unit of the most precise weight, 1e%d, the weight at %s needs more than 64 bits.",
								   emin, shares_where_text(where)),
						 errhint("Round the weights to fewer decimals, e.g. round(weight, 6).")));
			}
		}
		out[i] = (int128) w;
		sum += out[i];
	}
	return sum;
}

/* Read amount weights (or parts), checking signs; NULL counts as 0.  Returns the sum. */
static int128
shares_amount_weights(const Datum *values, const bool *isnull, int n, int64 lbound,
					  const char *what, int128 *out)
{
	int128		sum = 0;
	int			i;

	for (i = 0; i < n; i++)
	{
		Amount		a = isnull[i] ? 0 : DatumGetAmount(values[i]);

		if (a < 0)
		{
			SharesWhere where = {false, lbound + i};

			shares_negative_error(what, shares_amount_text(a), where);
		}
		out[i] = a;
		sum += a;
	}
	return sum;
}

/* Deconstruct a one-dimensional array (0-D gives n = 0); raises 2202E for more dimensions. */
static void
shares_deconstruct(ArrayType *arr, int16 typlen, bool typbyval, char typalign,
				   Datum **values, bool **nulls, int *n, const char *fname)
{
	if (ARR_NDIM(arr) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("%s expects a one-dimensional array, got %d dimensions", fname, ARR_NDIM(arr)),
				 errhint("Pass a flat array, e.g. array_agg(x) or ARRAY[a, b, c].")));
	deconstruct_array(arr, ARR_ELEMTYPE(arr), typlen, typbyval, typalign, values, nulls, n);
	shares_check_count(*n);
}

/* An array of n datums shaped like the input (same lower bound), or an empty array. */
static ArrayType *
shares_build_array(ArrayType *like, Datum *values, bool *nulls, int n,
				   Oid elemtype, int16 typlen, bool typbyval, char typalign)
{
	int			dims[1];
	int			lbs[1];

	if (n == 0)
		return construct_empty_array(elemtype);
	dims[0] = n;
	lbs[0] = ARR_LBOUND(like)[0];
	return construct_md_array(values, nulls, 1, dims, lbs, elemtype, typlen, typbyval, typalign);
}

/* The element type of the function's array result (amount), cached in fn_extra. */
static Oid
shares_result_elemtype(FunctionCallInfo fcinfo)
{
	if (fcinfo->flinfo->fn_extra == NULL)
	{
		Oid			rettype = get_fn_expr_rettype(fcinfo->flinfo);
		Oid			elemtype = OidIsValid(rettype) ? get_element_type(rettype) : InvalidOid;

		if (!OidIsValid(elemtype))
			ereport(ERROR,
					(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
					 errmsg("could not determine the result type of allocate")));
		fcinfo->flinfo->fn_extra = MemoryContextAlloc(fcinfo->flinfo->fn_mcxt, sizeof(Oid));
		*(Oid *) fcinfo->flinfo->fn_extra = elemtype;
	}
	return *(Oid *) fcinfo->flinfo->fn_extra;
}

PG_FUNCTION_INFO_V1(shares_share);
PG_FUNCTION_INFO_V1(shares_percent);
PG_FUNCTION_INFO_V1(shares_round_percents);
PG_FUNCTION_INFO_V1(shares_allocate_numeric);
PG_FUNCTION_INFO_V1(shares_allocate_amount);
PG_FUNCTION_INFO_V1(shares_percent_of_total);
PG_FUNCTION_INFO_V1(shares_allocate_window_numeric);
PG_FUNCTION_INFO_V1(shares_allocate_window_amount);

/* Check the whole of share/percent: NULL result when zero, 22023 when negative. */
static bool
shares_whole_is_usable(Amount whole)
{
	if (whole < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("whole must not be negative: \"%s\"", shares_amount_text(whole)),
				 errhint("A share is taken of a non-negative total; check the sign of the whole.")));
	return whole != 0;
}

/* share(part, whole): the exact ratio to 20 significant digits; NULL when whole is 0. */
Datum
shares_share(PG_FUNCTION_ARGS)
{
	Amount		part = PG_GETARG_AMOUNT(0);
	Amount		whole = PG_GETARG_AMOUNT(1);

	if (!shares_whole_is_usable(whole))
		PG_RETURN_NULL();
	PG_RETURN_NUMERIC(pubfin_ratio_numeric(part, whole, 20));
}

/* percent(part, whole, digits): 100 x part / whole rounded half away from zero to digits decimals. */
Datum
shares_percent(PG_FUNCTION_ARGS)
{
	Amount		part = PG_GETARG_AMOUNT(0);
	Amount		whole = PG_GETARG_AMOUNT(1);
	int32		digits = PG_GETARG_INT32(2);
	int128		units;

	shares_check_digits(digits);
	if (!shares_whole_is_usable(whole))
		PG_RETURN_NULL();
	/* |part| x 10^12 < 2^103: no overflow */
	units = pubfin_div_round_int128((int128) part * 100 * shares_pow10[digits], whole);
	PG_RETURN_DATUM(shares_units_to_numeric(units, digits));
}

/*
 * round_percents(parts amount[], digits): percentages of the array's total
 * that add up to exactly 100 (largest remainder).  NULL parts stay NULL and
 * count as 0; a zero total gives NULLs; negative parts are an error.
 */
Datum
shares_round_percents(PG_FUNCTION_ARGS)
{
	ArrayType  *arr = PG_GETARG_ARRAYTYPE_P(0);
	int32		digits = PG_GETARG_INT32(1);
	Datum	   *values;
	bool	   *nulls;
	int			n;
	int128	   *parts;
	int64	   *units;
	int128		total;
	Datum	   *result;
	bool	   *rnulls;
	int			i;

	shares_check_digits(digits);
	shares_deconstruct(arr, sizeof(int64), true, TYPALIGN_DOUBLE, &values, &nulls, &n,
					   "round_percents");
	parts = palloc(sizeof(int128) * Max(n, 1));
	units = palloc(sizeof(int64) * Max(n, 1));
	total = shares_amount_weights(values, nulls, n, n > 0 ? ARR_LBOUND(arr)[0] : 1,
								  "part", parts);
	result = palloc(sizeof(Datum) * Max(n, 1));
	rnulls = palloc(sizeof(bool) * Max(n, 1));
	if (total > 0)
		shares_percent_units(parts, n, digits, units);
	for (i = 0; i < n; i++)
	{
		rnulls[i] = nulls[i] || total == 0;
		result[i] = rnulls[i] ? (Datum) 0 : shares_units_to_numeric(units[i], digits);
	}
	PG_RETURN_ARRAYTYPE_P(shares_build_array(arr, result, rnulls, n, NUMERICOID, -1, false,
											 TYPALIGN_INT));
}

/* Split total by the integer weights and return amount[] shaped like the weights. */
static Datum
shares_allocate_array(FunctionCallInfo fcinfo, ArrayType *arr, Amount total,
					  const int128 *weights, int128 wsum, const bool *nulls, int n)
{
	int64	   *cents;
	Datum	   *result;
	int			i;

	if (wsum <= 0)
		shares_zero_weight_error();
	cents = palloc(sizeof(int64) * n);
	result = palloc(sizeof(Datum) * n);
	pubfin_allocate_cents(total, weights, n, cents);
	for (i = 0; i < n; i++)
		result[i] = AmountGetDatum(cents[i]);
	return PointerGetDatum(shares_build_array(arr, result, (bool *) nulls, n,
											  shares_result_elemtype(fcinfo),
											  sizeof(int64), true, TYPALIGN_DOUBLE));
}

/* allocate(total, weights numeric[]): cent-exact split in proportion to exact numeric weights. */
Datum
shares_allocate_numeric(PG_FUNCTION_ARGS)
{
	Amount		total = PG_GETARG_AMOUNT(0);
	ArrayType  *arr = PG_GETARG_ARRAYTYPE_P(1);
	Datum	   *values;
	bool	   *nulls;
	int			n;
	SharesDecimal *dec;
	int128	   *weights;
	int128		wsum;
	int			i;

	shares_deconstruct(arr, -1, false, TYPALIGN_INT, &values, &nulls, &n, "allocate");
	dec = palloc(sizeof(SharesDecimal) * Max(n, 1));
	weights = palloc(sizeof(int128) * Max(n, 1));
	for (i = 0; i < n; i++)
	{
		if (!nulls[i])
		{
			SharesWhere where = {false, ARR_LBOUND(arr)[0] + i};

			dec[i] = shares_parse_weight(DatumGetNumeric(values[i]), where);
		}
		if ((i & 1023) == 0)
			CHECK_FOR_INTERRUPTS();
	}
	wsum = shares_scale_weights(dec, nulls, n, false, weights);
	return shares_allocate_array(fcinfo, arr, total, weights, wsum, nulls, n);
}

/* allocate(total, weights amount[]): cent-exact split in proportion to amounts. */
Datum
shares_allocate_amount(PG_FUNCTION_ARGS)
{
	Amount		total = PG_GETARG_AMOUNT(0);
	ArrayType  *arr = PG_GETARG_ARRAYTYPE_P(1);
	Datum	   *values;
	bool	   *nulls;
	int			n;
	int128	   *weights;
	int128		wsum;

	shares_deconstruct(arr, sizeof(int64), true, TYPALIGN_DOUBLE, &values, &nulls, &n,
					   "allocate");
	weights = palloc(sizeof(int128) * Max(n, 1));
	wsum = shares_amount_weights(values, nulls, n, n > 0 ? ARR_LBOUND(arr)[0] : 1,
								 "weight", weights);
	return shares_allocate_array(fcinfo, arr, total, weights, wsum, nulls, n);
}

/* ---- window functions ---- */

/* What a window function splits: a percentage of the parts, or an amount by weights. */
typedef enum SharesWindowKind
{
	SHARES_PERCENT_OF_TOTAL,	/* arg 0 amount part, arg 1 digits (constant) */
	SHARES_ALLOCATE_NUMERIC,	/* arg 0 total (constant), arg 1 numeric weight */
	SHARES_ALLOCATE_AMOUNT		/* arg 0 total (constant), arg 1 amount weight */
} SharesWindowKind;

/*
 * Read the per-partition argument (digits or total) of the current row; it
 * must be the same on every row of the partition (22023 otherwise).
 */
static void
shares_window_constant(WindowObject winobj, SharesWindowState *st, int argno,
					   bool is_amount, int64 row)
{
	bool		isnull;
	Datum		value = WinGetFuncArgCurrent(winobj, argno, &isnull);

	if (!st->computed)
	{
		st->const_isnull = isnull;
		st->const_value = isnull ? (Datum) 0 : value;
		return;
	}
	if (isnull != st->const_isnull || (!isnull && value != st->const_value))
	{
		const char *what = is_amount ? "total" : "digits";
		const char *first;
		const char *here;

		if (is_amount)
		{
			first = st->const_isnull ? "NULL" : shares_amount_text(DatumGetAmount(st->const_value));
			here = isnull ? "NULL" : shares_amount_text(DatumGetAmount(value));
		}
		else
		{
			first = st->const_isnull ? "NULL" : psprintf("%d", DatumGetInt32(st->const_value));
			here = isnull ? "NULL" : psprintf("%d", DatumGetInt32(value));
		}
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must be the same on every row of a window partition: \"%s\"", what, here),
				 errdetail("Row 1 of the partition has %s, row " INT64_FORMAT " has %s.",
						   first, row + 1, here),
				 errhint("Pass a constant, or a value that depends only on the PARTITION BY columns.")));
	}
}

/*
 * Compute the whole partition's results once: read every row's part or
 * weight, then split by largest remainder into the state's result array.
 */
static void
shares_window_compute(WindowObject winobj, SharesWindowState *st, SharesWindowKind kind)
{
	int64		n = st->nrows;
	int64	   *result = SHARES_STATE_RESULT(st);
	bool	   *isnull = SHARES_STATE_ISNULL(st);
	int			argno = (kind == SHARES_PERCENT_OF_TOTAL) ? 0 : 1;
	int128	   *weights = palloc(sizeof(int128) * Max(n, 1));
	SharesDecimal *dec = NULL;
	int128		wsum = 0;
	int64		i;

	if (kind == SHARES_ALLOCATE_NUMERIC)
		dec = palloc(sizeof(SharesDecimal) * Max(n, 1));
	for (i = 0; i < n; i++)
	{
		bool		isout;
		Datum		v = WinGetFuncArgInPartition(winobj, argno, (int) i, WINDOW_SEEK_HEAD,
												 false, &isnull[i], &isout);
		SharesWhere where = {true, i + 1};

		weights[i] = 0;
		if (!isnull[i])
		{
			if (kind == SHARES_ALLOCATE_NUMERIC)
				dec[i] = shares_parse_weight(DatumGetNumeric(v), where);
			else
			{
				Amount		a = DatumGetAmount(v);

				if (a < 0)
					shares_negative_error(kind == SHARES_PERCENT_OF_TOTAL ? "part" : "weight",
										  shares_amount_text(a), where);
				weights[i] = a;
				wsum += a;
			}
		}
		if ((i & 1023) == 0)
			CHECK_FOR_INTERRUPTS();
	}
	if (kind == SHARES_ALLOCATE_NUMERIC)
		wsum = shares_scale_weights(dec, isnull, (int) n, true, weights);

	if (kind == SHARES_PERCENT_OF_TOTAL)
	{
		if (wsum == 0)
			st->no_result = true;
		else
			shares_percent_units(weights, (int) n, DatumGetInt32(st->const_value), result);
	}
	else
	{
		if (wsum == 0)
			shares_zero_weight_error();
		pubfin_allocate_cents(DatumGetAmount(st->const_value), weights, (int) n, result);
	}
	pfree(weights);
	if (dec)
		pfree(dec);
}

/*
 * Shared body of the window functions: check the per-partition argument,
 * compute the partition on its first row, return the current row's result
 * (NULL for a NULL part or weight, a NULL digits/total, or a zero total).
 */
static bool
shares_window_row(FunctionCallInfo fcinfo, SharesWindowKind kind, int64 *value, Datum *constval)
{
	WindowObject winobj = PG_WINDOW_OBJECT();
	int64		n = WinGetPartitionRowCount(winobj);
	int64		row = WinGetCurrentPosition(winobj);
	SharesWindowState *st;
	int			constarg = (kind == SHARES_PERCENT_OF_TOTAL) ? 1 : 0;
	bool		has_const = !(kind == SHARES_PERCENT_OF_TOTAL && PG_NARGS() < 2);

	shares_check_count(n);
	st = (SharesWindowState *)
		WinGetPartitionLocalMemory(winobj, SHARES_STATE_HEADER + n * (sizeof(int64) + sizeof(bool)));
	if (has_const)
		shares_window_constant(winobj, st, constarg, kind != SHARES_PERCENT_OF_TOTAL, row);
	else if (!st->computed)
		st->const_value = Int32GetDatum(1);	/* percent_of_total(part): one decimal */
	if (!st->computed)
	{
		st->nrows = n;
		if (kind == SHARES_PERCENT_OF_TOTAL && !st->const_isnull)
			shares_check_digits(DatumGetInt32(st->const_value));
		if (!st->const_isnull)
			shares_window_compute(winobj, st, kind);
		st->computed = true;
	}
	if (st->const_isnull || st->no_result || SHARES_STATE_ISNULL(st)[row])
		return false;
	*value = SHARES_STATE_RESULT(st)[row];
	*constval = st->const_value;
	return true;
}

/* percent_of_total(part [, digits]) OVER (...): round_percents over the window partition. */
Datum
shares_percent_of_total(PG_FUNCTION_ARGS)
{
	int64		units;
	Datum		digits;

	if (!shares_window_row(fcinfo, SHARES_PERCENT_OF_TOTAL, &units, &digits))
		PG_RETURN_NULL();
	PG_RETURN_DATUM(shares_units_to_numeric(units, DatumGetInt32(digits)));
}

/* allocate(total, weight numeric) OVER (...): the row's cents of total split by the partition's weights. */
Datum
shares_allocate_window_numeric(PG_FUNCTION_ARGS)
{
	int64		cents;
	Datum		total;

	if (!shares_window_row(fcinfo, SHARES_ALLOCATE_NUMERIC, &cents, &total))
		PG_RETURN_NULL();
	PG_RETURN_AMOUNT(cents);
}

/* allocate(total, weight amount) OVER (...): the row's cents of total split by the partition's amounts. */
Datum
shares_allocate_window_amount(PG_FUNCTION_ARGS)
{
	int64		cents;
	Datum		total;

	if (!shares_window_row(fcinfo, SHARES_ALLOCATE_AMOUNT, &cents, &total))
		PG_RETURN_NULL();
	PG_RETURN_AMOUNT(cents);
}
