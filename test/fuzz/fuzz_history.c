/*
 * fuzz_history.c: libFuzzer harness for the history text core
 * (history_parse.c, which reads its amounts with amount_parse.c).
 *
 * fuzz-sources: src/history_parse.c src/amount_parse.c
 *
 * Every input is parsed from a heap buffer of exactly its size (no NUL).
 * Accepted histories have at most history_max_pairs pairs, sorted by strictly
 * increasing year in 1..9999, amounts in the amount range; written back as
 * {year:amount,...} (canonical amounts, and fr amounts between quotes) they
 * parse to the same pairs.  Rejections go through history_describe_error and
 * history_error_hint.  Until the history branch is merged, run it with
 * FUZZ_FROM_REF=history.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "history.h"

/* Report a broken property, then abort. */
static void
fail(const char *what, const char *text, size_t len)
{
	fprintf(stderr, "property failed: %s (text \"%.*s\")\n", what, (int) len, text);
	abort();
}

/* Write pairs as history text, amounts in a locale (fr quoted); returns the length. */
static size_t
write_history(const HistoryPair *pairs, size_t n, AmountLocale locale, char *out)
{
	size_t		len = 0;
	size_t		k;

	out[len++] = '{';
	for (k = 0; k < n; k++)
	{
		char		buf[AMOUNT_FORMAT_BUFLEN];

		amount_format(pairs[k].cents, locale, buf);
		len += (size_t) sprintf(out + len, locale == AMOUNT_LOCALE_DEFAULT ? "%s%d:%s" : "%s%d:\"%s\"",
								k ? "," : "", (int) pairs[k].year, buf);
	}
	out[len++] = '}';
	return len;
}

/* libFuzzer entry point. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	   *input = malloc(size ? size : 1);
	size_t		cap;
	HistoryPair *pairs;
	size_t		n = 0;
	HistoryParseError err;
	HistoryStatus status;

	if (size)
		memcpy(input, data, size);
	cap = history_max_pairs(input, size);
	pairs = malloc((cap ? cap : 1) * sizeof(HistoryPair));
	memset(&err, 0, sizeof(err));
	status = history_parse(input, size, pairs, cap, &n, &err);
	if (status == HISTORY_OK)
	{
		static const AmountLocale locales[] = {AMOUNT_LOCALE_DEFAULT, AMOUNT_LOCALE_FR};
		size_t		k;
		int			l;

		if (n > cap)
			fail("no more pairs than history_max_pairs", input, size);
		for (k = 0; k < n; k++)
		{
			if (pairs[k].year < HISTORY_MIN_YEAR || pairs[k].year > HISTORY_MAX_YEAR)
				fail("years lie in 1..9999", input, size);
			if (k > 0 && pairs[k].year <= pairs[k - 1].year)
				fail("years strictly increase", input, size);
			if (pairs[k].cents > AMOUNT_MAX_CENTS || pairs[k].cents < AMOUNT_MIN_CENTS)
				fail("amounts lie in the amount range", input, size);
		}
		for (l = 0; l < 2; l++)
		{
			/* "{" "}" and per pair: ",", 4-digit year, ":", two quotes, an amount */
			char	   *text = malloc(2 + n * (8 + AMOUNT_FORMAT_BUFLEN));
			size_t		len = write_history(pairs, n, locales[l], text);
			char	   *copy = malloc(len);
			HistoryPair *back = malloc((n ? n : 1) * sizeof(HistoryPair));
			size_t		m = 0;

			memcpy(copy, text, len);
			if (history_parse(copy, len, back, n, &m, &err) != HISTORY_OK || m != n)
				fail("written back, the history parses again", text, len);
			for (k = 0; k < n; k++)
				if (back[k].year != pairs[k].year || back[k].cents != pairs[k].cents)
					fail("written back, the history gives the same pairs", text, len);
			free(back);
			free(copy);
			free(text);
		}
	}
	else
	{
		char		detail[512];
		char		tiny[16];

		if (err.pos > size)
			fail("error position lies within the input", input, size);
		if (history_describe_error(input, size, &err, detail, sizeof(detail)) >= sizeof(detail))
			fail("describe_error stays within its buffer", input, size);
		if (history_describe_error(input, size, &err, tiny, sizeof(tiny)) >= sizeof(tiny))
			fail("describe_error truncates within its buffer", input, size);
		(void) history_error_hint(&err);
	}
	free(pairs);
	free(input);
	return 0;
}
