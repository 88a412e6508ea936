/*
 * siret_check.c: parse, check and format SIREN, SIRET and RNA numbers
 * without throwing and without the server headers (see siret_check.h).
 *
 * The rule (INSEE, as python-stdnum's stdnum.fr.siren/siret and the
 * French open-data validators apply it):
 *   - a SIREN is 9 digits whose Luhn key is right: doubling every second
 *     digit from the right, the digit sum is a multiple of 10;
 *   - a SIRET is the SIREN followed by the 5-digit NIC of an establishment;
 *     its 14 digits pass the Luhn key, and its SIREN passes too;
 *   - exception: La Poste (SIREN 356000000) numbered its establishments
 *     before the key was imposed.  Its SIRETs other than the head office
 *     35600000000048 (which follows the common rule) are valid when the plain
 *     sum of their 14 digits is a multiple of 5 (INSEE's note on the La Poste
 *     SIRETs; stdnum.fr.siret implements the same exception).
 * All zeros passes the Luhn key but is no one's number: it is refused.
 *
 * RNA numbers (Répertoire national des associations) are W followed by 9
 * characters: a 3-character code of the registry (the prefecture that
 * recorded the association, e.g. 595 for Lille, 751 for Paris) and a
 * 6-digit sequence.  The SCDL schema writes ^W\d{9}$ and every RNA number in
 * the SCDL files at hand is of that shape; registry codes follow department
 * codes, which hold letters for Corsica (2A, 2B), so the 2nd and 3rd
 * characters of the code may be capital letters.  RNA numbers carry no key.
 */
#include "siret_check.h"

#include <stdio.h>
#include <string.h>

#include "blank.h"

#define LUHN_MAX_DIGITS 14

/* Byte length of the blank that starts at s[i] (see blank.h), or 0. */
static size_t
blank_width(const unsigned char *s, size_t end, size_t i)
{
	return pubfin_blank_len(s, end, i);
}

/* Byte length of a group separator at s[i] (space, U+00A0, U+202F), or 0. */
static size_t
separator_width(const unsigned char *s, size_t end, size_t i)
{
	size_t		w = blank_width(s, end, i);

	return (w == 1 && s[i] != ' ') ? 0 : w;
}

/* Byte length of a blank that ends just before s[end], or 0. */
static size_t
trailing_blank_width(const unsigned char *s, size_t start, size_t end)
{
	if (end - start >= 1 && blank_width(s, end, end - 1) == 1)
		return 1;
	if (end - start >= 2 && s[end - 2] == 0xC2 && s[end - 1] == 0xA0)
		return 2;
	if (end - start >= 3 && s[end - 3] == 0xE2 && s[end - 2] == 0x80 && s[end - 1] == 0xAF)
		return 3;
	return 0;
}

/* Strip surrounding blanks: [*start, *end) is what is left. */
static void
trim_blanks(const unsigned char *s, size_t len, size_t *start, size_t *end)
{
	size_t		b = 0;
	size_t		e = len;
	size_t		w;

	while (b < e && (w = blank_width(s, e, b)) > 0)
		b += w;
	while (e > b && (w = trailing_blank_width(s, b, e)) > 0)
		e -= w;
	*start = b;
	*end = e;
}

/* Byte length of the (UTF-8) character at s[i], never past end. */
static size_t
char_width(const unsigned char *s, size_t end, size_t i)
{
	size_t		w = 1;

	if (s[i] >= 0xF0 && s[i] <= 0xF7)
		w = 4;
	else if (s[i] >= 0xE0)
		w = (s[i] <= 0xEF) ? 3 : 1;
	else if (s[i] >= 0xC0)
		w = 2;
	return (i + w > end) ? end - i : w;
}

/* Record the offending character at byte i in err. */
static void
set_error_char(OrgIdError *err, const unsigned char *s, size_t end, size_t i)
{
	size_t		n = 0;

	for (size_t k = 0; k < i; k++)
		if ((s[k] & 0xC0) != 0x80)
			n++;
	err->pos = i;
	err->len = char_width(s, end, i);
	err->charno = n + 1;
}

/* True when the text looks like a spreadsheet's scientific notation (7,86E+13). */
static bool
looks_scientific(const unsigned char *s, size_t len)
{
	for (size_t i = 0; i + 1 < len; i++)
		if ((s[i] == 'E' || s[i] == 'e') && (s[i + 1] == '+' || s[i + 1] == '-'))
			return true;
	return false;
}

/* Luhn doubling of a digit: 2d, minus 9 when it has two digits. */
static const uint8_t luhn_double[10] = {0, 2, 4, 6, 8, 1, 3, 5, 7, 9};

/* True when the n digits pass the Luhn key. */
static bool
luhn_valid(const uint8_t *d, int n)
{
	int			sum = 0;
	int			i = n - 1;

	/* from the right: the last digit as is, the one before it doubled, and so on */
	for (; i > 0; i -= 2)
		sum += d[i] + luhn_double[d[i - 1]];
	if (i == 0)
		sum += d[0];
	return sum % 10 == 0;
}

/* The Luhn check digit that completes the first n digits of digits[] (the key position excluded). */
int
orgid_luhn_check_digit(const uint8_t *digits, int n)
{
	int			sum = 0;

	for (int j = 0; j < n; j++)
	{
		int			x = digits[n - 1 - j];

		sum += (j & 1) ? x : luhn_double[x];
	}
	return (10 - sum % 10) % 10;
}

/* The value of n digits (9 or 14), in two independent halves. */
static int64_t
digits_value(const uint8_t *d, int n)
{
	int64_t		hi = 0;
	int64_t		lo = 0;
	int64_t		scale = 1;
	int			k = n / 2;

	for (int i = 0; i < k; i++)
		hi = hi * 10 + d[i];
	for (int i = k; i < n; i++)
	{
		lo = lo * 10 + d[i];
		scale *= 10;
	}
	return hi * scale + lo;
}

/* Check 9 SIREN digits whose value is v. */
static OrgIdStatus
check_siren_digits(const uint8_t *d, int64_t v, OrgIdError *err)
{
	err->siren = v;
	if (v == 0)
		return ORGID_ERR_ZERO;
	if (!luhn_valid(d, 9))
	{
		err->digit = orgid_luhn_check_digit(d, 8);
		return ORGID_ERR_KEY;
	}
	return ORGID_OK;
}

/* Check 14 SIRET digits whose value is v: Luhn key (La Poste: digit sum), then the SIREN. */
static OrgIdStatus
check_siret_digits(const uint8_t *d, int64_t v, OrgIdError *err)
{
	int64_t		siren = v / 100000;
	OrgIdStatus st;

	err->siren = siren;
	if (siren == 0)
		return ORGID_ERR_ZERO;
	if (siren == ORGID_LAPOSTE_SIREN && v != ORGID_LAPOSTE_HEAD_OFFICE)
	{
		int			sum = 0;

		for (int i = 0; i < 14; i++)
			sum += d[i];
		if (sum % 5 != 0)
		{
			err->count = sum;
			return ORGID_ERR_LAPOSTE;
		}
	}
	else if (!luhn_valid(d, 14))
	{
		err->digit = orgid_luhn_check_digit(d, 13);
		return ORGID_ERR_KEY;
	}
	st = check_siren_digits(d, siren, err);
	return st == ORGID_ERR_KEY ? ORGID_ERR_SIREN_KEY : st;
}

/* Parse a SIREN or SIRET: digits, single blanks between them, surrounding blanks. */
static OrgIdStatus
parse_digits(OrgIdKind kind, const unsigned char *s, size_t len, int64_t *value, OrgIdError *err)
{
	uint8_t		d[LUHN_MAX_DIGITS];
	int			want = (kind == ORGID_SIREN) ? 9 : 14;
	int			n = 0;
	int64_t		v;
	bool		prev_digit = false;
	size_t		start;
	size_t		end;
	size_t		i;
	OrgIdStatus st;

	/* fast path: exactly the digits, nothing around them */
	if (len == (size_t) want)
	{
		for (i = 0; i < len && s[i] >= '0' && s[i] <= '9'; i++)
			d[i] = s[i] - '0';
		if (i == len)
		{
			n = want;
			goto check;
		}
	}
	trim_blanks(s, len, &start, &end);
	if (start == end)
		return ORGID_ERR_EMPTY;
	for (i = start; i < end;)
	{
		size_t		w;

		if (s[i] >= '0' && s[i] <= '9')
		{
			if (n < LUHN_MAX_DIGITS)
				d[n] = s[i] - '0';
			if (n < 1000000)
				n++;
			prev_digit = true;
			i++;
			continue;
		}
		w = separator_width(s, end, i);
		if (w > 0)
		{
			if (!prev_digit || i + w >= end || s[i + w] < '0' || s[i + w] > '9')
			{
				set_error_char(err, s, end, i);
				return ORGID_ERR_SEPARATOR;
			}
			prev_digit = false;
			i += w;
			continue;
		}
		set_error_char(err, s, end, i);
		err->sci = looks_scientific(s, len);
		return ORGID_ERR_CHAR;
	}
	if (n != want)
	{
		err->count = n;
		return ORGID_ERR_LENGTH;
	}
check:
	v = digits_value(d, n);
	st = (kind == ORGID_SIREN) ? check_siren_digits(d, v, err) : check_siret_digits(d, v, err);
	if (st == ORGID_OK)
		*value = v;
	return st;
}

/* The code of an RNA registry character: 0-9, then A-Z as 10-35 (so the int order is the text order). */
static int
rna_char_code(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'Z')
		return c - 'A' + 10;
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 10;
	return -1;
}

/* Largest stored RNA value: W9ZZ999999. */
#define RNA_MAX_VALUE (((INT64_C(9) * 36 + 35) * 36 + 35) * INT64_C(1000000) + 999999)

/* Parse an RNA number: W (any case), a digit, two digits or letters, six digits. */
static OrgIdStatus
parse_rna(const unsigned char *s, size_t len, int64_t *value, OrgIdError *err)
{
	size_t		start;
	size_t		end;
	size_t		i;
	int			k = 0;
	int64_t		code = 0;
	int64_t		seq = 0;

	trim_blanks(s, len, &start, &end);
	if (start == end)
		return ORGID_ERR_EMPTY;
	if (s[start] != 'W' && s[start] != 'w')
	{
		set_error_char(err, s, end, start);
		return ORGID_ERR_PREFIX;
	}
	for (i = start + 1; i < end; i += char_width(s, end, i))
	{
		int			c = rna_char_code(s[i]);

		k++;
		if (k > 9)
			continue;
		if (c < 0 || (c > 9 && k != 2 && k != 3))
		{
			set_error_char(err, s, end, i);
			err->count = k;
			return ORGID_ERR_CHAR;
		}
		if (k <= 3)
			code = code * 36 + c;
		else
			seq = seq * 10 + c;
	}
	if (k != 9)
	{
		err->count = k;
		return ORGID_ERR_LENGTH;
	}
	if (code == 0 && seq == 0)
		return ORGID_ERR_ZERO;
	*value = code * 1000000 + seq;
	return ORGID_OK;
}

/* Parse len bytes of str as an identifier of that kind; on success *value is its stored form. */
OrgIdStatus
orgid_parse(OrgIdKind kind, const char *str, size_t len, int64_t *value, OrgIdError *err)
{
	memset(err, 0, sizeof(*err));
	if (kind == ORGID_RNA)
		return parse_rna((const unsigned char *) str, len, value, err);
	return parse_digits(kind, (const unsigned char *) str, len, value, err);
}

/* Check a stored-form value (binary input, cast from bigint) by the same rules. */
OrgIdStatus
orgid_check_value(OrgIdKind kind, int64_t value, OrgIdError *err)
{
	uint8_t		d[LUHN_MAX_DIGITS];
	int			n = (kind == ORGID_SIREN) ? 9 : 14;
	int64_t		v = value;

	memset(err, 0, sizeof(*err));
	if (kind == ORGID_RNA)
	{
		if (value < 0 || value > RNA_MAX_VALUE)
			return ORGID_ERR_RANGE;
		return value == 0 ? ORGID_ERR_ZERO : ORGID_OK;
	}
	if (value < 0 || value > (kind == ORGID_SIREN ? INT64_C(999999999) : INT64_C(99999999999999)))
		return ORGID_ERR_RANGE;
	for (int i = n - 1; i >= 0; i--)
	{
		d[i] = (uint8_t) (v % 10);
		v /= 10;
	}
	return (kind == ORGID_SIREN) ? check_siren_digits(d, value, err) : check_siret_digits(d, value, err);
}

/* Write the canonical text (grouped: "356 000 000 00048") into buf; returns the length. */
size_t
orgid_format(OrgIdKind kind, int64_t value, bool grouped, char *buf)
{
	int			n;

	if (kind == ORGID_RNA)
	{
		static const char alphabet[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
		int64_t		code = value / 1000000;

		buf[0] = 'W';
		buf[1] = alphabet[(code / 1296) % 10];
		buf[2] = alphabet[(code / 36) % 36];
		buf[3] = alphabet[code % 36];
		snprintf(buf + 4, ORGID_FORMAT_BUFLEN - 4, "%06d", (int) (value % 1000000));
		return 10;
	}
	if (kind == ORGID_SIREN)
	{
		int32_t		v = (int32_t) value;

		if (grouped)
			n = snprintf(buf, ORGID_FORMAT_BUFLEN, "%03d %03d %03d",
						 (int) (v / 1000000), (int) (v / 1000 % 1000), (int) (v % 1000));
		else
			n = snprintf(buf, ORGID_FORMAT_BUFLEN, "%09d", (int) v);
		return (size_t) n;
	}
	if (grouped)
	{
		int64_t		siren = value / 100000;

		n = snprintf(buf, ORGID_FORMAT_BUFLEN, "%03d %03d %03d %05d",
					 (int) (siren / 1000000), (int) (siren / 1000 % 1000), (int) (siren % 1000),
					 (int) (value % 100000));
	}
	else
		n = snprintf(buf, ORGID_FORMAT_BUFLEN, "%09d%05d",
					 (int) (value / 100000), (int) (value % 100000));
	return (size_t) n;
}

/* The SQL type name of a kind: "siren", "siret" or "rna". */
const char *
orgid_type_name(OrgIdKind kind)
{
	return kind == ORGID_SIREN ? "siren" : kind == ORGID_SIRET ? "siret" : "rna";
}

/* Describe the offending character: "x" or U+0009 for a control character. */
static void
describe_char(const char *str, const OrgIdError *err, char *out, size_t outlen)
{
	unsigned char c = (unsigned char) str[err->pos];

	if (c < 0x20 || c == 0x7F)
		snprintf(out, outlen, "U+%04X", (unsigned) c);
	else
		snprintf(out, outlen, "\"%.*s\"", (int) err->len, str + err->pos);
}

/* Name a group separator: space, no-break space (U+00A0), narrow no-break space (U+202F). */
static const char *
separator_name(const OrgIdError *err)
{
	return err->len == 1 ? "space" : err->len == 2 ? "no-break space (U+00A0)"
		: "narrow no-break space (U+202F)";
}

/* Explain a failure in one or two sentences (the errdetail); returns the length written. */
size_t
orgid_describe_error(OrgIdKind kind, OrgIdStatus status, const OrgIdError *err,
					 const char *str, size_t len, char *buf, size_t buflen)
{
	const char *name = kind == ORGID_SIREN ? "SIREN" : kind == ORGID_SIRET ? "SIRET" : "RNA number";
	int			want = kind == ORGID_SIREN ? 9 : 14;
	char		ch[32];
	int			n = 0;

	if (buflen == 0)
		return 0;
	buf[0] = '\0';
	if (status == ORGID_ERR_CHAR || status == ORGID_ERR_PREFIX)
		describe_char(str, err, ch, sizeof(ch));
	(void) len;

	switch (status)
	{
		case ORGID_OK:
			break;
		case ORGID_ERR_EMPTY:
			if (kind == ORGID_RNA)
				n = snprintf(buf, buflen, "The value is empty: an RNA number is W followed by 9 characters.");
			else
				n = snprintf(buf, buflen, "The value is empty: a %s has %d digits.", name, want);
			break;
		case ORGID_ERR_CHAR:
			if (kind != ORGID_RNA)
				n = snprintf(buf, buflen, "Character %s at position %zu is not a digit.", ch, err->charno);
			else if (err->count == 2 || err->count == 3)
				n = snprintf(buf, buflen, "Character %s at position %zu is neither a digit nor a letter: "
							 "an RNA number is W, a 3-character registry code (a digit, then digits or letters) and 6 digits.",
							 ch, err->charno);
			else
				n = snprintf(buf, buflen, "Character %s at position %zu is not a digit: "
							 "an RNA number is W, a 3-character registry code (a digit, then digits or letters) and 6 digits.",
							 ch, err->charno);
			break;
		case ORGID_ERR_SEPARATOR:
			n = snprintf(buf, buflen, "The %s at position %zu does not stand between two digits: "
						 "a single blank may separate groups of digits.",
						 separator_name(err), err->charno);
			break;
		case ORGID_ERR_LENGTH:
			if (kind == ORGID_RNA)
				n = snprintf(buf, buflen, "An RNA number is W followed by 9 characters; %d %s found after the W.",
							 err->count, err->count == 1 ? "was" : "were");
			else
				n = snprintf(buf, buflen, "A %s has %d digits; %d %s found.",
							 name, want, err->count, err->count == 1 ? "was" : "were");
			break;
		case ORGID_ERR_PREFIX:
			n = snprintf(buf, buflen, "An RNA number starts with the letter W, not %s.", ch);
			break;
		case ORGID_ERR_ZERO:
			if (kind == ORGID_SIRET)
				n = snprintf(buf, buflen, "Its SIREN is 000000000: all zeros is not a SIREN.");
			else
				n = snprintf(buf, buflen, "All zeros is not a%s %s.", kind == ORGID_RNA ? "n" : "", name);
			break;
		case ORGID_ERR_KEY:
			if (kind == ORGID_SIREN)
				n = snprintf(buf, buflen, "Check-digit failure: the 9 digits fail the Luhn key; "
							 "a last digit of %d would make it valid.", err->digit);
			else
				n = snprintf(buf, buflen, "Check-digit failure: the 14 digits fail the Luhn key.");
			break;
		case ORGID_ERR_SIREN_KEY:
			n = snprintf(buf, buflen, "Check-digit failure: its SIREN %09lld fails the Luhn key; "
						 "a last digit of %d would make the SIREN valid.",
						 (long long) err->siren, err->digit);
			break;
		case ORGID_ERR_LAPOSTE:
			n = snprintf(buf, buflen, "Check-digit failure: a SIRET of La Poste (SIREN 356000000) other than "
						 "the head office needs a digit sum that is a multiple of 5; this one sums to %d.",
						 err->count);
			break;
		case ORGID_ERR_RANGE:
			if (kind == ORGID_RNA)
				n = snprintf(buf, buflen, "The integer is not the stored form of an RNA number.");
			else
				n = snprintf(buf, buflen, "A %s is a number of at most %d digits, not negative.", name, want);
			break;
	}
	if (n < 0)
		return 0;
	return (size_t) n < buflen ? (size_t) n : buflen - 1;
}

/* The hint that goes with a failure, or NULL. */
const char *
orgid_error_hint(OrgIdKind kind, OrgIdStatus status, const OrgIdError *err)
{
	switch (status)
	{
		case ORGID_ERR_EMPTY:
		case ORGID_ERR_ZERO:
			return "Leave the identifier NULL when it is unknown.";
		case ORGID_ERR_CHAR:
			if (err->sci)
				return "A spreadsheet wrote this number in scientific notation, which loses digits: "
					"take the identifier from the source again.";
			/* FALLTHROUGH */
		case ORGID_ERR_SEPARATOR:
		case ORGID_ERR_PREFIX:
			if (kind == ORGID_SIREN)
				return "Write the 9 digits, optionally grouped by blanks: 356 000 000.";
			if (kind == ORGID_SIRET)
				return "Write the 14 digits, optionally grouped by blanks: 356 000 000 00048.";
			return "Write W and 9 characters, for example W595012345.";
		case ORGID_ERR_LENGTH:
			if (kind == ORGID_SIREN && err->count == 14)
				return "This looks like a SIRET: its first 9 digits are the SIREN (siren(siret) extracts it).";
			if (kind == ORGID_SIRET && err->count == 9)
				return "This looks like a SIREN: a SIRET is the SIREN followed by the 5-digit NIC of an establishment.";
			if (kind == ORGID_RNA)
				return "Write W and 9 characters, for example W595012345.";
			return NULL;
		case ORGID_ERR_KEY:
		case ORGID_ERR_SIREN_KEY:
		case ORGID_ERR_LAPOSTE:
			return "A digit is probably mistyped: check the number against its source or INSEE's Sirene directory.";
		case ORGID_OK:
		case ORGID_ERR_RANGE:
			break;
	}
	return NULL;
}
