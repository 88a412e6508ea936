/*
 * fuzz_amount.c: libFuzzer harness for the amount text core (amount_parse.c).
 *
 * fuzz-sources: src/amount_parse.c
 *
 * Every input is parsed in every locale (the type's own syntax and those of
 * parse_amount).  The input is copied into a heap buffer of exactly its size,
 * with no NUL terminator, so AddressSanitizer catches any read past the end.
 * Properties checked on every accepted value:
 *   - the error position of a rejection lies within the input;
 *   - the value lies in the amount range (never INT64_MIN);
 *   - formatted in every locale and parsed again in that locale, it gives the
 *     same value; the canonical form also parses in the default syntax, and
 *     the default syntax reads the fr form too;
 *   - formatting never writes past AMOUNT_FORMAT_BUFLEN.
 * Rejections also go through amount_describe_error and amount_error_hint
 * (the errdetail and errhint of the server), with a small output buffer.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "amount.h"

#define NLOCALES 5

static const AmountLocale locales[NLOCALES] = {
	AMOUNT_LOCALE_DEFAULT, AMOUNT_LOCALE_FR, AMOUNT_LOCALE_EN, AMOUNT_LOCALE_DE, AMOUNT_LOCALE_CH
};

/* Report a broken property with the value and the text involved, then abort. */
static void
fail(const char *what, AmountLocale locale, int64_t cents, const char *text, size_t len)
{
	fprintf(stderr, "property failed: %s (locale %s, cents %lld, text \"%.*s\")\n",
			what, amount_locale_name(locale), (long long) cents, (int) len, text);
	abort();
}

/* Format cents in every locale and parse each form back: the same value. */
static void
check_round_trips(int64_t cents)
{
	int			k;

	for (k = 0; k < NLOCALES; k++)
	{
		/* a heap copy of exactly the formatted length, so re-parsing is bounds-checked too */
		char		buf[AMOUNT_FORMAT_BUFLEN + 8];
		size_t		len;
		char	   *copy;
		int64_t		back = 0;
		size_t		errpos = 0;

		memset(buf, 0x7F, sizeof(buf));
		len = amount_format(cents, locales[k], buf);
		if (len >= AMOUNT_FORMAT_BUFLEN || buf[len] != '\0' ||
			(unsigned char) buf[AMOUNT_FORMAT_BUFLEN] != 0x7F)
			fail("format stays within AMOUNT_FORMAT_BUFLEN", locales[k], cents, buf, len);
		if (strlen(buf) != len)
			fail("format returns the length of its output", locales[k], cents, buf, len);
		copy = malloc(len ? len : 1);
		memcpy(copy, buf, len);
		if (amount_parse(copy, len, locales[k], &back, &errpos) != AMOUNT_OK || back != cents)
			fail("format then parse in the same locale gives the value", locales[k], cents, buf, len);
		if (locales[k] == AMOUNT_LOCALE_DEFAULT || locales[k] == AMOUNT_LOCALE_FR)
		{
			/* the canonical form and the French form are read by the type's own input */
			if (amount_parse(copy, len, AMOUNT_LOCALE_DEFAULT, &back, &errpos) != AMOUNT_OK ||
				back != cents)
				fail("default syntax reads the canonical and fr forms", locales[k], cents, buf, len);
		}
		free(copy);
	}
}

/* libFuzzer entry point: one input, every locale. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	   *input = malloc(size ? size : 1);
	int			k;

	if (size)
		memcpy(input, data, size);
	for (k = 0; k < NLOCALES; k++)
	{
		int64_t		cents = 0;
		size_t		errpos = 0;
		AmountStatus status = amount_parse(input, size, locales[k], &cents, &errpos);

		if (status == AMOUNT_OK)
		{
			if (cents > AMOUNT_MAX_CENTS || cents < AMOUNT_MIN_CENTS)
				fail("accepted values lie in the amount range", locales[k], cents, input, size);
			check_round_trips(cents);
		}
		else
		{
			char		detail[512];
			char		tiny[16];
			size_t		n;

			if (errpos > size)
				fail("error position lies within the input", locales[k], (int64_t) errpos, input, size);
			n = amount_describe_error(status, locales[k], input, size, errpos, detail, sizeof(detail));
			if (n >= sizeof(detail) || detail[n] != '\0')
				fail("describe_error stays within its buffer", locales[k], 0, input, size);
			/* truncation to a small buffer must stay in bounds too */
			n = amount_describe_error(status, locales[k], input, size, errpos, tiny, sizeof(tiny));
			if (n >= sizeof(tiny))
				fail("describe_error truncates within its buffer", locales[k], 0, input, size);
			(void) amount_error_hint(status, locales[k]);
		}
	}
	free(input);
	return 0;
}
