/*
 * amount.c: the amount type in the server: I/O, casts, arithmetic and
 * comparisons.  The text syntax lives in amount_parse.c.
 *
 * An amount is a signed int64 count of cents, passed by value.  Every
 * operation is exact; the only rounding is to the cent, half away from zero,
 * where a product or quotient with a numeric or an integer asks for it.
 */
#include "pubfin.h"

#include "amount.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"

/* Raise the error that a parse status describes (never returns). */
static void
amount_raise_parse_error(AmountStatus status, AmountLocale locale,
						 const char *str, size_t len, size_t errpos)
{
	char		detail[512];
	char	   *value = pnstrdup(str, len);
	const char *hint = amount_error_hint(status, locale);

	amount_describe_error(status, locale, str, len, errpos, detail, sizeof(detail));
	if (status == AMOUNT_ERR_RANGE)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("amount out of range: \"%s\"", value),
				 errdetail("%s", detail)));
	if (locale == AMOUNT_LOCALE_DEFAULT)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid input syntax for type amount: \"%s\"", value),
				 errdetail("%s", detail),
				 hint ? errhint("%s", hint) : 0));
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
			 errmsg("invalid amount for locale %s: \"%s\"", amount_locale_name(locale), value),
			 errdetail("%s", detail),
			 hint ? errhint("%s", hint) : 0));
	pg_unreachable();
}

/* Parse text as an amount in the type's own syntax, raising 22P02/22003 on failure. */
Amount
amount_from_cstring(const char *str, size_t len)
{
	return amount_parse_locale(str, len, AMOUNT_LOCALE_DEFAULT);
}

/* Parse with a locale's conventions, raising 22P02/22003 on failure. */
Amount
amount_parse_locale(const char *str, size_t len, AmountLocale locale)
{
	int64_t		cents;
	size_t		errpos;
	AmountStatus status = amount_parse(str, len, locale, &cents, &errpos);

	if (status != AMOUNT_OK)
		amount_raise_parse_error(status, locale, str, len, errpos);
	return (Amount) cents;
}

/* The error message amount_error() returns for bad text, or NULL when it is a valid amount. */
char *
amount_error_text(const char *str, size_t len, AmountLocale locale)
{
	int64_t		cents;
	size_t		errpos;
	char		detail[512];
	char	   *value;
	AmountStatus status = amount_parse(str, len, locale, &cents, &errpos);

	if (status == AMOUNT_OK)
		return NULL;
	amount_describe_error(status, locale, str, len, errpos, detail, sizeof(detail));
	value = pnstrdup(str, len);
	if (status == AMOUNT_ERR_RANGE)
		return psprintf("amount out of range: \"%s\". %s", value, detail);
	if (locale == AMOUNT_LOCALE_DEFAULT)
		return psprintf("invalid input syntax for type amount: \"%s\". %s", value, detail);
	return psprintf("invalid amount for locale %s: \"%s\". %s",
					amount_locale_name(locale), value, detail);
}

/* Raise 22003 naming the operation that overflowed. */
void
amount_overflow_error(const char *what)
{
	ereport(ERROR,
			(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
			 errmsg("amount out of range: the %s exceeds 92233720368547758.07 in absolute value", what),
			 errhint("Amounts are exact to the cent; split the computation or work in numeric.")));
	pg_unreachable();
}

/* Check a cents result: raise 22003 when it lies outside the amount range. */
Amount
amount_check_range(int128 cents)
{
	if (cents > (int128) AMOUNT_MAX_CENTS || cents < (int128) AMOUNT_MIN_CENTS)
		amount_overflow_error("result");
	return (Amount) cents;
}

/* Resolve a locale name, raising 22023 when unknown. */
static AmountLocale
amount_locale_arg(text *name)
{
	char	   *s = text_to_cstring(name);
	AmountLocale locale;

	if (!amount_locale_from_name(s, &locale))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unknown amount locale: \"%s\"", s),
				 errhint("Use one of 'fr', 'en', 'de' or 'ch'.")));
	return locale;
}

/* amount as numeric with two decimals (exact). */
Numeric
amount_to_numeric_internal(Amount cents)
{
#if PG_VERSION_NUM >= 140000
	return int64_div_fast_to_numeric(cents, 2);
#else
	char		buf[AMOUNT_FORMAT_BUFLEN];

	amount_format(cents, AMOUNT_LOCALE_DEFAULT, buf);
	return DatumGetNumeric(DirectFunctionCall3(numeric_in, CStringGetDatum(buf),
											   ObjectIdGetDatum(InvalidOid), Int32GetDatum(-1)));
#endif
}

/* numeric as amount, rounded half away from zero to the cent (22003 out of range). */
Amount
amount_from_numeric_internal(Numeric num)
{
	Datum		rounded;
	char	   *s;
	int64_t		cents;
	size_t		errpos;

	if (numeric_is_nan(num))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("cannot convert NaN to amount")));
#if PG_VERSION_NUM >= 140000
	if (numeric_is_inf(num))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("cannot convert infinity to amount")));
#endif
	/* numeric's round() is half away from zero */
	rounded = DirectFunctionCall2(numeric_round, NumericGetDatum(num), Int32GetDatum(2));
	s = DatumGetCString(DirectFunctionCall1(numeric_out, rounded));
	if (amount_parse(s, strlen(s), AMOUNT_LOCALE_DEFAULT, &cents, &errpos) != AMOUNT_OK)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("amount out of range: %s", s),
				 errdetail("An amount lies between -92233720368547758.07 and 92233720368547758.07.")));
	pfree(s);
	return (Amount) cents;
}

PG_FUNCTION_INFO_V1(amount_in);
PG_FUNCTION_INFO_V1(amount_out);
PG_FUNCTION_INFO_V1(amount_recv);
PG_FUNCTION_INFO_V1(amount_send);
PG_FUNCTION_INFO_V1(amount_error);
PG_FUNCTION_INFO_V1(parse_amount);
PG_FUNCTION_INFO_V1(parse_amount_error);
PG_FUNCTION_INFO_V1(format_amount);

/* amount_in: the type's text input. */
Datum
amount_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);

	PG_RETURN_AMOUNT(amount_from_cstring(str, strlen(str)));
}

/* amount_out: canonical text, -1234.50 (no grouping, two decimals). */
Datum
amount_out(PG_FUNCTION_ARGS)
{
	char	   *buf = palloc(AMOUNT_FORMAT_BUFLEN);

	amount_format(PG_GETARG_AMOUNT(0), AMOUNT_LOCALE_DEFAULT, buf);
	PG_RETURN_CSTRING(buf);
}

/* amount_recv: binary input, an int8 of cents, checked like text input. */
Datum
amount_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int64		cents = pq_getmsgint64(buf);

	if (cents == PG_INT64_MIN)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary amount: " INT64_FORMAT " cents", cents),
				 errdetail("An amount lies between -92233720368547758.07 and 92233720368547758.07.")));
	PG_RETURN_AMOUNT(cents);
}

/* amount_send: binary output, an int8 of cents. */
Datum
amount_send(PG_FUNCTION_ARGS)
{
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendint64(&buf, PG_GETARG_AMOUNT(0));
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/* amount_error(text): the message amount input would raise, or NULL when valid. */
Datum
amount_error(PG_FUNCTION_ARGS)
{
	text	   *t = PG_GETARG_TEXT_PP(0);
	char	   *msg = amount_error_text(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t), AMOUNT_LOCALE_DEFAULT);

	if (msg == NULL)
		PG_RETURN_NULL();
	PG_RETURN_TEXT_P(cstring_to_text(msg));
}

/* parse_amount(text, locale): read an amount written in a locale's conventions. */
Datum
parse_amount(PG_FUNCTION_ARGS)
{
	text	   *t = PG_GETARG_TEXT_PP(0);
	AmountLocale locale = amount_locale_arg(PG_GETARG_TEXT_PP(1));

	PG_RETURN_AMOUNT(amount_parse_locale(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t), locale));
}

/* parse_amount_error(text, locale): the message parse_amount would raise, or NULL. */
Datum
parse_amount_error(PG_FUNCTION_ARGS)
{
	text	   *t = PG_GETARG_TEXT_PP(0);
	AmountLocale locale = amount_locale_arg(PG_GETARG_TEXT_PP(1));
	char	   *msg = amount_error_text(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t), locale);

	if (msg == NULL)
		PG_RETURN_NULL();
	PG_RETURN_TEXT_P(cstring_to_text(msg));
}

/* format_amount(amount, locale): the amount written in a locale's conventions. */
Datum
format_amount(PG_FUNCTION_ARGS)
{
	Amount		a = PG_GETARG_AMOUNT(0);
	AmountLocale locale = amount_locale_arg(PG_GETARG_TEXT_PP(1));
	char		buf[AMOUNT_FORMAT_BUFLEN];

	amount_format(a, locale, buf);
	PG_RETURN_TEXT_P(cstring_to_text(buf));
}

/* ---- arithmetic ---- */

PG_FUNCTION_INFO_V1(amount_pl);
PG_FUNCTION_INFO_V1(amount_mi);
PG_FUNCTION_INFO_V1(amount_um);
PG_FUNCTION_INFO_V1(amount_abs);
PG_FUNCTION_INFO_V1(amount_mul_int8);
PG_FUNCTION_INFO_V1(int8_mul_amount);
PG_FUNCTION_INFO_V1(amount_mul_int4);
PG_FUNCTION_INFO_V1(int4_mul_amount);
PG_FUNCTION_INFO_V1(amount_div_int8);
PG_FUNCTION_INFO_V1(amount_div_int4);
PG_FUNCTION_INFO_V1(amount_mul_numeric);
PG_FUNCTION_INFO_V1(numeric_mul_amount);
PG_FUNCTION_INFO_V1(amount_div_numeric);
PG_FUNCTION_INFO_V1(amount_div_amount);

/* amount + amount (22003 on overflow). */
Datum
amount_pl(PG_FUNCTION_ARGS)
{
	PG_RETURN_AMOUNT(amount_add(PG_GETARG_AMOUNT(0), PG_GETARG_AMOUNT(1)));
}

/* amount - amount (22003 on overflow). */
Datum
amount_mi(PG_FUNCTION_ARGS)
{
	PG_RETURN_AMOUNT(amount_sub(PG_GETARG_AMOUNT(0), PG_GETARG_AMOUNT(1)));
}

/* -amount (the range is symmetric, so it cannot overflow). */
Datum
amount_um(PG_FUNCTION_ARGS)
{
	PG_RETURN_AMOUNT(-PG_GETARG_AMOUNT(0));
}

/* abs(amount). */
Datum
amount_abs(PG_FUNCTION_ARGS)
{
	Amount		a = PG_GETARG_AMOUNT(0);

	PG_RETURN_AMOUNT(a < 0 ? -a : a);
}

/* amount times an integer, exact (22003 on overflow). */
static Amount
amount_times(Amount a, int64 n)
{
	return amount_check_range((int128) a * (int128) n);
}

/* amount divided by an integer, rounded half away from zero to the cent. */
static Amount
amount_divided(Amount a, int64 n)
{
	if (n == 0)
		pubfin_division_by_zero();
	return amount_check_range(pubfin_div_round_int128(a, n));
}

/* amount * int8. */
Datum
amount_mul_int8(PG_FUNCTION_ARGS)
{
	PG_RETURN_AMOUNT(amount_times(PG_GETARG_AMOUNT(0), PG_GETARG_INT64(1)));
}

/* int8 * amount. */
Datum
int8_mul_amount(PG_FUNCTION_ARGS)
{
	PG_RETURN_AMOUNT(amount_times(PG_GETARG_AMOUNT(1), PG_GETARG_INT64(0)));
}

/* amount * int4. */
Datum
amount_mul_int4(PG_FUNCTION_ARGS)
{
	PG_RETURN_AMOUNT(amount_times(PG_GETARG_AMOUNT(0), PG_GETARG_INT32(1)));
}

/* int4 * amount. */
Datum
int4_mul_amount(PG_FUNCTION_ARGS)
{
	PG_RETURN_AMOUNT(amount_times(PG_GETARG_AMOUNT(1), PG_GETARG_INT32(0)));
}

/* amount / int8, rounded half away from zero to the cent. */
Datum
amount_div_int8(PG_FUNCTION_ARGS)
{
	PG_RETURN_AMOUNT(amount_divided(PG_GETARG_AMOUNT(0), PG_GETARG_INT64(1)));
}

/* amount / int4, rounded half away from zero to the cent. */
Datum
amount_div_int4(PG_FUNCTION_ARGS)
{
	PG_RETURN_AMOUNT(amount_divided(PG_GETARG_AMOUNT(0), PG_GETARG_INT32(1)));
}

/* amount times a numeric, rounded half away from zero to the cent. */
static Amount
amount_times_numeric(Amount a, Numeric factor)
{
	Datum		product = DirectFunctionCall2(numeric_mul,
											  NumericGetDatum(amount_to_numeric_internal(a)),
											  NumericGetDatum(factor));

	return amount_from_numeric_internal(DatumGetNumeric(product));
}

/* amount * numeric. */
Datum
amount_mul_numeric(PG_FUNCTION_ARGS)
{
	PG_RETURN_AMOUNT(amount_times_numeric(PG_GETARG_AMOUNT(0), PG_GETARG_NUMERIC(1)));
}

/* numeric * amount. */
Datum
numeric_mul_amount(PG_FUNCTION_ARGS)
{
	PG_RETURN_AMOUNT(amount_times_numeric(PG_GETARG_AMOUNT(1), PG_GETARG_NUMERIC(0)));
}

/*
 * amount / numeric, rounded half away from zero to the cent.  Computed
 * exactly: q = trunc(cents / d), r = cents - q * d, then q moves away from
 * zero when 2|r| >= |d|, so no intermediate rounding can tip the result.
 */
Datum
amount_div_numeric(PG_FUNCTION_ARGS)
{
	Amount		a = PG_GETARG_AMOUNT(0);
	Numeric		d = PG_GETARG_NUMERIC(1);
	Datum		dd = NumericGetDatum(d);
	Datum		zero = NumericGetDatum(pubfin_int64_to_numeric(0));
	Datum		limit = NumericGetDatum(pubfin_int64_to_numeric(AMOUNT_MAX_CENTS));
	Datum		cents;
	Datum		q;
	Datum		r;
	int128		result;

	if (numeric_is_nan(d))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("cannot divide an amount by NaN")));
	if (DatumGetInt32(DirectFunctionCall2(numeric_cmp, dd, zero)) == 0)
		pubfin_division_by_zero();
#if PG_VERSION_NUM >= 140000
	if (numeric_is_inf(d))
		PG_RETURN_AMOUNT(0);
#endif
	cents = NumericGetDatum(pubfin_int64_to_numeric(a));
	q = DirectFunctionCall2(numeric_div_trunc, cents, dd);
	if (DatumGetInt32(DirectFunctionCall2(numeric_cmp,
										  DirectFunctionCall1(numeric_abs, q), limit)) > 0)
		amount_overflow_error("quotient");
	r = DirectFunctionCall2(numeric_sub, cents, DirectFunctionCall2(numeric_mul, q, dd));
	result = DatumGetInt64(DirectFunctionCall1(numeric_int8, q));
	/* move away from zero when the remainder is at least half the divisor */
	if (DatumGetInt32(DirectFunctionCall2(numeric_cmp,
										  DirectFunctionCall1(numeric_abs,
															  DirectFunctionCall2(numeric_add, r, r)),
										  DirectFunctionCall1(numeric_abs, dd))) >= 0)
		result += ((a < 0) != (DatumGetInt32(DirectFunctionCall2(numeric_cmp, dd, zero)) < 0)) ? -1 : 1;
	PG_RETURN_AMOUNT(amount_check_range(result));
}

/* amount / amount: the exact ratio as numeric (20 significant digits at most, exact when shorter). */
Datum
amount_div_amount(PG_FUNCTION_ARGS)
{
	Amount		a = PG_GETARG_AMOUNT(0);
	Amount		b = PG_GETARG_AMOUNT(1);

	if (b == 0)
		pubfin_division_by_zero();
	PG_RETURN_NUMERIC(pubfin_ratio_numeric(a, b, 20));
}

/* ---- casts ---- */

PG_FUNCTION_INFO_V1(amount_from_int4);
PG_FUNCTION_INFO_V1(amount_from_int8);
PG_FUNCTION_INFO_V1(amount_from_numeric);
PG_FUNCTION_INFO_V1(amount_to_numeric);
PG_FUNCTION_INFO_V1(amount_cents);
PG_FUNCTION_INFO_V1(amount_from_cents);

/* int4 to amount (whole units). */
Datum
amount_from_int4(PG_FUNCTION_ARGS)
{
	PG_RETURN_AMOUNT((Amount) PG_GETARG_INT32(0) * 100);
}

/* int8 to amount (whole units; 22003 out of range). */
Datum
amount_from_int8(PG_FUNCTION_ARGS)
{
	int64		n = PG_GETARG_INT64(0);

	if (n > AMOUNT_MAX_CENTS / 100 || n < AMOUNT_MIN_CENTS / 100)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("amount out of range: " INT64_FORMAT, n),
				 errdetail("An amount lies between -92233720368547758.07 and 92233720368547758.07.")));
	PG_RETURN_AMOUNT(n * 100);
}

/* numeric to amount, rounded half away from zero to the cent. */
Datum
amount_from_numeric(PG_FUNCTION_ARGS)
{
	PG_RETURN_AMOUNT(amount_from_numeric_internal(PG_GETARG_NUMERIC(0)));
}

/* amount to numeric, exact, with two decimals. */
Datum
amount_to_numeric(PG_FUNCTION_ARGS)
{
	PG_RETURN_NUMERIC(amount_to_numeric_internal(PG_GETARG_AMOUNT(0)));
}

/* cents(amount): the amount as a whole number of cents. */
Datum
amount_cents(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(PG_GETARG_AMOUNT(0));
}

/* amount_from_cents(bigint): the amount of that many cents. */
Datum
amount_from_cents(PG_FUNCTION_ARGS)
{
	int64		cents = PG_GETARG_INT64(0);

	if (cents == PG_INT64_MIN)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("amount out of range: " INT64_FORMAT " cents", cents),
				 errdetail("An amount lies between -92233720368547758.07 and 92233720368547758.07.")));
	PG_RETURN_AMOUNT(cents);
}

/* ---- comparisons with integers and numerics ---- */

/* Compare an amount with a whole number of units, exactly. */
static inline int
amount_cmp_units(Amount a, int64 units)
{
	int128		b = (int128) units * 100;

	return (a < b) ? -1 : (a > b);
}

/* Compare an amount with a numeric, exactly. */
static inline int
amount_cmp_numeric(Amount a, Numeric n)
{
	return DatumGetInt32(DirectFunctionCall2(numeric_cmp,
											 NumericGetDatum(amount_to_numeric_internal(a)),
											 NumericGetDatum(n)));
}

/*
 * Six comparison operators for one (amount, other) pair and its mirror
 * (other, amount), each the sign of one three-way comparison.
 */
#define AMOUNT_CROSS_CMP(T, CMP) \
PG_FUNCTION_INFO_V1(amount_eq_##T); PG_FUNCTION_INFO_V1(amount_ne_##T); \
PG_FUNCTION_INFO_V1(amount_lt_##T); PG_FUNCTION_INFO_V1(amount_le_##T); \
PG_FUNCTION_INFO_V1(amount_gt_##T); PG_FUNCTION_INFO_V1(amount_ge_##T); \
PG_FUNCTION_INFO_V1(T##_eq_amount); PG_FUNCTION_INFO_V1(T##_ne_amount); \
PG_FUNCTION_INFO_V1(T##_lt_amount); PG_FUNCTION_INFO_V1(T##_le_amount); \
PG_FUNCTION_INFO_V1(T##_gt_amount); PG_FUNCTION_INFO_V1(T##_ge_amount); \
Datum amount_eq_##T(PG_FUNCTION_ARGS) { PG_RETURN_BOOL(CMP(0, 1) == 0); } \
Datum amount_ne_##T(PG_FUNCTION_ARGS) { PG_RETURN_BOOL(CMP(0, 1) != 0); } \
Datum amount_lt_##T(PG_FUNCTION_ARGS) { PG_RETURN_BOOL(CMP(0, 1) < 0); } \
Datum amount_le_##T(PG_FUNCTION_ARGS) { PG_RETURN_BOOL(CMP(0, 1) <= 0); } \
Datum amount_gt_##T(PG_FUNCTION_ARGS) { PG_RETURN_BOOL(CMP(0, 1) > 0); } \
Datum amount_ge_##T(PG_FUNCTION_ARGS) { PG_RETURN_BOOL(CMP(0, 1) >= 0); } \
Datum T##_eq_amount(PG_FUNCTION_ARGS) { PG_RETURN_BOOL(CMP(1, 0) == 0); } \
Datum T##_ne_amount(PG_FUNCTION_ARGS) { PG_RETURN_BOOL(CMP(1, 0) != 0); } \
Datum T##_lt_amount(PG_FUNCTION_ARGS) { PG_RETURN_BOOL(CMP(1, 0) > 0); } \
Datum T##_le_amount(PG_FUNCTION_ARGS) { PG_RETURN_BOOL(CMP(1, 0) >= 0); } \
Datum T##_gt_amount(PG_FUNCTION_ARGS) { PG_RETURN_BOOL(CMP(1, 0) < 0); } \
Datum T##_ge_amount(PG_FUNCTION_ARGS) { PG_RETURN_BOOL(CMP(1, 0) <= 0); }

/* The amount is argument a, the other value argument o. */
#define CMP_INT4(a, o) amount_cmp_units(PG_GETARG_AMOUNT(a), PG_GETARG_INT32(o))
#define CMP_INT8(a, o) amount_cmp_units(PG_GETARG_AMOUNT(a), PG_GETARG_INT64(o))
#define CMP_NUMERIC(a, o) amount_cmp_numeric(PG_GETARG_AMOUNT(a), PG_GETARG_NUMERIC(o))

AMOUNT_CROSS_CMP(int4, CMP_INT4)
AMOUNT_CROSS_CMP(int8, CMP_INT8)
AMOUNT_CROSS_CMP(numeric, CMP_NUMERIC)
