/*
 * amount_agg.c: aggregates over amounts.
 *
 * sum(amount) and avg(amount), in plain and moving-window mode, keep an
 * amount_acc: a count and a 128-bit sum of cents, a fixed-size by-reference
 * type with text I/O ("count:sum", e.g. "3:105000.00"), so that partial
 * states travel as text (Citus) and between parallel workers.  The sum is
 * checked against the amount range only by the final function: one multiset
 * of amounts gives one answer, whatever the order of the rows or the shape of
 * a window frame.  The transition and combine functions update the state in
 * place when called as aggregates.  min and max reuse int8smaller/int8larger
 * (see the SQL).
 *
 * Every state satisfies 0 <= count, |sum| <= count * 92233720368547758.07
 * and sum = 0 when count = 0 (acc_check): the text and binary inputs refuse
 * any other state, and every support function either returns such a state
 * or raises.  The bound keeps |sum| below 2^126, so no int128 step overflows.
 */
#include "pubfin.h"

#include "amount.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"

/* The state of avg(amount) and moving sum(amount): stored 8-byte aligned, so the int128 is split. */
typedef struct AmountAcc
{
	int64		count;			/* non-null inputs */
	int64		sum_hi;			/* sum of cents = sum_hi * 2^64 + sum_lo */
	uint64		sum_lo;
} AmountAcc;

/* The sum held by an accumulator. */
static inline int128
acc_get_sum(const AmountAcc *acc)
{
	return (int128) (((uint128) (uint64) acc->sum_hi << 64) | acc->sum_lo);
}

/* Store a sum into an accumulator. */
static inline void
acc_set_sum(AmountAcc *acc, int128 sum)
{
	acc->sum_hi = (int64) (sum >> 64);
	acc->sum_lo = (uint64) sum;
}

/* A new accumulator in the current memory context. */
static AmountAcc *
acc_new(int64 count, int128 sum)
{
	AmountAcc  *acc = palloc(sizeof(AmountAcc));

	acc->count = count;
	acc_set_sum(acc, sum);
	return acc;
}

/* No state's sum reaches 2^126 in absolute value (count < 2^63, amounts < 2^63). */
#define ACC_SUM_LIMIT	(((int128) 1) << 126)

/* Raise 22P02 for a malformed amount_acc text. */
static void
acc_syntax_error(const char *str, const char *why)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
			 errmsg("invalid input syntax for type amount_acc: \"%s\"", str),
			 errdetail("%s", why),
			 errhint("An amount_acc is written count:sum, as in \"3:105000.00\".")));
}

/* Why a count and sum are no state of amount_acc, or NULL when they are one. */
static const char *
acc_check(int64 count, int128 sum)
{
	if (count < 0)
		return "The count is negative.";
	if (count == 0 && sum != 0)
		return "An empty accumulator has a zero sum.";
	if (sum > (int128) count * AMOUNT_MAX_CENTS || sum < (int128) count * AMOUNT_MIN_CENTS)
		return "The sum is larger than count amounts can add up to.";
	return NULL;
}

PG_FUNCTION_INFO_V1(amount_acc_in);
PG_FUNCTION_INFO_V1(amount_acc_out);
PG_FUNCTION_INFO_V1(amount_acc_recv);
PG_FUNCTION_INFO_V1(amount_acc_send);

/* amount_acc_in: "count:sum" with sum in cents written as d+.dd (may exceed the amount range). */
Datum
amount_acc_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);
	const char *p = str;
	int64		count = 0;
	int128		sum = 0;
	bool		negative = false;
	int			ndigits = 0;
	int			k;
	const char *why;

	while (*p >= '0' && *p <= '9')
	{
		int			d = *p++ - '0';

		if (count > (PG_INT64_MAX - d) / 10)
			acc_syntax_error(str, "The count is out of range.");
		count = count * 10 + d;
		ndigits++;
	}
	if (ndigits == 0 || *p++ != ':')
		acc_syntax_error(str, "It must start with a count followed by \":\".");
	if (*p == '-')
	{
		negative = true;
		p++;
	}
	ndigits = 0;
	while (*p >= '0' && *p <= '9')
	{
		if (sum > (ACC_SUM_LIMIT / 100 - 9) / 10)
			acc_syntax_error(str, "The sum is out of range.");
		sum = sum * 10 + (*p++ - '0');
		ndigits++;
	}
	if (ndigits == 0 || *p++ != '.')
		acc_syntax_error(str, "The sum must be written with two decimals.");
	for (k = 0; k < 2; k++)
	{
		if (*p < '0' || *p > '9')
			acc_syntax_error(str, "The sum must be written with two decimals.");
		sum = sum * 10 + (*p++ - '0');
	}
	if (*p != '\0')
		acc_syntax_error(str, "Unexpected characters after the sum.");
	if (negative)
		sum = -sum;
	if ((why = acc_check(count, sum)) != NULL)
		acc_syntax_error(str, why);
	PG_RETURN_POINTER(acc_new(count, sum));
}

/* amount_acc_out: "count:sum". */
Datum
amount_acc_out(PG_FUNCTION_ARGS)
{
	AmountAcc  *acc = (AmountAcc *) PG_GETARG_POINTER(0);
	int128		sum = acc_get_sum(acc);
	int128		abs = sum < 0 ? -sum : sum;
	char		whole[48];
	int			cents = (int) (abs % 100);

	pubfin_int128_to_cstring(abs / 100, whole);
	PG_RETURN_CSTRING(psprintf(INT64_FORMAT ":%s%s.%02d", acc->count,
							   sum < 0 ? "-" : "", whole, cents));
}

/* amount_acc_recv: count (int8), sum high (int8), sum low (int8), checked as text input is. */
Datum
amount_acc_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	AmountAcc  *acc = palloc(sizeof(AmountAcc));
	const char *why;

	acc->count = pq_getmsgint64(buf);
	acc->sum_hi = pq_getmsgint64(buf);
	acc->sum_lo = (uint64) pq_getmsgint64(buf);
	if ((why = acc_check(acc->count, acc_get_sum(acc))) != NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary amount_acc: count " INT64_FORMAT, acc->count),
				 errdetail("%s", why)));
	PG_RETURN_POINTER(acc);
}

/* amount_acc_send: count, sum high, sum low as three int8. */
Datum
amount_acc_send(PG_FUNCTION_ARGS)
{
	AmountAcc  *acc = (AmountAcc *) PG_GETARG_POINTER(0);
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendint64(&buf, acc->count);
	pq_sendint64(&buf, acc->sum_hi);
	pq_sendint64(&buf, (int64) acc->sum_lo);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/*
 * The state to update: in place when called as an aggregate (the executor
 * owns it), otherwise a copy, so that a direct call never changes its input.
 */
static AmountAcc *
acc_for_update(FunctionCallInfo fcinfo)
{
	AmountAcc  *acc = (AmountAcc *) PG_GETARG_POINTER(0);

	if (AggCheckCallContext(fcinfo, NULL))
		return acc;
	return acc_new(acc->count, acc_get_sum(acc));
}

/* Raise 22003: a count that would pass the int8 range. */
static void
acc_count_overflow(void)
{
	ereport(ERROR,
			(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
			 errmsg("amount_acc out of range: the count of amounts exceeds " INT64_FORMAT, PG_INT64_MAX)));
}

PG_FUNCTION_INFO_V1(amount_acc_accum);
PG_FUNCTION_INFO_V1(amount_acc_deaccum);
PG_FUNCTION_INFO_V1(amount_acc_combine);
PG_FUNCTION_INFO_V1(amount_acc_avg);
PG_FUNCTION_INFO_V1(amount_acc_sum);

/* Transition: add one amount (|sum| stays below count * max, so the int128 cannot overflow). */
Datum
amount_acc_accum(PG_FUNCTION_ARGS)
{
	AmountAcc  *acc = acc_for_update(fcinfo);

	if (unlikely(acc->count == PG_INT64_MAX))
		acc_count_overflow();
	acc->count++;
	acc_set_sum(acc, acc_get_sum(acc) + PG_GETARG_AMOUNT(1));
	PG_RETURN_POINTER(acc);
}

/* Inverse transition (moving windows): remove one amount the state holds. */
Datum
amount_acc_deaccum(PG_FUNCTION_ARGS)
{
	AmountAcc  *acc = acc_for_update(fcinfo);
	Amount		a = PG_GETARG_AMOUNT(1);
	int128		sum = acc_get_sum(acc) - a;

	if (acc->count == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot remove amount " INT64_FORMAT " cents from an empty amount_acc", a),
				 errdetail("The inverse transition removes an amount that the state holds.")));
	if (acc_check(acc->count - 1, sum) != NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot remove amount " INT64_FORMAT " cents from amount_acc with count " INT64_FORMAT,
						a, acc->count),
				 errdetail("The remaining sum is larger than count amounts can add up to: the state does not hold this amount.")));
	acc->count--;
	acc_set_sum(acc, sum);
	PG_RETURN_POINTER(acc);
}

/* Combine: add a partial state into another. */
Datum
amount_acc_combine(PG_FUNCTION_ARGS)
{
	AmountAcc  *acc = acc_for_update(fcinfo);
	AmountAcc  *other = (AmountAcc *) PG_GETARG_POINTER(1);

	if (acc->count > PG_INT64_MAX - other->count)
		acc_count_overflow();
	acc->count += other->count;
	acc_set_sum(acc, acc_get_sum(acc) + acc_get_sum(other));
	PG_RETURN_POINTER(acc);
}

/* Final avg: sum / count rounded half away from zero to the cent; NULL for no rows. */
Datum
amount_acc_avg(PG_FUNCTION_ARGS)
{
	AmountAcc  *acc = (AmountAcc *) PG_GETARG_POINTER(0);

	if (acc->count == 0)
		PG_RETURN_NULL();
	PG_RETURN_AMOUNT(amount_check_range(pubfin_div_round_int128(acc_get_sum(acc), acc->count)));
}

/* Final sum: the sum as an amount (22003 when it is out of range); NULL for no rows. */
Datum
amount_acc_sum(PG_FUNCTION_ARGS)
{
	AmountAcc  *acc = (AmountAcc *) PG_GETARG_POINTER(0);

	int128		sum = acc_get_sum(acc);

	if (acc->count == 0)
		PG_RETURN_NULL();
	if (sum > (int128) AMOUNT_MAX_CENTS || sum < (int128) AMOUNT_MIN_CENTS)
		amount_overflow_error("sum");
	PG_RETURN_AMOUNT((Amount) sum);
}
