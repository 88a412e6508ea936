/*
 * history_parse.c: the text core of the history type, in plain C.
 *
 * Parsing never raises: it returns a status and a position that the server
 * glue (history.c) turns into an error, or that history_error() returns as
 * text.  This file needs only the C library and amount_parse (amount_parse.c),
 * so fuzzers build the two on their own.
 *
 * Syntax: optional blanks, "{", then zero or more year:amount pairs separated
 * by ",", then "}" and optional blanks.  Blanks may surround every token.  A
 * year is 1 to 9999 written in digits.  An amount is in the amount type's
 * text syntax; it is written between double quotes when it contains a comma
 * ({2019:"35 000,50"}), since an unquoted comma ends the pair.  Pairs may come
 * in any order; the result is sorted by year, and a year given twice is an
 * error.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "blank.h"
#include "history.h"

/* The first non-blank offset at or after i (blanks: see blank.h). */
static inline size_t
skip_blanks(const unsigned char *s, size_t len, size_t i)
{
	size_t		w;

	while (i < len && (w = pubfin_blank_len(s, len, i)) > 0)
		i += w;
	return i;
}

/*
 * The number of pair slots to parse str into: every pair needs its own ":",
 * and a history holds each year at most once, so never more than
 * HISTORY_MAX_YEARS (a longer text fails with HISTORY_ERR_TOO_MANY).  The
 * bound keeps the buffer small whatever the input: 45 MB of ":" asks for
 * 9999 slots, not 45 million.
 */
size_t
history_max_pairs(const char *str, size_t len)
{
	size_t		n = 0;
	size_t		i;

	for (i = 0; i < len && n < HISTORY_MAX_YEARS; i++)
		if (str[i] == ':')
			n++;
	return n;
}

/* Set err and return its status. */
static HistoryStatus
fail(HistoryParseError *err, HistoryStatus status, size_t pos, int32_t year)
{
	err->status = status;
	err->pos = pos;
	err->year = year;
	return status;
}

/* Parse len bytes of str into pairs (cap slots), sorted and checked; never raises. */
HistoryStatus
history_parse(const char *str, size_t len, HistoryPair *pairs, size_t cap,
			  size_t *npairs, HistoryParseError *err)
{
	const unsigned char *s = (const unsigned char *) str;
	size_t		i;
	size_t		n = 0;
	size_t		bad;
	HistoryStatus status;

	memset(err, 0, sizeof(*err));
	*npairs = 0;

	i = skip_blanks(s, len, 0);
	if (i == len)
		return fail(err, HISTORY_ERR_EMPTY, 0, 0);
	if (s[i] != '{')
		return fail(err, HISTORY_ERR_OPEN, i, 0);
	i = skip_blanks(s, len, i + 1);
	if (i < len && s[i] == '}')
		i++;
	else
	{
		for (;;)
		{
			size_t		year_pos;
			int32_t		year = 0;
			size_t		ndigits = 0;
			size_t		astart;
			size_t		aend;
			int64_t		cents;
			size_t		apos;
			AmountStatus ast;

			/* the year */
			i = skip_blanks(s, len, i);
			year_pos = i;
			if (i == len)
				return fail(err, HISTORY_ERR_END, i, 0);
			while (i < len && s[i] >= '0' && s[i] <= '9')
			{
				if (year <= HISTORY_MAX_YEAR)
					year = year * 10 + (s[i] - '0');
				i++;
				ndigits++;
			}
			if (ndigits == 0)
				return fail(err, HISTORY_ERR_YEAR, year_pos, 0);
			if (year < HISTORY_MIN_YEAR || year > HISTORY_MAX_YEAR)
				return fail(err, HISTORY_ERR_YEAR_RANGE, year_pos, year);

			/* the colon */
			i = skip_blanks(s, len, i);
			if (i == len)
				return fail(err, HISTORY_ERR_END, i, year);
			if (s[i] != ':')
				return fail(err, HISTORY_ERR_COLON, i, year);
			i = skip_blanks(s, len, i + 1);
			if (i == len)
				return fail(err, HISTORY_ERR_END, i, year);

			/* the amount, quoted or up to the next "," or "}" */
			if (s[i] == '"')
			{
				const unsigned char *q = memchr(s + i + 1, '"', len - i - 1);

				if (q == NULL)
					return fail(err, HISTORY_ERR_QUOTE, i, year);
				astart = i + 1;
				aend = (size_t) (q - s);
				i = aend + 1;
			}
			else
			{
				astart = i;
				while (i < len && s[i] != ',' && s[i] != '}')
					i++;
				aend = i;
			}
			if (skip_blanks(s, aend, astart) == aend)
				return fail(err, HISTORY_ERR_NO_AMOUNT, astart < len ? astart : len, year);
			ast = amount_parse(str + astart, aend - astart, AMOUNT_LOCALE_DEFAULT, &cents, &apos);
			if (ast == AMOUNT_ERR_RANGE)
				return fail(err, HISTORY_ERR_AMOUNT_RANGE, astart, year);
			if (ast != AMOUNT_OK)
			{
				err->amount_status = ast;
				err->amount_pos = astart + apos;
				return fail(err, HISTORY_ERR_AMOUNT, astart, year);
			}
			if (n == cap)
				return fail(err, HISTORY_ERR_TOO_MANY, year_pos, year);
			pairs[n].year = year;
			pairs[n].cents = cents;
			pairs[n].pos = year_pos;
			n++;

			/* "," continues, "}" ends */
			i = skip_blanks(s, len, i);
			if (i == len)
				return fail(err, HISTORY_ERR_END, i, year);
			if (s[i] == '}')
			{
				i++;
				break;
			}
			if (s[i] != ',')
				return fail(err, HISTORY_ERR_SEPARATOR, i, year);
			i++;
		}
	}
	i = skip_blanks(s, len, i);
	if (i != len)
		return fail(err, HISTORY_ERR_JUNK, i, 0);

	status = history_normalize(pairs, n, &bad);
	if (status != HISTORY_OK)
	{
		fail(err, status, pairs[bad].pos, pairs[bad].year);
		if (status == HISTORY_ERR_DUPLICATE)
			err->first_pos = pairs[bad - 1].pos;
		return status;
	}
	*npairs = n;
	return HISTORY_OK;
}

/* Order pairs by year, then by position. */
static int
pair_cmp(const void *pa, const void *pb)
{
	const HistoryPair *a = (const HistoryPair *) pa;
	const HistoryPair *b = (const HistoryPair *) pb;

	if (a->year != b->year)
		return a->year < b->year ? -1 : 1;
	return (a->pos > b->pos) - (a->pos < b->pos);
}

/* Sort pairs by year and check them (see history.h). */
HistoryStatus
history_normalize(HistoryPair *pairs, size_t n, size_t *bad)
{
	size_t		k;
	bool		sorted = true;

	*bad = 0;
	for (k = 1; k < n && sorted; k++)
		if (pairs[k - 1].year >= pairs[k].year)
			sorted = false;
	if (!sorted)
		qsort(pairs, n, sizeof(HistoryPair), pair_cmp);
	for (k = 0; k < n; k++)
	{
		*bad = k;
		if (pairs[k].year < HISTORY_MIN_YEAR || pairs[k].year > HISTORY_MAX_YEAR)
			return HISTORY_ERR_YEAR_RANGE;
		if (pairs[k].cents < AMOUNT_MIN_CENTS)
			return HISTORY_ERR_AMOUNT_RANGE;
		if (k > 0 && pairs[k].year == pairs[k - 1].year)
			return HISTORY_ERR_DUPLICATE;
	}
	*bad = 0;
	return HISTORY_OK;
}

/* 1-based position in characters of byte offset pos. */
static size_t
char_position(const char *str, size_t len, size_t pos)
{
	size_t		charpos = 1;
	size_t		k;

	for (k = 0; k < pos && k < len; k++)
		if (((unsigned char) str[k] & 0xC0) != 0x80)
			charpos++;
	return charpos;
}

/* The character at byte offset pos, quoted for a message (control bytes as \xNN). */
static void
char_at(const char *str, size_t len, size_t pos, char *ch, size_t chlen)
{
	const unsigned char *s = (const unsigned char *) str;
	size_t		n = 1;

	if (pos >= len)
	{
		snprintf(ch, chlen, "end of text");
		return;
	}
	if (s[pos] < 0x20 || s[pos] == 0x7F)
	{
		snprintf(ch, chlen, "\"\\x%02X\"", s[pos]);
		return;
	}
	if (s[pos] >= 0xC0)
	{
		size_t		want = (s[pos] >= 0xF0) ? 4 : (s[pos] >= 0xE0) ? 3 : 2;

		while (n < want && pos + n < len && (s[pos + n] & 0xC0) == 0x80)
			n++;
	}
	if (n + 3 > chlen)
		n = chlen - 3;
	ch[0] = '"';
	memcpy(ch + 1, str + pos, n);
	ch[n + 1] = '"';
	ch[n + 2] = '\0';
}

/* Explain a parse failure in one sentence (the errdetail); returns the length written. */
size_t
history_describe_error(const char *str, size_t len, const HistoryParseError *err,
					   char *buf, size_t buflen)
{
	char		ch[16];
	char		amount_detail[400];
	size_t		charpos = char_position(str, len, err->pos);
	int			n = 0;

	char_at(str, len, err->pos, ch, sizeof(ch));
	switch (err->status)
	{
		case HISTORY_OK:
			n = snprintf(buf, buflen, "The value is valid.");
			break;
		case HISTORY_ERR_EMPTY:
			n = snprintf(buf, buflen, "The value is empty or blank.");
			break;
		case HISTORY_ERR_OPEN:
			n = snprintf(buf, buflen, "A history starts with \"{\", not %s (position %zu).", ch, charpos);
			break;
		case HISTORY_ERR_END:
			n = snprintf(buf, buflen, "The text ends at position %zu before the closing \"}\".", charpos);
			break;
		case HISTORY_ERR_YEAR:
			n = snprintf(buf, buflen, "Expected a year at position %zu, found %s.", charpos, ch);
			break;
		case HISTORY_ERR_YEAR_RANGE:
			{
				size_t		ndigits = 0;

				while (err->pos + ndigits < len && str[err->pos + ndigits] >= '0' &&
					   str[err->pos + ndigits] <= '9' && ndigits < 40)
					ndigits++;
				n = snprintf(buf, buflen, "The year %.*s at position %zu is out of range: years run from 1 to 9999.",
							 (int) ndigits, str + err->pos, charpos);
			}
			break;
		case HISTORY_ERR_COLON:
			n = snprintf(buf, buflen, "Expected \":\" after the year %d at position %zu, found %s.",
						 (int) err->year, charpos, ch);
			break;
		case HISTORY_ERR_NO_AMOUNT:
			n = snprintf(buf, buflen, "The amount of year %d is missing at position %zu.",
						 (int) err->year, charpos);
			break;
		case HISTORY_ERR_QUOTE:
			n = snprintf(buf, buflen, "The quoted amount of year %d opened at position %zu is not closed.",
						 (int) err->year, charpos);
			break;
		case HISTORY_ERR_AMOUNT:
			amount_describe_error(err->amount_status, AMOUNT_LOCALE_DEFAULT, str, len,
								  err->amount_pos, amount_detail, sizeof(amount_detail));
			n = snprintf(buf, buflen, "The amount of year %d at position %zu is invalid: %s",
						 (int) err->year, charpos, amount_detail);
			break;
		case HISTORY_ERR_AMOUNT_RANGE:
			n = snprintf(buf, buflen, "The amount of year %d at position %zu is out of range: an amount lies between -92233720368547758.07 and 92233720368547758.07.",
						 (int) err->year, charpos);
			break;
		case HISTORY_ERR_SEPARATOR:
			n = snprintf(buf, buflen, "Expected \",\" or \"}\" after the amount of year %d at position %zu, found %s.",
						 (int) err->year, charpos, ch);
			break;
		case HISTORY_ERR_JUNK:
			n = snprintf(buf, buflen, "Unexpected %s at position %zu after the closing \"}\".", ch, charpos);
			break;
		case HISTORY_ERR_DUPLICATE:
			n = snprintf(buf, buflen, "The year %d appears twice, at positions %zu and %zu.",
						 (int) err->year, char_position(str, len, err->first_pos), charpos);
			break;
		case HISTORY_ERR_TOO_MANY:
			n = snprintf(buf, buflen, "More than %d years at position %zu: a history holds each year from %d to %d at most once.",
						 HISTORY_MAX_YEARS, charpos, HISTORY_MIN_YEAR, HISTORY_MAX_YEAR);
			break;
	}
	if (n < 0)
		n = 0;
	return (size_t) n < buflen ? (size_t) n : buflen - 1;
}

/* The hint that goes with a parse failure, or NULL. */
const char *
history_error_hint(const HistoryParseError *err)
{
	switch (err->status)
	{
		case HISTORY_ERR_EMPTY:
		case HISTORY_ERR_OPEN:
		case HISTORY_ERR_END:
		case HISTORY_ERR_YEAR:
		case HISTORY_ERR_COLON:
			return "Write a history as {2019:35000.00,2020:35000.00}; an unquoted comma ends a pair, so quote an amount with a decimal comma: {2019:\"35000,50\"}.";
		case HISTORY_ERR_NO_AMOUNT:
		case HISTORY_ERR_SEPARATOR:
		case HISTORY_ERR_JUNK:
			return "Write a history as {2019:35000.00,2020:35000.00}, or {} for none.";
		case HISTORY_ERR_QUOTE:
		case HISTORY_ERR_AMOUNT:
			return "Amounts use the amount type's syntax; quote an amount that contains a comma, as in {2019:\"35 000,50\"}.";
		case HISTORY_ERR_DUPLICATE:
			return "Give each year once; history_agg(year, amount) sums the amounts of a year.";
		case HISTORY_ERR_YEAR_RANGE:
		case HISTORY_ERR_AMOUNT_RANGE:
		case HISTORY_ERR_TOO_MANY:
		case HISTORY_OK:
			return NULL;
	}
	return NULL;
}
