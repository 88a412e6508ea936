/*
 * fold.c: accent- and case-insensitive keys for text (unaccent_fold), used to
 * match SCDL headers, enumerated values and organization names.
 */
#include "postgres.h"

#include "fmgr.h"
#include "mb/pg_wchar.h"
#include "utils/builtins.h"

#include "scdl.h"

PG_FUNCTION_INFO_V1(unaccent_fold);

/* U+00C0 .. U+017F folded to lower-case ASCII; "" marks a non-letter (x and ÷). */
static const char *const latin_fold[0x180 - 0xC0] = {
	"a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e",	/* U+00C0 */
	"i", "i", "i", "i", "d", "n", "o", "o", "o", "o", "o", "",	/* U+00CC */
	"o", "u", "u", "u", "u", "y", "th", "ss", "a", "a", "a", "a",	/* U+00D8 */
	"a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",	/* U+00E4 */
	"d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u",	/* U+00F0 */
	"u", "y", "th", "y", "a", "a", "a", "a", "a", "a", "c", "c",	/* U+00FC */
	"c", "c", "c", "c", "c", "c", "d", "d", "d", "d", "e", "e",	/* U+0108 */
	"e", "e", "e", "e", "e", "e", "e", "e", "g", "g", "g", "g",	/* U+0114 */
	"g", "g", "g", "g", "h", "h", "h", "h", "i", "i", "i", "i",	/* U+0120 */
	"i", "i", "i", "i", "i", "i", "ij", "ij", "j", "j", "k", "k",	/* U+012C */
	"k", "l", "l", "l", "l", "l", "l", "l", "l", "l", "l", "n",	/* U+0138 */
	"n", "n", "n", "n", "n", "n", "n", "n", "o", "o", "o", "o",	/* U+0144 */
	"o", "o", "oe", "oe", "r", "r", "r", "r", "r", "r", "s", "s",	/* U+0150 */
	"s", "s", "s", "s", "s", "s", "t", "t", "t", "t", "t", "t",	/* U+015C */
	"u", "u", "u", "u", "u", "u", "u", "u", "u", "u", "u", "u",	/* U+0168 */
	"w", "w", "y", "y", "y", "z", "z", "z", "z", "z", "z", "s",	/* U+0174 */
};

/* Decode one UTF-8 character at s[i]; *clen gets its length (1 for a stray byte). */
static uint32
decode_utf8(const unsigned char *s, size_t len, size_t i, int *clen)
{
	unsigned char c = s[i];

	if (c < 0x80)
	{
		*clen = 1;
		return c;
	}
	if ((c & 0xE0) == 0xC0 && i + 1 < len)
	{
		*clen = 2;
		return ((uint32) (c & 0x1F) << 6) | (s[i + 1] & 0x3F);
	}
	if ((c & 0xF0) == 0xE0 && i + 2 < len)
	{
		*clen = 3;
		return ((uint32) (c & 0x0F) << 12) | ((uint32) (s[i + 1] & 0x3F) << 6) | (s[i + 2] & 0x3F);
	}
	if ((c & 0xF8) == 0xF0 && i + 3 < len)
	{
		*clen = 4;
		return ((uint32) (c & 0x07) << 18) | ((uint32) (s[i + 1] & 0x3F) << 12) |
			((uint32) (s[i + 2] & 0x3F) << 6) | (s[i + 3] & 0x3F);
	}
	*clen = 1;
	return 0xFFFD;
}

/* Fold UTF-8 text (see scdl.h). */
void
pubfin_fold_utf8(const char *str, size_t len, bool keep_spaces, StringInfo out)
{
	const unsigned char *s = (const unsigned char *) str;
	bool		pending_space = false;
	size_t		i = 0;

	while (i < len)
	{
		int			clen;
		uint32		cp = decode_utf8(s, len, i, &clen);
		const char *repl = NULL;
		bool		separator = false;

		if (cp < 0x80)
		{
			if (cp >= 'A' && cp <= 'Z')
				cp += 'a' - 'A';
			if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9'))
			{
				if (pending_space && out->len > 0)
					appendStringInfoChar(out, ' ');
				pending_space = false;
				appendStringInfoChar(out, (char) cp);
				i += clen;
				continue;
			}
			separator = true;
		}
		else if (cp >= 0xC0 && cp < 0x180)
		{
			repl = latin_fold[cp - 0xC0];
			separator = (repl[0] == '\0');
		}
		else if (cp >= 0x300 && cp < 0x370)
		{
			i += clen;			/* a combining mark (decomposed accents) */
			continue;
		}
		else if (cp < 0xC0 || (cp >= 0x2000 && cp < 0x2070) || cp == 0x3000)
			separator = true;	/* Latin-1 and general punctuation, no-break spaces */

		if (separator)
		{
			pending_space = keep_spaces;
			i += clen;
			continue;
		}
		if (pending_space && out->len > 0)
			appendStringInfoChar(out, ' ');
		pending_space = false;
		if (repl)
			appendStringInfoString(out, repl);
		else
			appendBinaryStringInfo(out, str + i, clen);
		i += clen;
	}
}

/* The text as a NUL-terminated UTF-8 string (converted when the database encoding is not UTF-8). */
char *
pubfin_text_to_utf8(text *t, size_t *len)
{
	int			n = VARSIZE_ANY_EXHDR(t);
	char	   *s = VARDATA_ANY(t);
	char	   *u;

	if (GetDatabaseEncoding() == PG_UTF8 || GetDatabaseEncoding() == PG_SQL_ASCII)
		u = pnstrdup(s, n);
	else
	{
		u = (char *) pg_do_encoding_conversion((unsigned char *) s, n,
											   GetDatabaseEncoding(), PG_UTF8);
		if (u == s)
			u = pnstrdup(s, n);
	}
	*len = strlen(u);
	return u;
}

/* A UTF-8 string as a text in the database encoding. */
text *
pubfin_utf8_to_text(const char *s, size_t len)
{
	char	   *conv;

	if (GetDatabaseEncoding() == PG_UTF8 || GetDatabaseEncoding() == PG_SQL_ASCII)
		return cstring_to_text_with_len(s, (int) len);
	conv = (char *) pg_do_encoding_conversion((unsigned char *) s, (int) len,
											  PG_UTF8, GetDatabaseEncoding());
	return cstring_to_text_with_len(conv, conv == s ? (int) len : (int) strlen(conv));
}

/* unaccent_fold(text) RETURNS text: lower case, no accents, words separated by one space. */
Datum
unaccent_fold(PG_FUNCTION_ARGS)
{
	size_t		len;
	char	   *u = pubfin_text_to_utf8(PG_GETARG_TEXT_PP(0), &len);
	StringInfoData out;

	initStringInfo(&out);
	pubfin_fold_utf8(u, len, true, &out);
	PG_RETURN_TEXT_P(pubfin_utf8_to_text(out.data, out.len));
}
