/*
 * history.h: the history type, a per-year series of amounts.
 *
 * A history is a sorted list of (year, amount) pairs, years 1 to 9999, each
 * year at most once.  Text form: {2019:35000.00,2020:35000.00}; {} is empty.
 *
 * The text core (history_parse, history_normalize, history_describe_error)
 * needs only the C library and amount_parse, so that it compiles outside the
 * server (fuzzing).  The server part below it is compiled when postgres.h was
 * included first.
 */
#ifndef PUBFIN_HISTORY_H
#define PUBFIN_HISTORY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "amount.h"

#define HISTORY_MIN_YEAR	1
#define HISTORY_MAX_YEAR	9999
#define HISTORY_MAX_YEARS	(HISTORY_MAX_YEAR - HISTORY_MIN_YEAR + 1)

/* One parsed pair; pos is where its year starts in the text (byte offset), or its index. */
typedef struct HistoryPair
{
	int32_t		year;
	int64_t		cents;
	size_t		pos;
} HistoryPair;

/* Outcome of history_parse and history_normalize. */
typedef enum HistoryStatus
{
	HISTORY_OK = 0,
	HISTORY_ERR_EMPTY,			/* empty or blank text */
	HISTORY_ERR_OPEN,			/* does not start with "{" */
	HISTORY_ERR_END,			/* text ends before the closing "}" */
	HISTORY_ERR_YEAR,			/* a year (digits) was expected */
	HISTORY_ERR_YEAR_RANGE,		/* year outside 1..9999 */
	HISTORY_ERR_COLON,			/* ":" expected after a year */
	HISTORY_ERR_NO_AMOUNT,		/* nothing between ":" and "," or "}" */
	HISTORY_ERR_QUOTE,			/* a quoted amount without its closing quote */
	HISTORY_ERR_AMOUNT,			/* the amount is not valid amount text */
	HISTORY_ERR_AMOUNT_RANGE,	/* the amount is beyond the amount range */
	HISTORY_ERR_SEPARATOR,		/* "," or "}" expected after an amount */
	HISTORY_ERR_JUNK,			/* characters after the closing "}" */
	HISTORY_ERR_DUPLICATE,		/* the same year twice */
	HISTORY_ERR_TOO_MANY		/* more pairs than the caller's buffer */
} HistoryStatus;

/* Where and why parsing failed. */
typedef struct HistoryParseError
{
	HistoryStatus status;
	size_t		pos;			/* byte offset of the offending character */
	int32_t		year;			/* the year concerned, when there is one */
	AmountStatus amount_status; /* for HISTORY_ERR_AMOUNT */
	size_t		amount_pos;		/* byte offset (in the whole text) of the amount's error */
	size_t		first_pos;		/* for HISTORY_ERR_DUPLICATE: the first occurrence */
} HistoryParseError;

/* An upper bound on the number of pairs in str (the caller sizes the pairs buffer with it). */
extern size_t history_max_pairs(const char *str, size_t len);

/*
 * Parse len bytes of str into pairs (cap slots), sorted by year and checked
 * (history_normalize).  Never raises; on failure err says where and why.
 */
extern HistoryStatus history_parse(const char *str, size_t len, HistoryPair *pairs, size_t cap,
								   size_t *npairs, HistoryParseError *err);

/*
 * Sort pairs by year (then pos) and check them: years in 1..9999, no year
 * twice, no amount at INT64_MIN.  On failure *bad is the index (after
 * sorting) of the offending pair; for a duplicate, of its second occurrence.
 */
extern HistoryStatus history_normalize(HistoryPair *pairs, size_t n, size_t *bad);

/* Explain a parse failure in one sentence (the errdetail); returns the length written. */
extern size_t history_describe_error(const char *str, size_t len, const HistoryParseError *err,
									 char *buf, size_t buflen);

/* The hint that goes with a parse failure, or NULL. */
extern const char *history_error_hint(const HistoryParseError *err);

#ifdef PG_VERSION_NUM

/* Version of the stored and binary formats. */
#define HISTORY_VERSION		1

/* One year of a stored history; reserved is always zero (hashing reads whole entries). */
typedef struct HistoryEntry
{
	int64		cents;
	int32		year;
	int32		reserved;
} HistoryEntry;

/*
 * The stored history: a varlena, 16-byte header then the entries sorted by
 * year.  Entries past n (up to the varlena size) are spare room that only
 * aggregate states carry; every reader uses n.
 */
typedef struct History
{
	int32		vl_len_;		/* varlena header (do not touch directly) */
	uint8		version;		/* HISTORY_VERSION */
	uint8		flags;			/* none yet: zero */
	uint16		reserved;		/* zero */
	int32		n;				/* entries in use */
	int32		reserved2;		/* zero; keeps the entries 8-byte aligned */
	HistoryEntry e[FLEXIBLE_ARRAY_MEMBER];
} History;

#define HISTORY_HDRSZ		offsetof(History, e)
#define HISTORY_SIZE(n)		(HISTORY_HDRSZ + (Size) (n) * sizeof(HistoryEntry))
#define HISTORY_CAPACITY(h)	((int) ((VARSIZE(h) - HISTORY_HDRSZ) / sizeof(HistoryEntry)))

/* Detoast a history and check its format version. */
extern History *history_detoast(Datum d);

#define DatumGetHistoryP(X)		history_detoast(X)
#define PG_GETARG_HISTORY_P(n)	DatumGetHistoryP(PG_GETARG_DATUM(n))
#define HistoryPGetDatum(X)		PointerGetDatum(X)
#define PG_RETURN_HISTORY_P(x)	PG_RETURN_POINTER(x)

/* A new empty history with room for capacity years, in the current memory context. */
extern History *history_alloc(int capacity);

/* A compact copy of h (no spare room) in the current memory context. */
extern History *history_compact(const History *h);

/* Index of year in h, or -1. */
extern int	history_find(const History *h, int32 year);

/* Number of distinct years in the union of two sorted entry lists. */
extern int	history_union_count(const HistoryEntry *a, int na, const HistoryEntry *b, int nb);

/*
 * Merge sorted entries a (na) and b (nb) into dst->e, summing equal years
 * (22003 on overflow); dst needs room for the union.  Merges from the end,
 * so a may be dst->e itself (in-place merge).  Sets dst->n.
 */
extern void history_merge_into(History *dst, const HistoryEntry *a, int na,
							   const HistoryEntry *b, int nb);

/* Raise 22023 unless 1 <= year <= 9999; what names the argument. */
extern void history_check_year(int64 year, const char *what);

#endif							/* PG_VERSION_NUM */

#endif							/* PUBFIN_HISTORY_H */
