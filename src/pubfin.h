/*
 * pubfin.h: declarations shared by every pubfin source file.
 *
 * Version guards, overflow-checked integer helpers and the error helpers
 * used across types.  Each type has its own header (amount.h, ...).
 */
#ifndef PUBFIN_H
#define PUBFIN_H

#include "postgres.h"
#include "fmgr.h"
#include "common/int.h"
#include "utils/numeric.h"

#if PG_VERSION_NUM < 130000
#error "pubfin requires PostgreSQL 13 or later"
#endif

#ifndef HAVE_INT128
#error "pubfin requires a compiler with a 128-bit integer type"
#endif

/* int64 to numeric: a library call from PostgreSQL 14, an fmgr call before */
#if PG_VERSION_NUM >= 140000
#define pubfin_int64_to_numeric(v) int64_to_numeric(v)
#else
#include "utils/builtins.h"
#define pubfin_int64_to_numeric(v) \
	DatumGetNumeric(DirectFunctionCall1(int8_numeric, Int64GetDatum(v)))
#endif

/* Format a 128-bit integer in base 10; buf must hold 41 bytes.  Returns the length. */
extern int	pubfin_int128_to_cstring(int128 value, char *buf);

/* Exact num/den as numeric: stops when exact or at sigdigits significant digits, rounding half away from zero. */
extern Numeric pubfin_ratio_numeric(int128 num, int128 den, int sigdigits);

/* Raise 22012 for a division of an amount by zero. */
extern void pubfin_division_by_zero(void) pg_attribute_noreturn();

/*
 * Split total cents in proportion to non-negative weights (each below 2^64,
 * positive sum) so that the parts add up exactly to total: largest remainder,
 * ties to the larger weight, then to the earlier element.  out has n slots.
 */
extern void pubfin_allocate_cents(int64 total, const int128 *weights, int n, int64 *out);

#endif							/* PUBFIN_H */
