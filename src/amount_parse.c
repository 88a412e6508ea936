/*
 * amount_parse.c: the text core of the amount type, in plain C.
 *
 * Parsing and formatting never raise: they return a status that the server
 * glue (amount.c) turns into an error, or that amount_error() returns as text.
 * This file needs only the C library, so fuzzers build it on its own.
 *
 * Syntax (the type's own, AMOUNT_LOCALE_DEFAULT): surrounding blanks; an
 * optional "€" or "EUR" (any case) before or after the number, with or without
 * a blank; an optional sign before the digits (or before a leading currency);
 * digits, optionally grouped by blanks (space, U+00A0, U+202F) or apostrophes
 * (' or U+2019) between groups of exactly three digits; one decimal mark, "."
 * or ",", followed by one or two digits.  The locales of parse_amount fix which
 * characters group and which one marks the decimals.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "amount.h"
#include "blank.h"

/* Classes of the characters that can appear in an amount. */
typedef enum CharClass
{
	CC_DIGIT,
	CC_BLANK,					/* space, U+00A0, U+202F: trimmed, or a group separator */
	CC_CONTROL_BLANK,			/* tab, newline ...: trimmed only */
	CC_APOSTROPHE,				/* ' and U+2019 */
	CC_DOT,
	CC_COMMA,
	CC_OTHER
} CharClass;

/* Which characters group digits and which marks the decimals, per locale. */
typedef struct LocaleRules
{
	const char *name;
	bool		group_blank;
	bool		group_apostrophe;
	bool		group_dot;
	bool		group_comma;
	bool		mark_dot;
	bool		mark_comma;
	bool		dollar_pound;	/* "$" and "£" accepted as currency signs */
	bool		chf;			/* "CHF" accepted as currency */
} LocaleRules;

static const LocaleRules locale_rules[] = {
	[AMOUNT_LOCALE_DEFAULT] = {"default", true, true, false, false, true, true, false, false},
	[AMOUNT_LOCALE_FR] = {"fr", true, false, true, false, false, true, false, false},
	[AMOUNT_LOCALE_EN] = {"en", false, false, false, true, true, false, true, false},
	[AMOUNT_LOCALE_DE] = {"de", false, false, true, false, false, true, false, false},
	[AMOUNT_LOCALE_CH] = {"ch", false, true, false, false, true, false, false, true},
};

/* Classify the character at s[i] (of len bytes); *clen gets its length in bytes. */
static CharClass
classify(const unsigned char *s, size_t len, size_t i, size_t *clen)
{
	unsigned char c = s[i];

	*clen = 1;
	if (c >= '0' && c <= '9')
		return CC_DIGIT;
	if ((*clen = pubfin_blank_len(s, len, i)) > 0)
		return pubfin_blank_groups(s, i, *clen) ? CC_BLANK : CC_CONTROL_BLANK;
	*clen = 1;
	if (c == '\'')
		return CC_APOSTROPHE;
	if (c == '.')
		return CC_DOT;
	if (c == ',')
		return CC_COMMA;
	if (c == 0xE2 && i + 2 < len && s[i + 1] == 0x80 && s[i + 2] == 0x99)
	{
		*clen = 3;
		return CC_APOSTROPHE;	/* U+2019 right single quotation mark */
	}
	/* length of any other UTF-8 sequence, so that errors name whole characters */
	if (c >= 0xC0)
	{
		size_t		n = (c >= 0xF0) ? 4 : (c >= 0xE0) ? 3 : 2;
		size_t		k;

		for (k = 1; k < n && i + k < len && (s[i + k] & 0xC0) == 0x80; k++)
			;
		*clen = k;
	}
	return CC_OTHER;
}

/* Is the character at s[i] a blank that surrounding trimming removes? (*clen gets its length) */
static bool
is_blank_at(const unsigned char *s, size_t len, size_t i, size_t *clen)
{
	CharClass	cc = classify(s, len, i, clen);

	return cc == CC_BLANK || cc == CC_CONTROL_BLANK;
}

/* First position at or after start that is not a blank. */
static size_t
skip_blanks(const unsigned char *s, size_t start, size_t end)
{
	size_t		clen;

	while (start < end && is_blank_at(s, end, start, &clen))
		start += clen;
	return start;
}

/* End of s[start..end) once trailing blanks (of any byte length) are cut off. */
static size_t
trim_blanks(const unsigned char *s, size_t start, size_t end)
{
	size_t		clen;

	while (end > start)
	{
		size_t		k = end - 1;

		/* step back to the first byte of the last character */
		while (k > start && (s[k] & 0xC0) == 0x80)
			k--;
		if (!is_blank_at(s, end, k, &clen) || k + clen != end)
			break;
		end = k;
	}
	return end;
}

/* Case-insensitive ASCII prefix test of s[i..end) against word. */
static bool
match_word(const unsigned char *s, size_t i, size_t end, const char *word)
{
	size_t		n = strlen(word);
	size_t		k;

	if (end - i < n)
		return false;
	for (k = 0; k < n; k++)
	{
		unsigned char c = s[i + k];

		if (c >= 'a' && c <= 'z')
			c -= 'a' - 'A';
		if (c != (unsigned char) word[k])
			return false;
	}
	return true;
}

/* Length of a currency sign or code starting at s[i], or 0. */
static size_t
currency_at(const unsigned char *s, size_t i, size_t end, const LocaleRules *rules)
{
	if (i >= end)
		return 0;
	if (end - i >= 3 && s[i] == 0xE2 && s[i + 1] == 0x82 && s[i + 2] == 0xAC)
		return 3;				/* € */
	if (match_word(s, i, end, "EUR"))
		return 3;
	if (rules->dollar_pound)
	{
		if (s[i] == '$')
			return 1;
		if (end - i >= 2 && s[i] == 0xC2 && s[i + 1] == 0xA3)
			return 2;			/* £ */
	}
	if (rules->chf && match_word(s, i, end, "CHF"))
		return 3;
	return 0;
}

/* Length of a currency sign or code ending at s[end - 1], or 0. */
static size_t
currency_before(const unsigned char *s, size_t start, size_t end, const LocaleRules *rules)
{
	static const size_t lengths[] = {3, 2, 1};
	size_t		k;

	for (k = 0; k < sizeof(lengths) / sizeof(lengths[0]); k++)
	{
		size_t		n = lengths[k];

		if (end - start >= n && currency_at(s, end - n, end, rules) == n)
			return n;
	}
	return 0;
}

/* Parse len bytes of str; on failure *errpos is the byte offset of the offending character. */
AmountStatus
amount_parse(const char *str, size_t len, AmountLocale locale, int64_t *cents, size_t *errpos)
{
	const unsigned char *s = (const unsigned char *) str;
	const LocaleRules *rules = &locale_rules[locale];
	size_t		start = 0;
	size_t		end = len;
	size_t		clen;
	size_t		i;
	size_t		n;
	bool		negative = false;
	bool		have_currency = false;
	bool		in_fraction = false;
	bool		overflow = false;
	int			ndigits = 0;	/* integer digits */
	int			nfrac = 0;		/* fraction digits */
	int			group_len = 0;	/* digits since the last separator */
	int			ngroups = 0;	/* separators seen */
	CharClass	group_class = CC_OTHER;	/* the separator in use */
	size_t		last_sep = 0;
	uint64_t	whole = 0;
	uint64_t	frac = 0;
	uint64_t	total;

	*errpos = 0;
	*cents = 0;

	/* trim blanks */
	start = skip_blanks(s, start, end);
	end = trim_blanks(s, start, end);
	if (start == end)
		return AMOUNT_ERR_EMPTY;

	/* sign before a leading currency: "-€5", "-EUR 5" */
	if (s[start] == '-' || s[start] == '+')
	{
		negative = (s[start] == '-');
		start++;
		if ((n = currency_at(s, start, end, rules)) > 0)
		{
			have_currency = true;
			start += n;
			start = skip_blanks(s, start, end);
		}
	}
	else if ((n = currency_at(s, start, end, rules)) > 0)
	{
		/* leading currency, then an optional sign: "€ -5", "EUR 1 234.56" */
		have_currency = true;
		start += n;
		start = skip_blanks(s, start, end);
		if (start < end && (s[start] == '-' || s[start] == '+'))
		{
			negative = (s[start] == '-');
			start++;
		}
	}

	/* trailing currency: "35 000,00 €", "5EUR" */
	if (!have_currency && end > start && (n = currency_before(s, start, end, rules)) > 0)
	{
		have_currency = true;
		end -= n;
		end = trim_blanks(s, start, end);
	}

	if (start == end)
	{
		*errpos = start;
		return AMOUNT_ERR_NO_DIGITS;
	}

	/* the number itself */
	for (i = start; i < end; i += clen)
	{
		CharClass	cc = classify(s, end, i, &clen);
		bool		is_group;
		bool		is_mark;

		if (cc == CC_DIGIT)
		{
			int			d = s[i] - '0';

			if (in_fraction)
			{
				if (nfrac >= 2)
				{
					*errpos = i;
					return AMOUNT_ERR_DECIMALS;
				}
				frac = frac * 10 + d;
				nfrac++;
			}
			else
			{
				if (whole > (UINT64_MAX - 9) / 10)
					overflow = true;
				else
					whole = whole * 10 + d;
				ndigits++;
				group_len++;
			}
			continue;
		}

		is_group = (cc == CC_BLANK && rules->group_blank) ||
			(cc == CC_APOSTROPHE && rules->group_apostrophe) ||
			(cc == CC_DOT && rules->group_dot) ||
			(cc == CC_COMMA && rules->group_comma);
		is_mark = (cc == CC_DOT && rules->mark_dot) ||
			(cc == CC_COMMA && rules->mark_comma);

		if (is_mark)
		{
			if (in_fraction)
			{
				*errpos = i;
				return AMOUNT_ERR_MIXED_MARKS;
			}
			if (ndigits == 0)
			{
				*errpos = i;
				return AMOUNT_ERR_MARK;
			}
			if (ngroups > 0 && group_len != 3)
			{
				*errpos = last_sep;
				return AMOUNT_ERR_GROUPING;
			}
			/* "1,234.56" in the default syntax: two kinds of mark */
			if (locale == AMOUNT_LOCALE_DEFAULT)
			{
				size_t		k;
				size_t		kl;

				for (k = i + clen; k < end; k += kl)
				{
					CharClass	kc = classify(s, end, k, &kl);

					if ((kc == CC_DOT || kc == CC_COMMA))
					{
						*errpos = k;
						return AMOUNT_ERR_MIXED_MARKS;
					}
				}
			}
			in_fraction = true;
			continue;
		}
		if (is_group)
		{
			if (in_fraction)
			{
				*errpos = i;
				return AMOUNT_ERR_GROUPING;
			}
			/* blanks of all kinds count as one separator class */
			if (ngroups > 0 && cc != group_class)
			{
				*errpos = i;
				return AMOUNT_ERR_GROUPING;
			}
			if (ndigits == 0 || group_len == 0 || group_len > 3 ||
				(ngroups > 0 && group_len != 3))
			{
				*errpos = i;
				return AMOUNT_ERR_GROUPING;
			}
			group_class = cc;
			ngroups++;
			group_len = 0;
			last_sep = i;
			continue;
		}
		/* a decimal mark or separator that this locale does not use */
		if (cc == CC_DOT || cc == CC_COMMA || cc == CC_APOSTROPHE || cc == CC_BLANK)
		{
			*errpos = i;
			if (locale == AMOUNT_LOCALE_DEFAULT && in_fraction)
				return AMOUNT_ERR_MIXED_MARKS;
			return AMOUNT_ERR_GROUPING;
		}
		*errpos = i;
		return AMOUNT_ERR_JUNK;
	}

	if (ndigits == 0)
	{
		*errpos = start;
		return AMOUNT_ERR_NO_DIGITS;
	}
	if (in_fraction && nfrac == 0)
	{
		*errpos = end - 1;
		return AMOUNT_ERR_MARK;
	}
	if (ngroups > 0 && group_len != 3)
	{
		*errpos = last_sep;
		return AMOUNT_ERR_GROUPING;
	}
	if (nfrac == 1)
		frac *= 10;

	/* cents = whole * 100 + frac, within the symmetric int64 range */
	if (overflow || whole > (uint64_t) AMOUNT_MAX_CENTS / 100)
	{
		*errpos = start;
		return AMOUNT_ERR_RANGE;
	}
	total = whole * 100 + frac;
	if (total > (uint64_t) AMOUNT_MAX_CENTS)
	{
		*errpos = start;
		return AMOUNT_ERR_RANGE;
	}
	*cents = negative ? -(int64_t) total : (int64_t) total;
	return AMOUNT_OK;
}

/* Write cents in the locale's form into buf (AMOUNT_FORMAT_BUFLEN bytes); returns the length. */
size_t
amount_format(int64_t cents, AmountLocale locale, char *buf)
{
	static const char nnbsp[] = "\xE2\x80\xAF";	/* U+202F */
	static const char nbsp[] = "\xC2\xA0";	/* U+00A0 */
	uint64_t	u = cents < 0 ? -(uint64_t) cents : (uint64_t) cents;
	uint64_t	whole = u / 100;
	unsigned	frac = (unsigned) (u % 100);
	char		digits[24];
	int			nd = 0;
	size_t		len = 0;
	const char *group = NULL;
	char		mark = '.';
	bool		euro = false;
	int			k;

	switch (locale)
	{
		case AMOUNT_LOCALE_DEFAULT:
			break;
		case AMOUNT_LOCALE_FR:
			group = nnbsp;
			mark = ',';
			euro = true;
			break;
		case AMOUNT_LOCALE_EN:
			group = ",";
			break;
		case AMOUNT_LOCALE_DE:
			group = ".";
			mark = ',';
			euro = true;
			break;
		case AMOUNT_LOCALE_CH:
			group = "'";
			break;
	}

	do
	{
		digits[nd++] = (char) ('0' + whole % 10);
		whole /= 10;
	} while (whole != 0);

	if (cents < 0)
		buf[len++] = '-';
	for (k = nd - 1; k >= 0; k--)
	{
		buf[len++] = digits[k];
		if (group != NULL && k > 0 && k % 3 == 0)
		{
			memcpy(buf + len, group, strlen(group));
			len += strlen(group);
		}
	}
	buf[len++] = mark;
	buf[len++] = (char) ('0' + frac / 10);
	buf[len++] = (char) ('0' + frac % 10);
	if (euro)
	{
		memcpy(buf + len, nbsp, 2);
		len += 2;
		memcpy(buf + len, "\xE2\x82\xAC", 3);	/* € */
		len += 3;
	}
	buf[len] = '\0';
	return len;
}

/* Name of a locale, for messages. */
const char *
amount_locale_name(AmountLocale locale)
{
	return locale_rules[locale].name;
}

/* Locale by name ("fr", "en", "de", "ch"); false when unknown. */
bool
amount_locale_from_name(const char *name, AmountLocale *locale)
{
	int			k;

	for (k = AMOUNT_LOCALE_FR; k <= AMOUNT_LOCALE_CH; k++)
	{
		if (strcmp(name, locale_rules[k].name) == 0)
		{
			*locale = (AmountLocale) k;
			return true;
		}
	}
	return false;
}

/* Explain a parse failure in one sentence (the errdetail); returns the length written. */
size_t
amount_describe_error(AmountStatus status, AmountLocale locale,
					  const char *str, size_t len, size_t errpos,
					  char *buf, size_t buflen)
{
	const unsigned char *s = (const unsigned char *) str;
	char		ch[8] = "";
	size_t		charpos = 1;	/* 1-based position in characters */
	size_t		k;
	int			n = 0;

	if (errpos < len)
	{
		size_t		clen;

		(void) classify(s, len, errpos, &clen);
		if (clen > sizeof(ch) - 1)
			clen = sizeof(ch) - 1;
		memcpy(ch, str + errpos, clen);
		ch[clen] = '\0';
		if ((unsigned char) ch[0] < 0x20 || (unsigned char) ch[0] == 0x7F)
			snprintf(ch, sizeof(ch), "\\x%02X", (unsigned char) str[errpos]);
	}
	for (k = 0; k < errpos && k < len; k++)
		if ((s[k] & 0xC0) != 0x80)
			charpos++;

	switch (status)
	{
		case AMOUNT_OK:
			n = snprintf(buf, buflen, "The value is valid.");
			break;
		case AMOUNT_ERR_EMPTY:
			n = snprintf(buf, buflen, "The value is empty or blank.");
			break;
		case AMOUNT_ERR_NO_DIGITS:
			n = snprintf(buf, buflen, "It contains no digits.");
			break;
		case AMOUNT_ERR_MIXED_MARKS:
			if (locale == AMOUNT_LOCALE_DEFAULT)
				n = snprintf(buf, buflen,
							 "It has more than one decimal mark (\"%s\" at position %zu), so which one marks the decimals is ambiguous.",
							 ch, charpos);
			else
				n = snprintf(buf, buflen,
							 "It has a second decimal mark \"%s\" at position %zu.", ch, charpos);
			break;
		case AMOUNT_ERR_DECIMALS:
			n = snprintf(buf, buflen, "An amount has at most two decimals (cents).");
			break;
		case AMOUNT_ERR_MARK:
			n = snprintf(buf, buflen,
						 "The decimal mark \"%s\" at position %zu must have digits before it and one or two digits after it.",
						 ch, charpos);
			break;
		case AMOUNT_ERR_GROUPING:
			if (locale == AMOUNT_LOCALE_DEFAULT)
				n = snprintf(buf, buflen,
							 "The separator \"%s\" at position %zu is misplaced: group separators (blanks or apostrophes) stand only between groups of exactly three digits, before the decimal mark.",
							 ch, charpos);
			else
				n = snprintf(buf, buflen,
							 "The character \"%s\" at position %zu is misplaced for locale %s, where %s.",
							 ch, charpos, locale_rules[locale].name,
							 locale == AMOUNT_LOCALE_FR ? "blanks or \".\" separate groups of three digits and \",\" marks the decimals" :
							 locale == AMOUNT_LOCALE_DE ? "\".\" separates groups of three digits and \",\" marks the decimals" :
							 locale == AMOUNT_LOCALE_EN ? "\",\" separates groups of three digits and \".\" marks the decimals" :
							 "apostrophes separate groups of three digits and \".\" marks the decimals");
			break;
		case AMOUNT_ERR_JUNK:
			n = snprintf(buf, buflen, "Unexpected character \"%s\" at position %zu.", ch, charpos);
			break;
		case AMOUNT_ERR_RANGE:
			n = snprintf(buf, buflen,
						 "An amount lies between -92233720368547758.07 and 92233720368547758.07.");
			break;
	}
	if (n < 0)
		n = 0;
	return (size_t) n < buflen ? (size_t) n : buflen - 1;
}

/* The hint that goes with a parse failure, or NULL. */
const char *
amount_error_hint(AmountStatus status, AmountLocale locale)
{
	switch (status)
	{
		case AMOUNT_ERR_EMPTY:
		case AMOUNT_ERR_NO_DIGITS:
			return "Write an amount such as '35000', '35 000,00 €' or '-0.50'; use NULL for a missing amount.";
		case AMOUNT_ERR_MIXED_MARKS:
			if (locale == AMOUNT_LOCALE_DEFAULT)
				return "Read it in a locale that says which mark is which: parse_amount(text, 'en') for 1,234.56, parse_amount(text, 'de') or parse_amount(text, 'fr') for 1.234,56.";
			return NULL;
		case AMOUNT_ERR_DECIMALS:
			if (locale == AMOUNT_LOCALE_DEFAULT)
				return "To round to the cent, cast a numeric: '1.234'::numeric::amount. If the mark separates thousands, use parse_amount(text, 'de') or parse_amount(text, 'en').";
			return "To round to the cent, cast a numeric to amount.";
		case AMOUNT_ERR_MARK:
			return "Write the decimals as in '0.50' or '0,5'.";
		case AMOUNT_ERR_GROUPING:
			if (locale == AMOUNT_LOCALE_DEFAULT)
				return "Remove the separators, or place them between groups of three digits as in '1 234 567,89'.";
			return "Check that the text was written in this locale, or remove the group separators.";
		case AMOUNT_ERR_JUNK:
			return "An amount is made of an optional sign, digits, group separators, one decimal mark and an optional € or EUR.";
		case AMOUNT_ERR_RANGE:
		case AMOUNT_OK:
			return NULL;
	}
	return NULL;
}
