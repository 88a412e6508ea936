/*
 * amount.h: the amount type, an exact sum of money as a signed count of cents.
 *
 * The text core (amount_parse, amount_format, amount_describe_error) needs
 * only the C library, so that it compiles outside the server (fuzzing).  The
 * server part below it is compiled when postgres.h was included first.
 */
#ifndef PUBFIN_AMOUNT_H
#define PUBFIN_AMOUNT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The range is symmetric: INT64_MIN is not an amount, so negation never overflows. */
#define AMOUNT_MAX_CENTS	INT64_MAX
#define AMOUNT_MIN_CENTS	(-INT64_MAX)

/* Longest formatted amount: sign, 19 digits, 6 three-byte separators, mark, " €" */
#define AMOUNT_FORMAT_BUFLEN 64

/* Conventions of the text forms: the type's own, and those of parse_amount/format_amount. */
typedef enum AmountLocale
{
	AMOUNT_LOCALE_DEFAULT = 0,	/* type input: "." or "," decimal, blanks or ' group */
	AMOUNT_LOCALE_FR,			/* 753 091,50 €  (blanks or "." group, "," decimal) */
	AMOUNT_LOCALE_EN,			/* 753,091.50 */
	AMOUNT_LOCALE_DE,			/* 753.091,50 € */
	AMOUNT_LOCALE_CH			/* 753'091.50 */
} AmountLocale;

/* Outcome of amount_parse. */
typedef enum AmountStatus
{
	AMOUNT_OK = 0,
	AMOUNT_ERR_EMPTY,			/* empty or blank */
	AMOUNT_ERR_NO_DIGITS,		/* a sign or currency without digits */
	AMOUNT_ERR_MIXED_MARKS,		/* "1,234.56" or "1.234.567": the decimal mark is ambiguous */
	AMOUNT_ERR_DECIMALS,		/* more than two decimals */
	AMOUNT_ERR_MARK,			/* decimal mark not between digits */
	AMOUNT_ERR_GROUPING,		/* group separator not between groups of three digits */
	AMOUNT_ERR_JUNK,			/* a character that has no place in an amount */
	AMOUNT_ERR_RANGE			/* beyond +-92233720368547758.07 */
} AmountStatus;

/* Parse len bytes of str; on failure *errpos is the byte offset of the offending character. */
extern AmountStatus amount_parse(const char *str, size_t len, AmountLocale locale,
								 int64_t *cents, size_t *errpos);

/* Write cents in the locale's form into buf (AMOUNT_FORMAT_BUFLEN bytes); returns the length. */
extern size_t amount_format(int64_t cents, AmountLocale locale, char *buf);

/* Explain a parse failure in one sentence (the errdetail); returns the length written. */
extern size_t amount_describe_error(AmountStatus status, AmountLocale locale,
									const char *str, size_t len, size_t errpos,
									char *buf, size_t buflen);

/* The hint that goes with a parse failure, or NULL. */
extern const char *amount_error_hint(AmountStatus status, AmountLocale locale);

/* Locale by name ("fr", "en", "de", "ch"); false when unknown. */
extern bool amount_locale_from_name(const char *name, AmountLocale *locale);

/* Name of a locale, for messages. */
extern const char *amount_locale_name(AmountLocale locale);

#ifdef PG_VERSION_NUM
/* Server side: amount is int8-like, passed by value. */
typedef int64 Amount;

#define DatumGetAmount(X)		((Amount) DatumGetInt64(X))
#define AmountGetDatum(X)		Int64GetDatum(X)
#define PG_GETARG_AMOUNT(n)		DatumGetAmount(PG_GETARG_DATUM(n))
#define PG_RETURN_AMOUNT(x)		return AmountGetDatum(x)

/* Parse text as an amount in the type's own syntax, raising 22P02/22003 on failure. */
extern Amount amount_from_cstring(const char *str, size_t len);

/* Parse with a locale's conventions, raising 22P02/22003 on failure. */
extern Amount amount_parse_locale(const char *str, size_t len, AmountLocale locale);

/* The error message amount_error() returns for bad text, or NULL when it is a valid amount. */
extern char *amount_error_text(const char *str, size_t len, AmountLocale locale);

/* Check a cents result: raise 22003 when it lies outside the amount range. */
extern Amount amount_check_range(int128 cents);

/* Raise 22003 naming the operation that overflowed. */
extern void amount_overflow_error(const char *what) pg_attribute_noreturn();

/* amount as numeric with two decimals (exact). */
extern Numeric amount_to_numeric_internal(Amount cents);

/* numeric as amount, rounded half away from zero to the cent (22003 out of range). */
extern Amount amount_from_numeric_internal(Numeric num);

/* Checked addition of two amounts (22003). */
static inline Amount
amount_add(Amount a, Amount b)
{
	int64		r;

	if (unlikely(pg_add_s64_overflow(a, b, &r) || r == PG_INT64_MIN))
		amount_overflow_error("sum");
	return r;
}

/* Checked subtraction of two amounts (22003). */
static inline Amount
amount_sub(Amount a, Amount b)
{
	int64		r;

	if (unlikely(pg_sub_s64_overflow(a, b, &r) || r == PG_INT64_MIN))
		amount_overflow_error("difference");
	return r;
}

/* int128 a/b rounded half away from zero (b != 0). */
static inline int128
pubfin_div_round_int128(int128 a, int128 b)
{
	int128		q = a / b;
	int128		r = a % b;
	int128		ar = r < 0 ? -r : r;
	int128		ab = b < 0 ? -b : b;

	if (ar >= ab - ar)
		q += ((a < 0) != (b < 0)) ? -1 : 1;
	return q;
}
#endif							/* PG_VERSION_NUM */

#endif							/* PUBFIN_AMOUNT_H */
