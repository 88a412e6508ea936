/*
 * blank.h: what pubfin's parsers call a blank, in one place.
 *
 * A blank is an ASCII space, tab, line feed, carriage return, vertical tab or
 * form feed, a no-break space (U+00A0) or a narrow no-break space (U+202F),
 * in UTF-8.  Parsers trim blanks around values; the space, U+00A0 and U+202F
 * may also separate digit groups.  Plain C (the fuzzing harnesses build the
 * parsers outside the server).
 */
#ifndef PUBFIN_BLANK_H
#define PUBFIN_BLANK_H

#include <stddef.h>

/* Byte length of the blank that starts at s[i] (s has end bytes), or 0. */
static inline size_t
pubfin_blank_len(const unsigned char *s, size_t end, size_t i)
{
	unsigned char c = s[i];

	if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f')
		return 1;
	if (c == 0xC2 && i + 1 < end && s[i + 1] == 0xA0)
		return 2;
	if (c == 0xE2 && i + 2 < end && s[i + 1] == 0x80 && s[i + 2] == 0xAF)
		return 3;
	return 0;
}

/* Whether the blank at s[i] (of pubfin_blank_len w) may separate digit groups: space, U+00A0, U+202F. */
static inline int
pubfin_blank_groups(const unsigned char *s, size_t i, size_t w)
{
	return w > 1 || (w == 1 && s[i] == ' ');
}

#endif							/* PUBFIN_BLANK_H */
