/*
 * fuzz_siret.c: libFuzzer harness for the SIREN/SIRET/RNA core (siret_check.c).
 *
 * fuzz-sources: src/siret_check.c
 *
 * Every input is parsed as each kind, from a heap buffer of exactly its size
 * (no NUL).  Accepted values pass orgid_check_value (the check binary input
 * and casts use), and their text, plain and grouped, parses back to the same
 * value.  Rejections go through orgid_describe_error and orgid_error_hint.
 * Until the siret branch is merged, run it with FUZZ_FROM_REF=siret.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "siret_check.h"

/* Report a broken property, then abort. */
static void
fail(const char *what, OrgIdKind kind, int64_t value, const char *text, size_t len)
{
	fprintf(stderr, "property failed: %s (%s, value %lld, text \"%.*s\")\n",
			what, orgid_type_name(kind), (long long) value, (int) len, text);
	abort();
}

/* libFuzzer entry point: one input, every kind. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const OrgIdKind kinds[] = {ORGID_SIREN, ORGID_SIRET, ORGID_RNA};
	char	   *input = malloc(size ? size : 1);
	size_t		k;

	if (size)
		memcpy(input, data, size);
	for (k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++)
	{
		int64_t		value = 0;
		OrgIdError	err;
		OrgIdStatus status;

		memset(&err, 0, sizeof(err));
		status = orgid_parse(kinds[k], input, size, &value, &err);
		if (status == ORGID_OK)
		{
			int			g;

			if (orgid_check_value(kinds[k], value, &err) != ORGID_OK)
				fail("accepted text gives a value that passes the value check", kinds[k], value, input, size);
			for (g = 0; g < 2; g++)
			{
				char		buf[ORGID_FORMAT_BUFLEN];
				size_t		len = orgid_format(kinds[k], value, g == 1, buf);
				char	   *copy = malloc(len ? len : 1);
				int64_t		back = -1;

				if (len >= ORGID_FORMAT_BUFLEN || strlen(buf) != len)
					fail("format stays within ORGID_FORMAT_BUFLEN", kinds[k], value, buf, len);
				memcpy(copy, buf, len);
				if (orgid_parse(kinds[k], copy, len, &back, &err) != ORGID_OK || back != value)
					fail("format then parse gives the value", kinds[k], value, buf, len);
				free(copy);
			}
		}
		else
		{
			char		detail[512];
			char		tiny[16];
			size_t		n;

			n = orgid_describe_error(kinds[k], status, &err, input, size, detail, sizeof(detail));
			if (n >= sizeof(detail))
				fail("describe_error stays within its buffer", kinds[k], 0, input, size);
			n = orgid_describe_error(kinds[k], status, &err, input, size, tiny, sizeof(tiny));
			if (n >= sizeof(tiny))
				fail("describe_error truncates within its buffer", kinds[k], 0, input, size);
			(void) orgid_error_hint(kinds[k], status, &err);
		}
	}
	/* the value check on raw 8-byte values (binary input is never trusted) */
	if (size >= 8)
	{
		int64_t		raw;
		OrgIdError	err;

		memcpy(&raw, input, 8);
		for (k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++)
		{
			memset(&err, 0, sizeof(err));
			if (orgid_check_value(kinds[k], raw, &err) == ORGID_OK)
			{
				char		buf[ORGID_FORMAT_BUFLEN];
				size_t		len = orgid_format(kinds[k], raw, false, buf);
				int64_t		back = -1;

				if (len >= ORGID_FORMAT_BUFLEN ||
					orgid_parse(kinds[k], buf, len, &back, &err) != ORGID_OK || back != raw)
					fail("a valid stored value formats and parses back", kinds[k], raw, buf, len);
			}
		}
	}
	free(input);
	return 0;
}
