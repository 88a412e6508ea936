/*
 * siret.h: the siren, siret and rna types in the server.
 *
 * All three are stored as an int8 passed by value: a SIREN or SIRET is its
 * number, an RNA number is coded so that the int8 order is the text order
 * (see siret_check.c).  Comparison and hashing reuse int8's functions.
 */
#ifndef PUBFIN_SIRET_H
#define PUBFIN_SIRET_H

#include "siret_check.h"

typedef int64 Siren;
typedef int64 Siret;
typedef int64 Rna;

#define DatumGetSiren(X)		((Siren) DatumGetInt64(X))
#define SirenGetDatum(X)		Int64GetDatum(X)
#define PG_GETARG_SIREN(n)		DatumGetSiren(PG_GETARG_DATUM(n))
#define PG_RETURN_SIREN(x)		return SirenGetDatum(x)

#define DatumGetSiret(X)		((Siret) DatumGetInt64(X))
#define SiretGetDatum(X)		Int64GetDatum(X)
#define PG_GETARG_SIRET(n)		DatumGetSiret(PG_GETARG_DATUM(n))
#define PG_RETURN_SIRET(x)		return SiretGetDatum(x)

#define DatumGetRna(X)			((Rna) DatumGetInt64(X))
#define RnaGetDatum(X)			Int64GetDatum(X)
#define PG_GETARG_RNA(n)		DatumGetRna(PG_GETARG_DATUM(n))
#define PG_RETURN_RNA(x)		return RnaGetDatum(x)

/* The SIREN of a SIRET: its first 9 digits. */
#define siret_get_siren(s)		((Siren) ((s) / 100000))

/* Parse text as an identifier of that kind, raising 22P02 on failure. */
extern int64 orgid_from_cstring(OrgIdKind kind, const char *str, size_t len);

/* The error message that input of this text would raise, or NULL when it is valid. */
extern char *orgid_error_text(OrgIdKind kind, const char *str, size_t len);

#endif							/* PUBFIN_SIRET_H */
