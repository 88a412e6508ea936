/*
 * siret_check.h: the non-throwing core of the French organization
 * identifiers: SIREN (9 digits), SIRET (14 digits) and RNA (W + 9).
 *
 * Needs only the C library, so that it compiles outside the server (the
 * fuzzing harness builds siret_check.c on its own).  The server types live in
 * siret.h and siret.c.
 */
#ifndef PUBFIN_SIRET_CHECK_H
#define PUBFIN_SIRET_CHECK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The three identifiers. */
typedef enum OrgIdKind
{
	ORGID_SIREN = 0,			/* legal unit: 9 digits, Luhn key */
	ORGID_SIRET,				/* establishment: SIREN + 5-digit NIC, Luhn key */
	ORGID_RNA					/* association: W + registry code + sequence */
} OrgIdKind;

/* Outcome of a parse or of a value check. */
typedef enum OrgIdStatus
{
	ORGID_OK = 0,
	ORGID_ERR_EMPTY,			/* empty or blank */
	ORGID_ERR_CHAR,				/* a character that has no place there */
	ORGID_ERR_SEPARATOR,		/* a blank that does not stand between two digits */
	ORGID_ERR_LENGTH,			/* wrong number of digits (RNA: of characters after W) */
	ORGID_ERR_PREFIX,			/* RNA: does not start with W */
	ORGID_ERR_ZERO,				/* all zeros (SIRET: its SIREN is all zeros) */
	ORGID_ERR_KEY,				/* the Luhn key of the whole number fails */
	ORGID_ERR_SIREN_KEY,		/* SIRET: the 14 digits pass but its SIREN fails */
	ORGID_ERR_LAPOSTE,			/* La Poste establishment: digit sum not a multiple of 5 */
	ORGID_ERR_RANGE				/* integer input: negative or too many digits */
} OrgIdStatus;

/* What went wrong, for the message. */
typedef struct OrgIdError
{
	size_t		pos;			/* ERR_CHAR/SEPARATOR/PREFIX: byte offset of the character */
	size_t		len;			/* its length in bytes */
	size_t		charno;			/* its 1-based position in characters */
	int			count;			/* ERR_LENGTH: digits found; ERR_LAPOSTE: digit sum */
	int			digit;			/* ERR_KEY (SIREN), ERR_SIREN_KEY: the last digit that passes */
	int64_t		siren;			/* ERR_SIREN_KEY, ERR_ZERO: the SIREN part */
	bool		sci;			/* the text looks like a spreadsheet's scientific notation */
} OrgIdError;

/* Room for any formatted identifier: "356 000 000 00048" and a NUL. */
#define ORGID_FORMAT_BUFLEN 24

/* The La Poste exception: its SIREN, and the head office that follows the common rule. */
#define ORGID_LAPOSTE_SIREN			INT64_C(356000000)
#define ORGID_LAPOSTE_HEAD_OFFICE	INT64_C(35600000000048)

/* Parse len bytes of str as an identifier of that kind; on success *value is its stored form. */
extern OrgIdStatus orgid_parse(OrgIdKind kind, const char *str, size_t len,
							   int64_t *value, OrgIdError *err);

/* Check a stored-form value (binary input, cast from bigint) by the same rules. */
extern OrgIdStatus orgid_check_value(OrgIdKind kind, int64_t value, OrgIdError *err);

/* Write the canonical text (grouped: "356 000 000 00048") into buf; returns the length. */
extern size_t orgid_format(OrgIdKind kind, int64_t value, bool grouped, char *buf);

/* Explain a failure in one or two sentences (the errdetail); returns the length written. */
extern size_t orgid_describe_error(OrgIdKind kind, OrgIdStatus status, const OrgIdError *err,
								   const char *str, size_t len, char *buf, size_t buflen);

/* The hint that goes with a failure, or NULL. */
extern const char *orgid_error_hint(OrgIdKind kind, OrgIdStatus status, const OrgIdError *err);

/* The SQL type name of a kind: "siren", "siret" or "rna". */
extern const char *orgid_type_name(OrgIdKind kind);

/* The Luhn check digit that completes the first n digits of digits[] (the key position excluded). */
extern int	orgid_luhn_check_digit(const uint8_t *digits, int n);

#endif							/* PUBFIN_SIRET_CHECK_H */
