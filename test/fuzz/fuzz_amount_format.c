/*
 * fuzz_amount_format.c: libFuzzer harness for amount_format over the whole
 * int64 range (amount_parse.c).
 *
 * fuzz-sources: src/amount_parse.c
 *
 * The first 8 bytes of the input are a count of cents (any int64, including
 * the limits).  In range, every locale's form parses back to the same value
 * in that locale; INT64_MIN, the one int64 outside the range, formats within
 * the buffer and parses back as out of range.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "amount.h"

/* libFuzzer entry point. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const AmountLocale locales[] = {
		AMOUNT_LOCALE_DEFAULT, AMOUNT_LOCALE_FR, AMOUNT_LOCALE_EN, AMOUNT_LOCALE_DE, AMOUNT_LOCALE_CH
	};
	int64_t		cents;
	size_t		k;

	if (size < sizeof(cents))
		return 0;
	memcpy(&cents, data, sizeof(cents));
	for (k = 0; k < sizeof(locales) / sizeof(locales[0]); k++)
	{
		char		buf[AMOUNT_FORMAT_BUFLEN];
		size_t		len = amount_format(cents, locales[k], buf);
		char	   *copy = malloc(len);
		int64_t		back = 0;
		size_t		errpos = 0;
		AmountStatus status;

		if (len >= AMOUNT_FORMAT_BUFLEN || strlen(buf) != len)
			abort();
		memcpy(copy, buf, len);
		status = amount_parse(copy, len, locales[k], &back, &errpos);
		if (cents == INT64_MIN ? status != AMOUNT_ERR_RANGE : (status != AMOUNT_OK || back != cents))
		{
			fprintf(stderr, "round trip failed: cents %lld locale %s text \"%s\" status %d back %lld\n",
					(long long) cents, amount_locale_name(locales[k]), buf, (int) status,
					(long long) back);
			abort();
		}
		free(copy);
	}
	return 0;
}
