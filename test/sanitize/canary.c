/*
 * canary.c: compiled only into the sanitized build (test/sanitize/run.sh
 * copies it into the build tree), never into pubfin.so proper.  It commits
 * one signed overflow on purpose, so that each run proves UBSan reports from
 * inside the server reach the report files.
 */
#include "postgres.h"
#include "fmgr.h"

PG_FUNCTION_INFO_V1(pubfin_sanitizer_canary);

/* pubfin_sanitizer_canary(int4): int4 + INT32_MAX, unchecked (UB for x > 0). */
Datum
pubfin_sanitizer_canary(PG_FUNCTION_ARGS)
{
	volatile int32 x = PG_GETARG_INT32(0);

	PG_RETURN_INT32(x + PG_INT32_MAX);
}
