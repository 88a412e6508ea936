/*
 * rules.c: arithmetic used by the budget checks (pubfin.rule and the issue
 * views).
 *
 * percent_matches(declared, part, whole) says whether a percentage written in
 * a decision ("4,6 %") is a correct rounding or truncation of the exact share
 * 100 * part / whole at the number of decimals it is written with.  Every
 * directed rounding (truncation, rounding up, half away from zero, half to
 * even) lands within one unit of the last written decimal of the exact value,
 * and only those values do, so the test is
 *
 *     |declared - 100 * part / whole| < 10^-d        (d = declared's scale)
 *
 * which, multiplied by 10^d * |whole| > 0, becomes the integer comparison
 *
 *     |D * whole - 100 * 10^d * part| < |whole|       (D = declared * 10^d)
 *
 * computed in 128-bit integers; when a product does not fit (more than about
 * 17 written decimals) the same comparison is made in numeric.  Both are
 * exact: no float is involved.
 */
#include "pubfin.h"

#include "amount.h"
#include "utils/builtins.h"

/* The most negative int128, whose negation overflows. */
#define INT128_MIN_VALUE (-(int128) (((uint128) 1 << 127) - 1) - 1)

PG_FUNCTION_INFO_V1(percent_matches);

/*
 * Written digits of a finite numeric as an integer D and its scale d (digits
 * after the point).  Returns false, with d set, when D does not fit in 36 digits.
 */
static bool
numeric_to_scaled_int128(Numeric num, int128 *value, int *scale)
{
	char	   *text = DatumGetCString(DirectFunctionCall1(numeric_out, NumericGetDatum(num)));
	const char *point = strchr(text, '.');
	const char *c = text;
	bool		negative = false;
	int			ndigits = 0;
	int128		v = 0;

	*scale = point ? (int) strlen(point + 1) : 0;
	if (*c == '-')
	{
		negative = true;
		c++;
	}
	for (; *c; c++)
	{
		if (*c == '.')
			continue;
		/* numeric_out writes only digits, one point and a leading sign */
		Assert(*c >= '0' && *c <= '9');
		if (v != 0 || *c != '0')
			ndigits++;
		if (ndigits > 36)
			return false;
		v = v * 10 + (*c - '0');
	}
	*value = negative ? -v : v;
	return true;
}

/* 10^n as a numeric (n >= 0). */
static Numeric
numeric_power_of_ten(int n)
{
	char	   *buf = palloc(n + 2);

	buf[0] = '1';
	memset(buf + 1, '0', n);
	buf[n + 1] = '\0';
	return DatumGetNumeric(DirectFunctionCall3(numeric_in, CStringGetDatum(buf),
											   ObjectIdGetDatum(InvalidOid),
											   Int32GetDatum(-1)));
}

/* The comparison in numeric, for declared values too long for 128 bits. */
static bool
percent_matches_numeric(Numeric declared, int scale, Amount part, Amount whole)
{
	Datum		d = NumericGetDatum(declared);
	Datum		w = NumericGetDatum(pubfin_int64_to_numeric(whole));
	Datum		p = NumericGetDatum(pubfin_int64_to_numeric(part));
	Datum		hundred = NumericGetDatum(pubfin_int64_to_numeric(100));
	Datum		diff;
	Datum		lhs;
	Datum		rhs;

	/* |declared * whole - 100 * part| * 10^d < |whole| */
	diff = DirectFunctionCall2(numeric_sub,
							   DirectFunctionCall2(numeric_mul, d, w),
							   DirectFunctionCall2(numeric_mul, hundred, p));
	lhs = DirectFunctionCall2(numeric_mul,
							  DirectFunctionCall1(numeric_abs, diff),
							  NumericGetDatum(numeric_power_of_ten(scale)));
	rhs = DirectFunctionCall1(numeric_abs, w);
	return DatumGetBool(DirectFunctionCall2(numeric_lt, lhs, rhs));
}

/*
 * percent_matches(declared numeric, part amount, whole amount) -> boolean:
 * true when declared is 100 * part / whole truncated or rounded (in either
 * direction) to declared's number of decimals; NULL when whole is zero.
 */
Datum
percent_matches(PG_FUNCTION_ARGS)
{
	Numeric		declared = PG_GETARG_NUMERIC(0);
	Amount		part = PG_GETARG_AMOUNT(1);
	Amount		whole = PG_GETARG_AMOUNT(2);
	int128		dv;
	int128		pow10 = 1;
	int128		lhs;
	int128		rhs;
	int128		diff;
	int			scale;
	int			i;

	if (numeric_is_nan(declared) || numeric_is_inf(declared))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("declared percentage must be a finite number: \"%s\"",
						DatumGetCString(DirectFunctionCall1(numeric_out, NumericGetDatum(declared)))),
				 errhint("Record the percentage as written in the decision, e.g. 4.6 for \"4,6 %%\".")));
	/* a share of nothing is undefined: no judgment */
	if (whole == 0)
		PG_RETURN_NULL();
	if (!numeric_to_scaled_int128(declared, &dv, &scale) || scale > 36)
		PG_RETURN_BOOL(percent_matches_numeric(declared, scale, part, whole));
	for (i = 0; i < scale; i++)
		pow10 *= 10;
	/* |D * whole - 100 * 10^d * part| < |whole|, falling back to numeric on overflow */
	if (__builtin_mul_overflow(dv, (int128) whole, &lhs) ||
		__builtin_mul_overflow(pow10 * 100, (int128) part, &rhs) ||
		__builtin_sub_overflow(lhs, rhs, &diff) ||
		diff == INT128_MIN_VALUE)
		PG_RETURN_BOOL(percent_matches_numeric(declared, scale, part, whole));
	if (diff < 0)
		diff = -diff;
	PG_RETURN_BOOL(diff < (int128) (whole < 0 ? -(int128) whole : (int128) whole));
}
