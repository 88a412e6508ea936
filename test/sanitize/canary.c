/*
 * canary.c: compiled only into the sanitized build (test/sanitize/run.sh
 * copies it into the build tree), never into pubfin.so proper.  It shifts
 * an int32 by its argument, undefined for 32 and more, so that each run
 * proves UBSan reports from inside the server reach the report files.
 */
#include "postgres.h"
#include "fmgr.h"

PG_FUNCTION_INFO_V1(pubfin_sanitizer_canary);

/* pubfin_sanitizer_canary(int4): 1 << n, unchecked (undefined for n >= 32). */
Datum
pubfin_sanitizer_canary(PG_FUNCTION_ARGS)
{
	volatile int32 n = PG_GETARG_INT32(0);

	PG_RETURN_INT32(1 << n);
}

/*
 * UBSan's runtime reads UBSAN_OPTIONS from /proc/self/environ, which the
 * server overwrites with its process title (ps_status.c), so the options are
 * compiled in: reports go to files under PUBFIN_UBSAN_LOG (set by run.sh).
 */
#ifdef PUBFIN_UBSAN_LOG
extern const char *__ubsan_default_options(void);

/* The options the UBSan runtime starts with. */
const char *
__ubsan_default_options(void)
{
	return "print_stacktrace=1:report_error_type=1:log_path=" PUBFIN_UBSAN_LOG;
}
#endif
