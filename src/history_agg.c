/*
 * history_agg.c: the aggregates that build histories.
 *
 * history_agg(year, amount) and history_sum(history) keep a history as their
 * state, so partial states are ordinary values with text I/O (parallel query,
 * partitionwise aggregation, Citus).  The state carries spare room past its
 * n entries: the transition functions update it in place in the aggregate
 * context, and only when a new year does not fit do they return a copy with
 * twice the room (the executor then moves it into the aggregate context and
 * frees the old one).  The final function drops the spare room.
 */
#include "pubfin.h"

#include "amount.h"
#include "history.h"

/* Room of a fresh state: 15 years, a 256-byte chunk, so a decade of data never grows it. */
#define HISTORY_STATE_INITIAL 15

/* Room for at least want entries: doubling, so that the chunk stays a power of two. */
static int
grown_capacity(int capacity, int want)
{
	int			cap = Max(capacity, HISTORY_STATE_INITIAL);

	while (cap < want)
		cap = cap * 2 + 1;		/* 16 + 16 (2c + 1) = 2 (16 + 16 c) */
	return Min(cap, HISTORY_MAX_YEARS);
}

/*
 * A new empty state with room for capacity years, in the current context.
 * Unlike history_alloc it does not zero the room: only entries below n are
 * ever read, and state_add writes each entry whole.
 */
static History *
state_alloc(int capacity)
{
	History    *h = palloc(HISTORY_SIZE(capacity));

	SET_VARSIZE(h, HISTORY_SIZE(capacity));
	h->version = HISTORY_VERSION;
	h->flags = 0;
	h->reserved = 0;
	h->n = 0;
	h->reserved2 = 0;
	return h;
}

/* Raise unless called as an aggregate support function; returns the aggregate context. */
static MemoryContext
history_agg_context(FunctionCallInfo fcinfo, const char *fname)
{
	MemoryContext aggctx;

	if (!AggCheckCallContext(fcinfo, &aggctx))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("%s called in a non-aggregate context", fname)));
	return aggctx;
}

/*
 * Add cents to year in state, in place when the year exists or fits; else
 * return a copy with more room (the caller returns it to the executor).
 */
static History *
state_add(History *state, int32 year, int64 cents)
{
	int			n = state->n;
	int			pos;

	/* years usually come in order: try the end first */
	if (n == 0 || state->e[n - 1].year < year)
		pos = n;
	else
	{
		int			k = history_find(state, year);

		if (k >= 0)
		{
			state->e[k].cents = amount_add(state->e[k].cents, cents);
			return state;
		}
		for (pos = n - 1; pos > 0 && state->e[pos - 1].year > year; pos--)
			;
	}
	if (n == HISTORY_CAPACITY(state))
	{
		History    *bigger = state_alloc(grown_capacity(n, n + 1));

		memcpy(bigger->e, state->e, sizeof(HistoryEntry) * n);
		bigger->n = n;
		state = bigger;
	}
	memmove(&state->e[pos + 1], &state->e[pos], sizeof(HistoryEntry) * (n - pos));
	state->e[pos].year = year;
	state->e[pos].cents = cents;
	state->e[pos].reserved = 0;
	state->n = n + 1;
	return state;
}

PG_FUNCTION_INFO_V1(history_agg_trans);
PG_FUNCTION_INFO_V1(history_combine);
PG_FUNCTION_INFO_V1(history_agg_final);

/* history_agg transition: add amount to year; NULL amounts are ignored. */
Datum
history_agg_trans(PG_FUNCTION_ARGS)
{
	History    *state;
	int32		year;

	history_agg_context(fcinfo, "history_agg_trans");
	if (PG_ARGISNULL(2))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	if (PG_ARGISNULL(1))
	{
		char		amt[AMOUNT_FORMAT_BUFLEN];

		amount_format(PG_GETARG_AMOUNT(2), AMOUNT_LOCALE_DEFAULT, amt);
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("history_agg: the year of amount %s is null", amt),
				 errhint("Filter the rows without a year, or give them one with COALESCE.")));
	}
	year = PG_GETARG_INT32(1);
	history_check_year(year, "year");
	if (PG_ARGISNULL(0))
	{
		/* a fresh state is returned from this call's context: the executor copies it */
		state = state_alloc(HISTORY_STATE_INITIAL);
	}
	else
	{
		/* the state only ever comes from this function: a plain varlena, nothing to detoast */
		state = (History *) DatumGetPointer(PG_GETARG_DATUM(0));
#ifdef __GNUC__
		/* it lies far from the hash entry: fetch its cache lines at once, not one after another */
		__builtin_prefetch((const char *) state + 64);
		__builtin_prefetch((const char *) state + 128);
#endif
	}
	PG_RETURN_HISTORY_P(state_add(state, year, PG_GETARG_AMOUNT(2)));
}

/*
 * Combine function of both aggregates, and transition function of
 * history_sum: merge the second history into the first, in place when its
 * new years fit.  It is STRICT: for a NULL first argument the executor copies
 * the second into the aggregate context itself (ExecAggInitGroup), so that
 * copy is made once, where it belongs; NULL histories are skipped.
 */
Datum
history_combine(PG_FUNCTION_ARGS)
{
	History    *state;
	History    *other;
	int			n;

	history_agg_context(fcinfo, "history_combine");
	state = PG_GETARG_HISTORY_P(0);
	other = PG_GETARG_HISTORY_P(1);
	n = history_union_count(state->e, state->n, other->e, other->n);
	if (n > HISTORY_CAPACITY(state))
	{
		/* returned from this call's context: the executor moves it into the aggregate context */
		History    *bigger = state_alloc(grown_capacity(HISTORY_CAPACITY(state), n));

		history_merge_into(bigger, state->e, state->n, other->e, other->n);
		PG_RETURN_HISTORY_P(bigger);
	}
	history_merge_into(state, state->e, state->n, other->e, other->n);
	PG_RETURN_HISTORY_P(state);
}

/*
 * Final function of both aggregates: a compact copy of the state.  Always a
 * copy, never the state itself, which later transitions (window frames) may
 * still change in place.
 */
Datum
history_agg_final(PG_FUNCTION_ARGS)
{
	PG_RETURN_HISTORY_P(history_compact(PG_GETARG_HISTORY_P(0)));
}
