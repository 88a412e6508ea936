/*
 * pubfin.c: module entry and helpers shared by every type.
 */
#include "pubfin.h"

#include "miscadmin.h"
#include "utils/builtins.h"

PG_MODULE_MAGIC;

/* Format a 128-bit integer in base 10; buf must hold 41 bytes.  Returns the length. */
int
pubfin_int128_to_cstring(int128 value, char *buf)
{
	char		tmp[41];
	int			n = 0;
	int			len = 0;
	uint128		u = value < 0 ? -(uint128) value : (uint128) value;

	do
	{
		tmp[n++] = '0' + (int) (u % 10);
		u /= 10;
	} while (u != 0);
	if (value < 0)
		buf[len++] = '-';
	while (n > 0)
		buf[len++] = tmp[--n];
	buf[len] = '\0';
	return len;
}

/* Exact num/den as numeric: stops when exact or at sigdigits significant digits, rounding half away from zero. */
Numeric
pubfin_ratio_numeric(int128 num, int128 den, int sigdigits)
{
	uint128		n = num < 0 ? -(uint128) num : (uint128) num;
	uint128		d = den < 0 ? -(uint128) den : (uint128) den;
	bool		negative = (num < 0) != (den < 0);
	char		intpart[41];
	char		digits[128];	/* fraction digits */
	int			nfrac = 0;
	int			sig;
	uint128		q = n / d;
	uint128		r = n % d;
	char		buf[200];
	int			len = 0;

	Assert(den != 0);
	/* integer part, and how many significant digits it already holds */
	len = pubfin_int128_to_cstring((int128) q, intpart);
	sig = (q == 0) ? 0 : len;
	while (r != 0 && (sig < sigdigits) && nfrac < (int) sizeof(digits) - 1)
	{
		int			digit;

		r *= 10;
		digit = (int) (r / d);
		r %= d;
		digits[nfrac++] = '0' + digit;
		if (sig > 0 || digit != 0)
			sig++;
	}
	/* round the last digit kept half away from zero, carrying leftwards */
	if (r != 0 && r >= d - r)
	{
		int			i = nfrac - 1;

		while (i >= 0 && digits[i] == '9')
			digits[i--] = '0';
		if (i >= 0)
			digits[i]++;
		else
			pubfin_int128_to_cstring((int128) (q + 1), intpart);
	}
	len = snprintf(buf, sizeof(buf), "%s%s", negative ? "-" : "", intpart);
	if (nfrac > 0)
	{
		buf[len++] = '.';
		memcpy(buf + len, digits, nfrac);
		len += nfrac;
		buf[len] = '\0';
	}
	return DatumGetNumeric(DirectFunctionCall3(numeric_in, CStringGetDatum(buf),
											   ObjectIdGetDatum(InvalidOid),
											   Int32GetDatum(-1)));
}

/* Raise 22012 for a division of an amount by zero. */
void
pubfin_division_by_zero(void)
{
	ereport(ERROR,
			(errcode(ERRCODE_DIVISION_BY_ZERO),
			 errmsg("division by zero"),
			 errhint("Guard the divisor with NULLIF(divisor, 0) to get NULL instead.")));
}

/* What allocate_order_cmp ranks by. */
typedef struct AllocateOrder
{
	const int128 *rem;
	const int128 *weights;
} AllocateOrder;

/* Rank indexes: larger remainder first, then larger weight, then earlier index. */
static int
allocate_order_cmp(const void *pa, const void *pb, void *arg)
{
	const AllocateOrder *ctx = (const AllocateOrder *) arg;
	int			a = *(const int *) pa;
	int			b = *(const int *) pb;

	if (ctx->rem[a] != ctx->rem[b])
		return ctx->rem[a] > ctx->rem[b] ? -1 : 1;
	if (ctx->weights[a] != ctx->weights[b])
		return ctx->weights[a] > ctx->weights[b] ? -1 : 1;
	return a < b ? -1 : (a > b);
}

/*
 * Split total cents in proportion to non-negative weights, exactly: every part
 * is a whole number of cents and the parts add up to total.  Largest remainder
 * (Hamilton): each part gets the floor of its exact share of |total|, then the
 * cents left over go one each to the largest remainders; ties go to the larger
 * weight, then to the earlier element.  A negative total is split as its
 * absolute value and negated, so rounding is symmetric.  The sum of weights
 * must be positive and each weight below 2^64.
 */
void
pubfin_allocate_cents(int64 total, const int128 *weights, int n, int64 *out)
{
	int128		wsum = 0;
	uint64		abstotal = total < 0 ? -(uint64) total : (uint64) total;
	uint64		given = 0;
	uint64		left;
	int128	   *rem;
	int		   *order;
	int			i;

	for (i = 0; i < n; i++)
		wsum += weights[i];
	Assert(wsum > 0);

	rem = palloc(sizeof(int128) * n);
	order = palloc(sizeof(int) * n);
	for (i = 0; i < n; i++)
	{
		/* abstotal * w < 2^63 * 2^64 only if weights stay below 2^64: callers keep them so */
		uint128		prod = (uint128) abstotal * (uint128) weights[i];

		out[i] = (int64) (prod / (uint128) wsum);
		rem[i] = (int128) (prod % (uint128) wsum);
		given += (uint64) out[i];
		order[i] = i;
		if ((i & 1023) == 0)
			CHECK_FOR_INTERRUPTS();
	}
	left = abstotal - given;	/* fewer than n cents */

	/* hand out the leftover cents (fewer than n) to the best-ranked remainders */
	if (left > 0)
	{
		AllocateOrder ctx = {rem, weights};
		uint64		k;

		qsort_arg(order, n, sizeof(int), allocate_order_cmp, &ctx);
		for (k = 0; k < left; k++)
			out[order[k]]++;
	}
	if (total < 0)
		for (i = 0; i < n; i++)
			out[i] = -out[i];
	pfree(rem);
	pfree(order);
}

PG_FUNCTION_INFO_V1(pubfin_version);

/* pubfin_version() returns the version of the loaded library. */
Datum
pubfin_version(PG_FUNCTION_ARGS)
{
	PG_RETURN_TEXT_P(cstring_to_text(PUBFIN_VERSION));
}
