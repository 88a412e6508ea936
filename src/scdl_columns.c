/*
 * scdl_columns.c: the 16 fields of SCDL "subventions" 2.1.1 and the names
 * they go by in published files (SCDL 2.x and 1.x camelCase names, the
 * schema's titles, the arrêté's French titles), matched without case,
 * accents, spaces or punctuation.
 */
#include "postgres.h"

#include "fmgr.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/memutils.h"
#include "utils/tuplestore.h"

#include "scdl.h"

PG_FUNCTION_INFO_V1(scdl_column);
PG_FUNCTION_INFO_V1(scdl_fields);
PG_FUNCTION_INFO_V1(scdl_column_aliases);

/* One field of the schema, in the schema's order. */
typedef struct ScdlField
{
	const char *name;			/* SCDL 2.1.1 name */
	const char *title;			/* its title in schema.json */
	const char *type;			/* Table Schema type */
	bool		required;
} ScdlField;

/* schema.json 2.1.1 (OpenDataFrance), fields in order. */
static const ScdlField scdl_field_list[] = {
	{"nomAttribuant", "Nom de l'attribuant", "string", true},
	{"idAttribuant", "Identification de l'attribuant", "string", true},
	{"dateConvention", "Date de la convention de subvention", "date", true},
	{"referenceDecision", "Référence de la décision", "string", false},
	{"nomBeneficiaire", "Nom du bénéficiaire", "string", true},
	{"idBeneficiaire", "Identification SIRET du bénéficiaire", "string", false},
	{"rnaBeneficiaire", "Identification RNA du bénéficiaire", "string", false},
	{"objet", "Objet de la subvention", "string", true},
	{"montant", "Montant total de la subvention", "number", true},
	{"nature", "Nature de la subvention", "string", true},
	{"conditionsVersement", "Conditions de versement de la subvention", "string", true},
	{"datesPeriodeVersement", "Date ou période de versement", "string", true},
	{"idRAE", "Identifiant RAE de l’aide au titre de laquelle la subvention est attribuée", "string", false},
	{"notificationUE", "Aide d'Etat notifiée à la Commission Européenne", "boolean", true},
	{"pourcentageSubvention", "Pourcentage du montant total de la subvention attribuée au bénéficiaire", "number", true},
	{"dispositifAide", "Identifiant référençant le dispositif d'aide à l'origine de la subvention", "string", false},
};

#define SCDL_NFIELDS lengthof(scdl_field_list)

/* Other names of a field: older titles and the arrêté's wording. */
typedef struct ScdlAlias
{
	const char *alias;
	const char *field;
	const char *source;
} ScdlAlias;

static const ScdlAlias scdl_alias_list[] = {
	{"Identification du bénéficiaire", "idBeneficiaire", "SCDL 1.x title (Loire-Atlantique file)"},
	{"Identifiant du bénéficiaire", "idBeneficiaire", "variant title"},
	{"Identifiant de l'attribuant", "idAttribuant", "variant title"},
	{"Numéro unique de référencement dans le répertoire des aides aux entreprises", "idRAE", "SCDL 1.x title"},
	{"Identifiant RAE", "idRAE", "short title"},
	{"Date de la convention", "dateConvention", "short title"},
	{"Montant de la subvention", "montant", "short title"},
	{"Conditions de versement", "conditionsVersement", "short title"},
	{"Dates ou période de versement", "datesPeriodeVersement", "variant title"},
	{"Notification UE", "notificationUE", "short title"},
	{"Pourcentage de la subvention", "pourcentageSubvention", "short title"},
	{"Identifiant du dispositif d'aide", "dispositifAide", "short title"},
};

/* A lookup key and the field it names. */
typedef struct ScdlKey
{
	char	   *key;
	int			field;
} ScdlKey;

static ScdlKey *scdl_keys = NULL;
static int	scdl_nkeys = 0;

/* Words that do not tell columns apart: articles and prepositions ("a", from "à", is kept: it is also a letter of acronyms such as id_R_A_E). */
static const char *const header_stop_words[] = {
	"au", "aux", "d", "de", "des", "du", "l", "la", "le", "les",
};

/*
 * The key of a header (see scdl.h): folded (case, accents and punctuation
 * ignored, so a trailing "*" too), articles and prepositions dropped, the
 * remaining words joined without spaces.
 */
char *
scdl_header_key(const char *s, size_t len)
{
	StringInfoData folded;
	StringInfoData out;
	char	   *word;
	char	   *save = NULL;

	initStringInfo(&folded);
	pubfin_fold_utf8(s, len, true, &folded);
	initStringInfo(&out);
	for (word = strtok_r(folded.data, " ", &save); word; word = strtok_r(NULL, " ", &save))
	{
		int			i;
		bool		stop = false;

		for (i = 0; i < (int) lengthof(header_stop_words); i++)
			if (strcmp(word, header_stop_words[i]) == 0)
				stop = true;
		if (!stop)
			appendStringInfoString(&out, word);
	}
	pfree(folded.data);
	return out.data;
}

/* The key of a header (the helper's old name, used below). */
static char *
header_key(const char *s, size_t len)
{
	return scdl_header_key(s, len);
}

/* Index of a field by its canonical name. */
static int
field_index(const char *name)
{
	int			i;

	for (i = 0; i < (int) SCDL_NFIELDS; i++)
		if (strcmp(scdl_field_list[i].name, name) == 0)
			return i;
	elog(ERROR, "unknown SCDL field \"%s\" in the alias table", name);
	return -1;
}

/* Build the key table once per backend. */
static void
build_keys(void)
{
	MemoryContext old;
	int			i;
	int			n = 0;

	if (scdl_keys)
		return;
	old = MemoryContextSwitchTo(TopMemoryContext);
	scdl_keys = palloc(sizeof(ScdlKey) * (2 * SCDL_NFIELDS + lengthof(scdl_alias_list)));
	for (i = 0; i < (int) SCDL_NFIELDS; i++)
	{
		scdl_keys[n].key = header_key(scdl_field_list[i].name, strlen(scdl_field_list[i].name));
		scdl_keys[n++].field = i;
		scdl_keys[n].key = header_key(scdl_field_list[i].title, strlen(scdl_field_list[i].title));
		scdl_keys[n++].field = i;
	}
	for (i = 0; i < (int) lengthof(scdl_alias_list); i++)
	{
		scdl_keys[n].key = header_key(scdl_alias_list[i].alias, strlen(scdl_alias_list[i].alias));
		scdl_keys[n++].field = field_index(scdl_alias_list[i].field);
	}
	scdl_nkeys = n;
	MemoryContextSwitchTo(old);
}

/* The field (0-15) whose SCDL name, title or alias has this key, or -1. */
int
scdl_builtin_field(const char *key)
{
	int			i;

	build_keys();
	for (i = 0; i < scdl_nkeys; i++)
		if (strcmp(scdl_keys[i].key, key) == 0)
			return scdl_keys[i].field;
	return -1;
}

/* The SCDL 2.1.1 name of field i (0-15). */
const char *
scdl_field_name(int i)
{
	return scdl_field_list[i].name;
}

/* The field (0-15) of an SCDL 2.1.1 name, exactly as written, or -1. */
int
scdl_field_by_name(const char *name)
{
	int			i;

	for (i = 0; i < (int) SCDL_NFIELDS; i++)
		if (strcmp(scdl_field_list[i].name, name) == 0)
			return i;
	return -1;
}

/* scdl_column(header text) RETURNS text: the SCDL 2.1.1 name of a header, or NULL. */
Datum
scdl_column(PG_FUNCTION_ARGS)
{
	size_t		len;
	char	   *u = pubfin_text_to_utf8(PG_GETARG_TEXT_PP(0), &len);
	char	   *key;
	int			i;

	/* a BOM glued to the first header is not part of the name */
	if (len >= 3 && (unsigned char) u[0] == 0xEF && (unsigned char) u[1] == 0xBB &&
		(unsigned char) u[2] == 0xBF)
	{
		u += 3;
		len -= 3;
	}
	key = header_key(u, len);
	build_keys();
	for (i = 0; i < scdl_nkeys; i++)
		if (strcmp(scdl_keys[i].key, key) == 0)
			PG_RETURN_TEXT_P(cstring_to_text(scdl_field_list[scdl_keys[i].field].name));
	PG_RETURN_NULL();
}

/* Start a materialized set-returning function (see scdl.h). */
Tuplestorestate *
pubfin_begin_materialize(FunctionCallInfo fcinfo, TupleDesc *tupdesc)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	MemoryContext old;
	Tuplestorestate *store;

	if (rsinfo == NULL || !IsA(rsinfo, ReturnSetInfo) ||
		(rsinfo->allowedModes & SFRM_Materialize) == 0)
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("set-valued function called in context that cannot accept a set")));
	old = MemoryContextSwitchTo(rsinfo->econtext->ecxt_per_query_memory);
	if (get_call_result_type(fcinfo, NULL, tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "return type must be a row type");
	*tupdesc = CreateTupleDescCopy(*tupdesc);
	store = tuplestore_begin_heap(true, false, work_mem);
	MemoryContextSwitchTo(old);
	rsinfo->returnMode = SFRM_Materialize;
	rsinfo->setResult = store;
	rsinfo->setDesc = *tupdesc;
	return store;
}

/* scdl_fields() RETURNS TABLE(ordinal, name, title, type, required): the schema's fields in order. */
Datum
scdl_fields(PG_FUNCTION_ARGS)
{
	TupleDesc	tupdesc;
	Tuplestorestate *store = pubfin_begin_materialize(fcinfo, &tupdesc);
	int			i;

	for (i = 0; i < (int) SCDL_NFIELDS; i++)
	{
		Datum		values[5];
		bool		nulls[5] = {false, false, false, false, false};
		const ScdlField *f = &scdl_field_list[i];

		values[0] = Int32GetDatum(i + 1);
		values[1] = CStringGetTextDatum(f->name);
		values[2] = PointerGetDatum(pubfin_utf8_to_text(f->title, strlen(f->title)));
		values[3] = CStringGetTextDatum(f->type);
		values[4] = BoolGetDatum(f->required);
		tuplestore_putvalues(store, tupdesc, values, nulls);
	}
	return (Datum) 0;
}

/* scdl_column_aliases() RETURNS TABLE(alias, field, source): the names scdl_column() knows besides the schema's. */
Datum
scdl_column_aliases(PG_FUNCTION_ARGS)
{
	TupleDesc	tupdesc;
	Tuplestorestate *store = pubfin_begin_materialize(fcinfo, &tupdesc);
	int			i;

	for (i = 0; i < (int) lengthof(scdl_alias_list); i++)
	{
		Datum		values[3];
		bool		nulls[3] = {false, false, false};
		const ScdlAlias *a = &scdl_alias_list[i];

		values[0] = PointerGetDatum(pubfin_utf8_to_text(a->alias, strlen(a->alias)));
		values[1] = CStringGetTextDatum(a->field);
		values[2] = PointerGetDatum(pubfin_utf8_to_text(a->source, strlen(a->source)));
		tuplestore_putvalues(store, tupdesc, values, nulls);
	}
	return (Datum) 0;
}
