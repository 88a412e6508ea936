/*
 * scdl_read.c: the SCDL "subventions" reader behind load_scdl.
 *
 * scdl_read(content bytea, options jsonb) reads a whole file in one pass:
 * it decodes the bytes (UTF-8, or WIN1252 line by line when asked to guess),
 * maps the header to the 16 SCDL fields, splits the records, reads every
 * cell with the normalisers of scdl_values.c and returns one row per record
 * with typed values, the reasons it cannot be loaded and the warnings about
 * what was normalised, plus a "header" row (how the columns were matched)
 * and a "file" row (facts about the whole file, said once).
 *
 * Bounds: work per record is linear in its size (labels are found through a
 * hash table, never by scanning the others); memory is the content, one copy
 * of it decoded when it is not UTF-8, one record's fields at a time, and the
 * result rows (a tuplestore, which spills to disk beyond work_mem).
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "common/hashfn.h"
#include "fmgr.h"
#include "funcapi.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/json.h"
#include "utils/jsonb.h"
#include "utils/memutils.h"
#include "utils/numeric.h"
#include "utils/uuid.h"
#if PG_VERSION_NUM >= 140000
#include "common/cryptohash.h"
#endif
#include "common/sha2.h"

#include "amount.h"
#include "csv.h"
#include "scdl.h"
#include "siret.h"
#include "siret_check.h"

PG_FUNCTION_INFO_V1(scdl_read);

extern Datum amount_mul_numeric(PG_FUNCTION_ARGS);
extern Datum amount_out(PG_FUNCTION_ARGS);

/* The SCDL fields, by their place in the schema. */
enum
{
	F_NOM_ATTRIBUANT = 0, F_ID_ATTRIBUANT, F_DATE_CONVENTION, F_REFERENCE_DECISION,
	F_NOM_BENEFICIAIRE, F_ID_BENEFICIAIRE, F_RNA_BENEFICIAIRE, F_OBJET, F_MONTANT,
	F_NATURE, F_CONDITIONS, F_PERIODE, F_ID_RAE, F_NOTIFICATION, F_POURCENTAGE,
	F_DISPOSITIF, NFIELDS
};

/* The result columns, in the order of the SQL declaration. */
enum
{
	C_KIND = 0, C_LINE, C_REASONS, C_WARNINGS, C_FINGERPRINT, C_FIELDS, C_EXTRA,
	C_NOM_ATTRIBUANT, C_ID_ATTRIBUANT, C_ID_ATTRIBUANT_KIND, C_FUNDER_KIND, C_FUNDER_KEY,
	C_NOM_BENEFICIAIRE, C_ID_BENEFICIAIRE, C_ID_BENEFICIAIRE_KIND, C_RNA_BENEFICIAIRE,
	C_BENEFICIARY_KIND, C_BENEFICIARY_KEY, C_REFERENCE_DECISION, C_OBJET, C_AWARD,
	C_POURCENTAGE, C_MONTANT, C_NATURE, C_CONDITIONS, C_PAYMENT_FIRST, C_PAYMENT_LAST,
	C_ID_RAE, C_NOTIFICATION, C_DISPOSITIF, C_CONVENTION_DATE, C_FISCAL_YEAR, NCOLS
};

/* The longest objet and conditionsVersement SCDL allows (longer ones are kept, with a warning). */
#define SCDL_TEXT_LIMIT 256

/* How a column was matched to its field. */
typedef enum MatchHow
{
	MATCH_NONE = 0,
	MATCH_BUILTIN,				/* SCDL name, title or built-in alias */
	MATCH_SYNONYM,				/* a row of scdl_synonym */
	MATCH_MAPPING				/* the caller's columns mapping */
} MatchHow;

/* A header key and the field it names (synonyms and the mapping). */
typedef struct KeyField
{
	char	   *key;
	char	   *text;			/* as written */
	int			field;			/* -1: keep in extra */
} KeyField;

/* Unique column labels, found through an open-addressing hash table. */
typedef struct Labels
{
	char	  **label;
	int			n;
	int			cap;
	int		   *slots;			/* indexes into label, -1 when free */
	int			nslots;			/* a power of two, at least twice n */
} Labels;

/* Everything the header tells. */
typedef struct Header
{
	int			ncols;
	char	  **raw;			/* header cells as written */
	int			pos[NFIELDS];	/* column of each field, -1 when absent */
	int		   *field_of;		/* field of each column, -1 when unknown */
	MatchHow   *how;
	const char **how_text;		/* the synonym or mapping key that matched */
	int		   *duplicate_of;	/* column that named the same field first, or -1 */
	int		   *extra_sorted;	/* unknown columns ordered by label (fingerprint) */
	int			nextra;
	Labels		labels;
} Header;

/* A normalised cell. */
typedef struct Cell
{
	char	   *raw;			/* trimmed, NULL when absent or empty */
	size_t		len;
	NormRow		row;
} Cell;

/* An organization as its first record without reasons names it. */
typedef struct OrgSeen
{
	bool		funder;			/* met first as a funder, else as a beneficiary */
	int			line;
	char	   *name;
	char	   *id;				/* SIRET or SIREN, or NULL */
	const char *id_kind;		/* "siret", "siren" or NULL */
	char	   *rna;
	const char *kind;			/* organization_kind, derived */
} OrgSeen;

/* The reader's state for one call. */
typedef struct Reader
{
	Tuplestorestate *store;
	TupleDesc	tupdesc;
	Header		h;
	KeyField   *synonyms;
	int			nsynonyms;
	KeyField   *mapping;
	int			nmapping;
	Numeric		one;
#if PG_VERSION_NUM >= 140000
	pg_cryptohash_ctx *sha;
#endif
	/* lines decoded as WIN1252 (auto encoding), ascending */
	int		   *win_lines;
	int			nwin;
	int			next_win;
	bool		mixed;			/* some lines are UTF-8, others WIN1252 */
	MemoryContext cxt;			/* lives as long as the call */
	/* counts for the file row */
	int			records;
	int			absent_warned[NFIELDS];
	/* "pass": "fingerprints": each record's kind, line and fingerprint only */
	bool		fingerprints_only;
	/* "messages": "codes": reasons and warnings encoded (scdl_messages.c), not rendered */
	bool		codes;
	/* "lines": the lines of the records to read, ascending */
	int		   *lines;
	int			nlines;
	int			next_line;
	bool		some_lines;
	/* organizations of the records without reasons, in order of appearance */
	Labels		org_keys;
	OrgSeen    *orgs;
	int			orgs_cap;
	/* warnings every record read so far carries, and how many were read */
	char	  **common;
	int			ncommon;
	int			read_whole;
} Reader;

/* ---------------------------------------------------------------------------
 * Labels
 * ------------------------------------------------------------------------- */

/* Find a label's index, or -1. */
static int
labels_find(Labels *l, const char *s)
{
	uint32		h;
	int			i;

	if (l->nslots == 0)
		return -1;
	h = hash_bytes((const unsigned char *) s, (int) strlen(s));
	i = h & (l->nslots - 1);
	while (l->slots[i] >= 0)
	{
		if (strcmp(l->label[l->slots[i]], s) == 0)
			return l->slots[i];
		i = (i + 1) & (l->nslots - 1);
	}
	return -1;
}

/* Insert index k (whose label is set) into the table. */
static void
labels_slot(Labels *l, int k)
{
	const char *s = l->label[k];
	uint32		h = hash_bytes((const unsigned char *) s, (int) strlen(s));
	int			i = h & (l->nslots - 1);

	while (l->slots[i] >= 0)
		i = (i + 1) & (l->nslots - 1);
	l->slots[i] = k;
}

/* Append a label that is not in the table yet; returns its index. */
static int
labels_append(Labels *l, char *label)
{
	if (l->n == l->cap)
	{
		l->cap = Max(16, l->cap * 2);
		l->label = l->label ? repalloc_huge(l->label, sizeof(char *) * l->cap)
			: palloc(sizeof(char *) * l->cap);
	}
	if (2 * (l->n + 1) > l->nslots)
	{
		int			k;

		l->nslots = Max(64, l->nslots * 2);
		while (l->nslots < 2 * (l->n + 1))
			l->nslots *= 2;
		l->slots = l->slots ? repalloc_huge(l->slots, sizeof(int) * l->nslots)
			: palloc(sizeof(int) * l->nslots);
		memset(l->slots, -1, sizeof(int) * l->nslots);
		for (k = 0; k < l->n; k++)
			labels_slot(l, k);
	}
	l->label[l->n] = label;
	labels_slot(l, l->n);
	return l->n++;
}

/* Append the label of column n (1-based): wanted, or "column n", made unique by " (column n)". */
static void
labels_add(Labels *l, const char *wanted, int n)
{
	char	   *label = (wanted && wanted[0]) ? pstrdup(wanted) : psprintf("column %d", n);

	while (labels_find(l, label) >= 0)
		label = psprintf("%s (column %d)", label, n);
	labels_append(l, label);
}

/* ---------------------------------------------------------------------------
 * Options
 * ------------------------------------------------------------------------- */

/* A jsonb string as a C string in UTF-8. */
static char *
jsonb_string(JsonbValue *v)
{
	char	   *s = pnstrdup(v->val.string.val, v->val.string.len);

	return (char *) pg_do_encoding_conversion((unsigned char *) s, (int) strlen(s),
											  GetDatabaseEncoding(), PG_UTF8);
}

/* The pairs of a jsonb object (header -> field name or null) as keys and fields. */
static KeyField *
read_key_fields(JsonbContainer *obj, const char *what, int *n)
{
	JsonbIterator *it = JsonbIteratorInit(obj);
	JsonbValue	v;
	JsonbIteratorToken tok;
	KeyField   *out = NULL;
	int			cap = 0;
	char	   *key = NULL;

	*n = 0;
	while ((tok = JsonbIteratorNext(&it, &v, true)) != WJB_DONE)
	{
		if (tok == WJB_KEY)
			key = jsonb_string(&v);
		else if (tok == WJB_VALUE)
		{
			int			field = -1;

			if (v.type == jbvString)
			{
				char	   *name = jsonb_string(&v);

				field = scdl_field_by_name(name);
				if (field < 0)
					ereport(ERROR,
							(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
							 errmsg("\"%s\" is not an SCDL field (in %s, for the column \"%s\")", name, what, key),
							 errhint("Map each column to one of the 16 names of pubfin.scdl_fields(), e.g. {\"Montant versé\": \"montant\"}, or to null to keep it in extra.")));
			}
			else if (v.type != jbvNull)
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("the %s entry for \"%s\" is not a field name", what, key),
						 errhint("Map each column to one of the 16 names of pubfin.scdl_fields(), or to null to keep it in extra.")));
			if (*n == cap)
			{
				cap = Max(16, cap * 2);
				out = out ? repalloc(out, sizeof(KeyField) * cap) : palloc(sizeof(KeyField) * cap);
			}
			out[*n].text = key;
			out[*n].key = scdl_header_key(key, strlen(key));
			out[*n].field = field;
			(*n)++;
		}
	}
	return out;
}

/* Read the lines option, an ascending array of line numbers, into rd->lines. */
static void
read_lines(Reader *rd, JsonbValue *lines)
{
	JsonbIterator *it;
	JsonbValue	v;
	JsonbIteratorToken tok;
	bool		ok = (lines->type == jbvBinary && JsonContainerIsArray(lines->val.binary.data));

	rd->some_lines = true;
	if (ok)
	{
		rd->lines = palloc(sizeof(int) * Max(JsonContainerSize(lines->val.binary.data), 1));
		it = JsonbIteratorInit(lines->val.binary.data);
	}
	while (ok && (tok = JsonbIteratorNext(&it, &v, true)) != WJB_DONE)
	{
		if (tok == WJB_ELEM && v.type == jbvNumeric)
		{
			int32		line = DatumGetInt32(DirectFunctionCall1(numeric_int4, NumericGetDatum(v.val.numeric)));

			ok = (rd->nlines == 0 || line > rd->lines[rd->nlines - 1]);
			rd->lines[rd->nlines++] = line;
		}
		else
			ok = (tok == WJB_BEGIN_ARRAY || tok == WJB_END_ARRAY);
	}
	if (!ok)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("the lines option %s is not an array of line numbers, ascending",
						lines->type == jbvBinary ? JsonbToCString(NULL, lines->val.binary.data, -1) : "(a scalar)"),
				 errhint("For example {\"lines\": [2, 3, 7]} reads the records that start on lines 2, 3 and 7.")));
}

/* Whether the record that starts on this line is to be read (lines ascending). */
static bool
line_wanted(Reader *rd, int line)
{
	if (!rd->some_lines)
		return true;
	while (rd->next_line < rd->nlines && rd->lines[rd->next_line] < line)
		rd->next_line++;
	return rd->next_line < rd->nlines && rd->lines[rd->next_line] == line;
}

/* Read the options: columns (the caller's mapping), synonyms (scdl_synonym), encoding, pass, lines. */
static bool
read_options(Reader *rd, Jsonb *options)
{
	JsonbValue *v;
	bool		guess = false;

	rd->nsynonyms = rd->nmapping = 0;
	if (options == NULL)
		return false;
	if (!JB_ROOT_IS_OBJECT(options))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("scdl_read options must be a jsonb object"),
				 errhint("For example {\"columns\": {\"Montant versé\": \"montant\"}, \"encoding\": \"auto\"}.")));
	v = getKeyJsonValueFromContainer(&options->root, "columns", 7, NULL);
	if (v && v->type == jbvBinary && JsonContainerIsObject(v->val.binary.data))
		rd->mapping = read_key_fields(v->val.binary.data, "the columns mapping", &rd->nmapping);
	else if (v && v->type != jbvNull)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("the columns mapping must be a jsonb object"),
				 errhint("Map file headers to SCDL fields, e.g. {\"Montant versé\": \"montant\"}.")));
	v = getKeyJsonValueFromContainer(&options->root, "synonyms", 8, NULL);
	if (v && v->type == jbvBinary && JsonContainerIsObject(v->val.binary.data))
		rd->synonyms = read_key_fields(v->val.binary.data, "the synonyms", &rd->nsynonyms);
	v = getKeyJsonValueFromContainer(&options->root, "encoding", 8, NULL);
	if (v && v->type == jbvString && v->val.string.len == 4 &&
		pg_strncasecmp(v->val.string.val, "auto", 4) == 0)
		guess = true;
	v = getKeyJsonValueFromContainer(&options->root, "pass", 4, NULL);
	if (v && v->type == jbvString && v->val.string.len == 12 &&
		strncmp(v->val.string.val, "fingerprints", 12) == 0)
		rd->fingerprints_only = true;
	else if (v && v->type != jbvNull)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("the pass option %s is not \"fingerprints\" or null",
						v->type == jbvString ? pnstrdup(v->val.string.val, v->val.string.len) : "(not a string)"),
				 errhint("{\"pass\": \"fingerprints\"} reads each record's fingerprint only.")));
	v = getKeyJsonValueFromContainer(&options->root, "messages", 8, NULL);
	if (v && v->type == jbvString && v->val.string.len == 5 &&
		strncmp(v->val.string.val, "codes", 5) == 0)
		rd->codes = true;
	else if (v && !(v->type == jbvString && v->val.string.len == 4 &&
					strncmp(v->val.string.val, "text", 4) == 0) && v->type != jbvNull)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("the messages option %s is not \"text\", \"codes\" or null",
						v->type == jbvString ? pnstrdup(v->val.string.val, v->val.string.len) : "(not a string)"),
				 errhint("{\"messages\": \"codes\"} returns reasons and warnings as the codes load_scdl stores (pubfin.scdl_message() renders them); \"text\", the default, as sentences.")));
	v = getKeyJsonValueFromContainer(&options->root, "lines", 5, NULL);
	if (v && v->type != jbvNull)
		read_lines(rd, v);
	return guess;
}

/* ---------------------------------------------------------------------------
 * Decoding
 * ------------------------------------------------------------------------- */

/* Unicode of the WIN1252 bytes 0x80-0x9F (0: not assigned). */
static const uint16 win1252_c1[32] = {
	0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
	0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
};

/* Append the UTF-8 of WIN1252 bytes; unassigned bytes and NUL become U+FFFD. */
static void
append_win1252(StringInfo out, const unsigned char *s, size_t len)
{
	size_t		i;

	for (i = 0; i < len; i++)
	{
		uint32		cp = s[i];
		unsigned char buf[4];

		if (cp >= 0x80 && cp < 0xA0)
			cp = win1252_c1[cp - 0x80] ? win1252_c1[cp - 0x80] : 0xFFFD;
		else if (cp == 0)
			cp = 0xFFFD;
		if (cp < 0x80)
			appendStringInfoChar(out, (char) cp);
		else
		{
			unicode_to_utf8(cp, buf);
			appendBinaryStringInfo(out, (char *) buf, pg_utf_mblen(buf));
		}
	}
}

/* Whether len bytes are valid UTF-8 (and hold no NUL). */
static bool
utf8_valid(const char *s, size_t len)
{
	return pg_encoding_verifymbstr(PG_UTF8, s, (int) len) == (int) len;
}

/*
 * Guess the encoding line by line: a line that is not UTF-8 is read as
 * WIN1252.  Returns the decoded text (the input when it is all UTF-8) and
 * records the lines read as WIN1252.
 */
static const char *
decode_guess(Reader *rd, const char *data, size_t *len, int *utf8_lines)
{
	StringInfoData out;
	size_t		start = 0;
	int			line = 1;
	int			cap = 0;

	*utf8_lines = 0;
	if (utf8_valid(data, *len))
		return data;
	initStringInfo(&out);
	while (start < *len)
	{
		const char *nl = memchr(data + start, '\n', *len - start);
		size_t		end = nl ? (size_t) (nl - data) + 1 : *len;
		bool		ascii = true;
		size_t		i;

		CHECK_FOR_INTERRUPTS();
		for (i = start; i < end && ascii; i++)
			ascii = !IS_HIGHBIT_SET(data[i]) && data[i] != '\0';
		if (ascii || utf8_valid(data + start, end - start))
		{
			appendBinaryStringInfo(&out, data + start, end - start);
			if (!ascii)
				(*utf8_lines)++;
		}
		else
		{
			append_win1252(&out, (const unsigned char *) data + start, end - start);
			if (rd->nwin == cap)
			{
				cap = Max(64, cap * 2);
				rd->win_lines = rd->win_lines ? repalloc_huge(rd->win_lines, sizeof(int) * cap)
					: palloc(sizeof(int) * cap);
			}
			rd->win_lines[rd->nwin++] = line;
		}
		line++;
		start = end;
	}
	*len = out.len;
	return out.data;
}

/* Count mojibake: UTF-8 read as Latin-1/WIN1252 ("Ã©", "â€™"), and C1 controls (WIN1252 read as Latin-1). */
static void
count_mojibake(const unsigned char *s, size_t len, int *utf8_as_latin, int *c1)
{
	size_t		i;

	*utf8_as_latin = *c1 = 0;
	for (i = 0; i + 1 < len; i++)
	{
		if (s[i] == 0xC3 && (s[i + 1] == 0x83 || s[i + 1] == 0xA2) && i + 2 < len &&
			(s[i + 2] == 0xC2 || s[i + 2] == 0xC5 || s[i + 2] == 0xE2))
			(*utf8_as_latin)++;
		else if (s[i] == 0xC2 && s[i + 1] >= 0x80 && s[i + 1] <= 0x9F)
			(*c1)++;
	}
}

/* ---------------------------------------------------------------------------
 * Header
 * ------------------------------------------------------------------------- */

/* The field a header names: the caller's mapping first, then SCDL names, titles and aliases, then synonyms. */
static int
match_column(Reader *rd, const char *raw, size_t len, MatchHow *how, const char **how_text)
{
	size_t		tlen;
	char	   *trimmed = scdl_trim(raw, len, &tlen);
	char	   *key;
	int			i;
	int			f;

	/* a BOM glued to the first header is not part of the name */
	if (tlen >= 3 && memcmp(trimmed, "\xEF\xBB\xBF", 3) == 0)
	{
		trimmed += 3;
		tlen -= 3;
	}
	key = scdl_header_key(trimmed, tlen);
	*how = MATCH_NONE;
	*how_text = NULL;
	for (i = 0; i < rd->nmapping; i++)
		if (strcmp(rd->mapping[i].text, trimmed) == 0 ||
			(key[0] && strcmp(rd->mapping[i].key, key) == 0))
		{
			*how = rd->mapping[i].field >= 0 ? MATCH_MAPPING : MATCH_NONE;
			*how_text = rd->mapping[i].text;
			return rd->mapping[i].field;
		}
	if (key[0] == '\0')
		return -1;
	if ((f = scdl_builtin_field(key)) >= 0)
	{
		*how = MATCH_BUILTIN;
		return f;
	}
	for (i = 0; i < rd->nsynonyms; i++)
		if (rd->synonyms[i].field >= 0 && strcmp(rd->synonyms[i].key, key) == 0)
		{
			*how = MATCH_SYNONYM;
			*how_text = rd->synonyms[i].text;
			return rd->synonyms[i].field;
		}
	return -1;
}

/* Order unknown columns by label (qsort context). */
static Labels *sort_labels;

/* Compare two unknown columns by label. */
static int
cmp_by_label(const void *a, const void *b)
{
	return strcmp(sort_labels->label[*(const int *) a], sort_labels->label[*(const int *) b]);
}

/* The header as "a, b, c" for messages (the first 20 columns). */
static char *
join_headers(Header *h)
{
	StringInfoData out;
	int			c;

	initStringInfo(&out);
	for (c = 0; c < h->ncols && c < 20; c++)
		appendStringInfo(&out, "%s%s", c ? ", " : "", h->raw[c]);
	if (h->ncols > 20)
		appendStringInfo(&out, " ... (%d columns)", h->ncols);
	return out.data;
}

/* Read the header record: labels, the column of each field, how each was matched. */
static void
read_header(Reader *rd, CsvReader *r)
{
	Header	   *h = &rd->h;
	int			n = r->nfields;
	int			c;
	int			matched = 0;
	MemoryContext tmp;
	MemoryContext old;

	h->ncols = n;
	h->raw = palloc(sizeof(char *) * Max(n, 1));
	h->field_of = palloc(sizeof(int) * Max(n, 1));
	h->how = palloc(sizeof(MatchHow) * Max(n, 1));
	h->how_text = palloc(sizeof(char *) * Max(n, 1));
	h->duplicate_of = palloc(sizeof(int) * Max(n, 1));
	h->extra_sorted = palloc(sizeof(int) * Max(n, 1));
	h->nextra = 0;
	for (c = 0; c < NFIELDS; c++)
		h->pos[c] = -1;
	memset(&h->labels, 0, sizeof(Labels));
	tmp = AllocSetContextCreate(CurrentMemoryContext, "scdl_read header", ALLOCSET_DEFAULT_SIZES);
	for (c = 0; c < n; c++)
	{
		const char *cell = r->buf + r->fields[c].off;
		size_t		len = r->fields[c].len;
		size_t		tlen;
		char	   *trimmed;
		int			f;

		CHECK_FOR_INTERRUPTS();
		h->raw[c] = pnstrdup(cell, len);
		/* the label: the header without surrounding spaces (as btrim), or "column N" */
		trimmed = h->raw[c];
		tlen = len;
		while (tlen > 0 && trimmed[0] == ' ')
			trimmed++, tlen--;
		while (tlen > 0 && trimmed[tlen - 1] == ' ')
			tlen--;
		labels_add(&h->labels, pnstrdup(trimmed, tlen), c + 1);
		old = MemoryContextSwitchTo(tmp);
		f = match_column(rd, cell, len, &h->how[c], &h->how_text[c]);
		MemoryContextSwitchTo(old);
		MemoryContextReset(tmp);
		h->duplicate_of[c] = -1;
		if (f >= 0 && h->pos[f] >= 0)
		{
			h->duplicate_of[c] = h->pos[f];
			f = -1;
		}
		h->field_of[c] = f;
		if (f >= 0)
		{
			h->pos[f] = c;
			matched++;
		}
		else
			h->extra_sorted[h->nextra++] = c;
	}
	if (matched == 0)
		ereport(ERROR,
				(errcode(ERRCODE_BAD_COPY_FILE_FORMAT),
				 errmsg("no column is an SCDL field"),
				 errdetail("Its header has: %s.", join_headers(h)),
				 errhint("Columns are matched by name (SCDL names, the schema's titles, the arrêté's titles, pubfin.scdl_synonym); name them in a columns mapping, e.g. {\"Montant versé\": \"montant\"}.")));
	sort_labels = &h->labels;
	qsort(h->extra_sorted, h->nextra, sizeof(int), cmp_by_label);
}

/* The header warnings: field order, how each column was read, absent fields. */
static Datum
header_warnings(Reader *rd)
{
	Header	   *h = &rd->h;
	ArrayBuildState *ab = initArrayResult(TEXTOID, CurrentMemoryContext, false);
	int			c;
	int			k;
	int			last = -1;
	bool		ordered = true;
	int			n = 0;

	for (c = 0; c < h->ncols; c++)
		if (h->field_of[c] >= 0)
		{
			if (h->field_of[c] < last)
				ordered = false;
			last = h->field_of[c];
		}
	if (!ordered)
	{
		StringInfoData w;
		bool		first = true;

		initStringInfo(&w);
		appendStringInfoString(&w, "the columns are not in the order of SCDL 2.1.1: ");
		for (c = 0; c < h->ncols; c++)
			if (h->field_of[c] >= 0)
			{
				appendStringInfo(&w, "%s%s", first ? "" : ", ", scdl_field_name(h->field_of[c]));
				first = false;
			}
		accumArrayResult(ab, PointerGetDatum(pubfin_utf8_to_text(w.data, w.len)), false, TEXTOID, CurrentMemoryContext);
		n++;
	}
	for (c = 0; c < h->ncols; c++)
	{
		char	   *w = NULL;
		const char *label = h->labels.label[c];
		int			f = h->field_of[c];

		CHECK_FOR_INTERRUPTS();
		if (h->duplicate_of[c] >= 0)
			w = psprintf("column %d \"%s\" names %s again (column %d): kept in subsidy.extra as \"%s\"",
						 c + 1, h->raw[c], scdl_field_name(h->field_of[h->duplicate_of[c]]),
						 h->duplicate_of[c] + 1, label);
		else if (f < 0)
		{
			size_t		tl;
			char	   *t = h->raw[c];

			tl = strlen(t);
			while (tl > 0 && *t == ' ')
				t++, tl--;
			while (tl > 0 && t[tl - 1] == ' ')
				tl--;
			w = psprintf("column %d \"%s\" is not an SCDL field: kept in subsidy.extra%s", c + 1, h->raw[c],
						 (strlen(label) != tl || strncmp(label, t, tl) != 0) ? psprintf(" as \"%s\"", label) : "");
		}
		else if (strcmp(h->raw[c], scdl_field_name(f)) != 0)
			w = psprintf("column %d \"%s\" read as %s%s", c + 1, h->raw[c], scdl_field_name(f),
						 h->how[c] == MATCH_SYNONYM ? psprintf(" (synonym \"%s\")", h->how_text[c]) :
						 h->how[c] == MATCH_MAPPING ? " (columns mapping)" : "");
		if (w)
		{
			accumArrayResult(ab, PointerGetDatum(pubfin_utf8_to_text(w, strlen(w))), false, TEXTOID, CurrentMemoryContext);
			n++;
		}
	}
	for (k = 0; k < NFIELDS; k++)
		if (h->pos[k] < 0)
		{
			bool		required = (k != F_REFERENCE_DECISION && k != F_ID_BENEFICIAIRE &&
									k != F_RNA_BENEFICIAIRE && k != F_ID_RAE && k != F_DISPOSITIF);
			char	   *w = required
				? psprintf("no column %s (required by SCDL): every record is read as if it were empty", scdl_field_name(k))
				: psprintf("no column %s (optional)", scdl_field_name(k));

			accumArrayResult(ab, CStringGetTextDatum(w), false, TEXTOID, CurrentMemoryContext);
			n++;
		}
	if (n == 0)
		return (Datum) 0;
	return makeArrayResult(ab, CurrentMemoryContext);
}

/* ---------------------------------------------------------------------------
 * Records
 * ------------------------------------------------------------------------- */

/* A growing list of messages (reasons or warnings). */
typedef struct Msgs
{
	char	   *m[64];
	int			n;
} Msgs;

/*
 * Add the entry "field:message" for an encoded message (field "" for the
 * record as a whole), or a sentence as it is when field is NULL; nothing when
 * msg is NULL.
 */
static void
msg_add(Msgs *l, const char *field, const char *msg)
{
	if (msg == NULL || l->n >= (int) lengthof(l->m))
		return;
	l->m[l->n++] = field ? psprintf("%s:%s", field, msg) : pstrdup(msg);
}

/* Add the warnings of a normalised cell (none when it has an error). */
static void
msg_add_cell(Msgs *l, const char *field, Cell *c)
{
	int			i;

	if (c->row.error == NULL)
		for (i = 0; i < c->row.nwarn; i++)
			msg_add(l, field, c->row.warn[i]);
}

/* The reason an identifier of this kind fails its check, encoded (code siret_check, siren_check or rna_check), or NULL when it passes. */
static char *
orgid_check(OrgIdKind kind, const char *value)
{
	if (orgid_error_text(kind, value, strlen(value)) == NULL)
		return NULL;
	return SCDL_MSG(psprintf("%s_check", orgid_type_name(kind)), value);
}

/*
 * A value that cannot be read but that the record can do without: its error
 * becomes a warning (code: its sentence, then what was done) and the cell no
 * error (its values stay empty).
 */
static char *
cell_keep(Cell *c, const char *code)
{
	char	   *kept = scdl_msg_nest(code, NULL, c->row.error);

	c->row.error = NULL;
	return kept;
}

/* The messages as a text[] (an empty array when none): encoded, or rendered as sentences. */
static Datum
msgs_array(Msgs *l, bool codes)
{
	Datum		d[lengthof(l->m)];
	int			i;

	for (i = 0; i < l->n; i++)
	{
		char	   *m = codes ? l->m[i] : scdl_entry_text(l->m[i]);

		d[i] = PointerGetDatum(pubfin_utf8_to_text(m, strlen(m)));
	}
	return PointerGetDatum(construct_array(d, l->n, TEXTOID, -1, false, TYPALIGN_INT));
}

/* A text value of a normalised cell as a C string, or NULL. */
static char *
cell_text(Cell *c, int i)
{
	return c->row.nulls[i] ? NULL : TextDatumGetCString(c->row.values[i]);
}

/* Whether the cell is empty (no value, no error). */
static bool
cell_empty(Cell *c)
{
	return c->raw == NULL;
}

/* Whether a name has a letter or a digit (folds to something). */
static bool
name_has_word(const char *s, size_t len)
{
	StringInfoData f;

	initStringInfo(&f);
	pubfin_fold_utf8(s, len, true, &f);
	return f.len > 0;
}

/* The matching key of an organization: siret:, siren:, rna: or name: and its folded name. */
static char *
org_key(const char *siret, const char *siren, const char *rna, const char *name)
{
	StringInfoData k;

	if (siret)
		return psprintf("siret:%s", siret);
	if (siren)
		return psprintf("siren:%s", siren);
	if (rna)
		return psprintf("rna:%s", rna);
	initStringInfo(&k);
	appendStringInfoString(&k, "name:");
	if (name)
		pubfin_fold_utf8(name, strlen(name), true, &k);
	return k.data;
}

/* Whether the folded name starts with one of the prefixes (each ending a word). */
static bool
starts_with_any(const char *folded, const char *const *prefixes, int n)
{
	int			i;

	for (i = 0; i < n; i++)
	{
		size_t		l = strlen(prefixes[i]);

		if (strncmp(folded, prefixes[i], l) == 0 && (folded[l] == '\0' || folded[l] == ' '))
			return true;
	}
	return false;
}

/*
 * The kind of an organization, from what is known: the SIREN ranges of
 * communes (21), départements (22), régions (23) and groupings of communes
 * (24, 25); names such as "Département de ...", "Commune de ..."; other
 * public SIRENs (1, 2); an RNA number means an association; else other.
 */
static const char *
org_kind(const char *name, const char *id, bool has_rna)
{
	static const char *const municipality[] = {"commune", "ville", "mairie"};
	static const char *const department[] = {"departement", "conseil departemental", "conseil general", "collectivite europeenne d alsace"};
	static const char *const region[] = {"region", "conseil regional", "collectivite territoriale"};
	static const char *const intercommunal[] = {"communaute de communes", "communaute d agglomeration", "communaute urbaine",
	"metropole", "syndicat intercommunal", "syndicat mixte", "etablissement public territorial", "pays", "petr"};
	static const char *const eu[] = {"union europeenne", "commission europeenne", "feder", "fse", "feader", "feamp"};
	static const char *const state[] = {"etat", "prefecture", "prefet", "ministere", "direction regionale", "direction departementale",
	"drac", "dreets", "direccte", "dreal", "ddets", "ddcs", "agence nationale", "republique francaise"};
	StringInfoData f;

	if (id && (strncmp(id, "21", 2) == 0))
		return "municipality";
	if (id && strncmp(id, "22", 2) == 0)
		return "department";
	if (id && strncmp(id, "23", 2) == 0)
		return "region";
	if (id && (strncmp(id, "24", 2) == 0 || strncmp(id, "25", 2) == 0))
		return "intercommunal";
	initStringInfo(&f);
	if (name)
		pubfin_fold_utf8(name, strlen(name), true, &f);
	if (starts_with_any(f.data, eu, lengthof(eu)))
		return "eu";
	if (starts_with_any(f.data, state, lengthof(state)) && (id == NULL || id[0] == '1'))
		return "state";
	if (id == NULL || id[0] == '1' || id[0] == '2')
	{
		if (starts_with_any(f.data, department, lengthof(department)))
			return "department";
		if (starts_with_any(f.data, region, lengthof(region)))
			return "region";
		if (starts_with_any(f.data, intercommunal, lengthof(intercommunal)))
			return "intercommunal";
		if (starts_with_any(f.data, municipality, lengthof(municipality)))
			return "municipality";
	}
	if (id && id[0] == '1')
		return "state";
	if (id && id[0] == '2')
		return "public_body";
	if (has_rna)
		return "association";
	return "other";
}

/*
 * The kind of the organization a record names (key), as its first record
 * without reasons gave it; when kept (the record has no reasons) and the
 * key is new, the organization is noted for the org rows.
 */
static const char *
org_seen(Reader *rd, bool funder, bool keep, const char *key, int line, const char *name,
		 const char *siret, const char *siren, const char *rna)
{
	const char *id = siret ? siret : siren;
	int			i = labels_find(&rd->org_keys, key);
	const char *kind;
	MemoryContext old;
	OrgSeen    *o;

	if (i >= 0)
		return rd->orgs[i].kind;
	kind = org_kind(name, id, rna != NULL);
	if (!keep)
		return kind;
	old = MemoryContextSwitchTo(rd->cxt);
	i = labels_append(&rd->org_keys, pstrdup(key));
	if (i >= rd->orgs_cap)
	{
		rd->orgs_cap = Max(64, rd->orgs_cap * 2);
		rd->orgs = rd->orgs ? repalloc_huge(rd->orgs, sizeof(OrgSeen) * rd->orgs_cap)
			: palloc(sizeof(OrgSeen) * rd->orgs_cap);
	}
	o = &rd->orgs[i];
	o->funder = funder;
	o->line = line;
	o->name = name ? pstrdup(name) : NULL;
	o->id = id ? pstrdup(id) : NULL;
	o->id_kind = siret ? "siret" : siren ? "siren" : NULL;
	o->rna = rna ? pstrdup(rna) : NULL;
	o->kind = kind;
	MemoryContextSwitchTo(old);
	return kind;
}

/* Keep, of the warnings every record read so far carries, those this one carries too. */
static void
common_keep(Reader *rd, Msgs *warnings)
{
	int			i,
				j,
				n = 0;

	if (rd->read_whole++ == 0)
	{
		MemoryContext old = MemoryContextSwitchTo(rd->cxt);

		rd->common = palloc(sizeof(char *) * Max(warnings->n, 1));
		for (i = 0; i < warnings->n; i++)
			rd->common[i] = pstrdup(warnings->m[i]);
		rd->ncommon = warnings->n;
		MemoryContextSwitchTo(old);
		return;
	}
	for (i = 0; i < rd->ncommon; i++)
		for (j = 0; j < warnings->n; j++)
			if (strcmp(rd->common[i], warnings->m[j]) == 0)
			{
				rd->common[n++] = rd->common[i];
				break;
			}
	rd->ncommon = n;
}

/* The text of an amount, as amount_out writes it. */
static char *
amount_text(Datum a)
{
	return DatumGetCString(DirectFunctionCall1(amount_out, a));
}

/* The fingerprint being computed: its input is gathered, and hashed in one call per record. */
typedef struct Fingerprint
{
	Reader	   *rd;
	StringInfoData in;
#if PG_VERSION_NUM < 140000
	pg_sha256_ctx ctx;
#endif
} Fingerprint;

/* Hash the input gathered so far, and empty it. */
static void
fp_flush(Fingerprint *fp)
{
#if PG_VERSION_NUM >= 140000
	if (pg_cryptohash_update(fp->rd->sha, (const uint8 *) fp->in.data, fp->in.len) < 0)
		elog(ERROR, "could not compute the SHA-256 digest");
#else
	pg_sha256_update(&fp->ctx, (const uint8 *) fp->in.data, fp->in.len);
#endif
	resetStringInfo(&fp->in);
}

/*
 * Feed one value to the fingerprint: a tag, its length and its bytes (NULL:
 * a tag alone).  A long value is hashed where it lies, not copied.
 */
static void
fp_add(Fingerprint *fp, const char *s, size_t len)
{
	uint8		tag = s ? 1 : 0;
	uint32		l = (uint32) len;

	appendBinaryStringInfo(&fp->in, (char *) &tag, 1);
	if (s == NULL)
		return;
	appendBinaryStringInfo(&fp->in, (char *) &l, sizeof(l));
	if (len <= 8192)
	{
		appendBinaryStringInfo(&fp->in, s, len);
		return;
	}
	fp_flush(fp);
#if PG_VERSION_NUM >= 140000
	if (pg_cryptohash_update(fp->rd->sha, (const uint8 *) s, len) < 0)
		elog(ERROR, "could not compute the SHA-256 digest");
#else
	pg_sha256_update(&fp->ctx, (const uint8 *) s, len);
#endif
}

/* Append a JSON string to buf. */
static void json_str(StringInfo buf, const char *s);

/*
 * The record's fingerprint: its SCDL fields in the schema's order, its
 * unknown ones by label, and all its fields when their count is wrong.
 * When extra is not NULL, the unknown fields are appended to it as JSON
 * members; returns how many.
 */
static int
record_fingerprint(Reader *rd, Cell *cell, char **f, size_t *flen, int nf, int used_fields,
				   bool count_error, StringInfo extra, pg_uuid_t *uuid)
{
	Header	   *h = &rd->h;
	uint8		digest[PG_SHA256_DIGEST_LENGTH];
	int			nextra = 0;
	int			i;
	int			k;
	Fingerprint fp;

	fp.rd = rd;
	initStringInfo(&fp.in);
#if PG_VERSION_NUM >= 140000
	if (pg_cryptohash_init(rd->sha) < 0)
		elog(ERROR, "could not initialize the SHA-256 context");
#else
	pg_sha256_init(&fp.ctx);
#endif
	for (k = 0; k < NFIELDS; k++)
		fp_add(&fp, cell[k].raw, cell[k].len);
	for (i = 0; i < h->nextra; i++)
	{
		int			p = h->extra_sorted[i];
		size_t		tl;
		char	   *t;

		if (p >= used_fields)
			continue;
		t = scdl_trim_view(f[p], flen[p], &tl);
		if (tl == 0)
			continue;
		fp_add(&fp, h->labels.label[p], strlen(h->labels.label[p]));
		fp_add(&fp, t, tl);
		if (extra == NULL)
			continue;
		if (nextra++)
			appendStringInfoChar(extra, ',');
		json_str(extra, h->labels.label[p]);
		appendStringInfoChar(extra, ':');
		json_str(extra, t);
	}
	if (count_error)
		for (i = 0; i < nf; i++)
			fp_add(&fp, f[i], flen[i]);
	fp_flush(&fp);
#if PG_VERSION_NUM >= 150000
	if (pg_cryptohash_final(rd->sha, digest, sizeof(digest)) < 0)
		elog(ERROR, "could not compute the SHA-256 digest");
#elif PG_VERSION_NUM >= 140000
	if (pg_cryptohash_final(rd->sha, digest) < 0)
		elog(ERROR, "could not compute the SHA-256 digest");
#else
	pg_sha256_final(&fp.ctx, digest);
#endif
	memcpy(uuid->data, digest, UUID_LEN);
	return nextra;
}

static void
json_str(StringInfo buf, const char *s)
{
	escape_json(buf, s);
}

/* A JSON object text (UTF-8) as jsonb. */
static Datum
jsonb_from_utf8(StringInfo json)
{
	char	   *s = (char *) pg_do_encoding_conversion((unsigned char *) json->data, json->len,
													   PG_UTF8, GetDatabaseEncoding());

	return DirectFunctionCall1(jsonb_in, CStringGetDatum(s));
}

/* Append "key": value to a JSON object being written (n members so far) unless value is NULL; returns 1 when added. */
static int
extra_member(StringInfo obj, int n, const char *key, const char *value)
{
	if (value == NULL)
		return 0;
	if (n > 0)
		appendStringInfoChar(obj, ',');
	json_str(obj, key);
	appendStringInfoChar(obj, ':');
	json_str(obj, value);
	return 1;
}

/* Whether a trimmed cell is made of 1 or 2 digits (the decimals of a split French amount). */
static bool
is_decimals(const char *s, size_t len)
{
	return (len == 1 || len == 2) && isdigit((unsigned char) s[0]) &&
		isdigit((unsigned char) s[len - 1]);
}

/* Whether a cell (NUL-terminated) is blank: nothing is left once trimmed, and nothing copied. */
static bool
is_blank_cell(const char *s, size_t len)
{
	size_t		tl;

	scdl_trim_view(s, len, &tl);
	return tl == 0;
}

/* Set a text column of values/nulls from a UTF-8 C string, unless it is NULL. */
#define SET_TEXT(col, s) do { if (s) { values[col] = PointerGetDatum(pubfin_utf8_to_text((s), strlen(s))); nulls[col] = false; } } while (0)

/* Read one record and put its row. */
static void
read_record(Reader *rd, CsvReader *r, CsvStatus status)
{
	Header	   *h = &rd->h;
	Datum		values[NCOLS];
	bool		nulls[NCOLS];
	int			nf = r->nfields;
	char	  **f;				/* the record's fields, as read (NUL-terminated) */
	size_t	   *flen;
	Cell		cell[NFIELDS];
	Msgs		reasons = {{0}, 0};
	Msgs		warnings = {{0}, 0};
	char	   *csv_error = (status == CSV_RECORD) ? NULL : record_error_message(r, status);
	bool		count_error = false;
	int			i;
	int			k;
	bool		all_blank = true;
	char	   *ia_value = NULL,
			   *ia_kind = NULL,
			   *ib_value = NULL,
			   *ib_kind = NULL,
			   *rn_value = NULL,
			   *rn_kind = NULL;
	char	   *id_beneficiaire = NULL,
			   *id_beneficiaire_kind = NULL,
			   *rna = NULL;
	char	   *id_rae = NULL;
	char	   *kept_nature = NULL,
			   *kept_notification = NULL,
			   *kept_share = NULL,
			   *kept_rae = NULL,
			   *kept_date = NULL,
			   *kept_period = NULL;
	bool		share_kept = false;
	Datum		montant = (Datum) 0;
	bool		montant_null = true;
	int			fiscal_year = 0;
	bool		fiscal_null = true;
	bool		period_reversed = false;
	bool		keep_fields;
	pg_uuid_t  *uuid;
	StringInfoData extra;
	int			nextra = 0;
	char	   *funder_key,
			   *beneficiary_key;
	char	   *fsiret,
			   *fsiren,
			   *bsiret,
			   *bsiren;
	int			used_fields;

	memset(nulls, true, sizeof(nulls));
	f = palloc(sizeof(char *) * Max(nf, 1));
	flen = palloc(sizeof(size_t) * Max(nf, 1));
	/* the fields, read in place: the CSV reader ends each with a NUL */
	for (i = 0; i < nf; i++)
	{
		f[i] = r->buf + r->fields[i].off;
		flen[i] = r->fields[i].len;
		if (all_blank && !is_blank_cell(f[i], flen[i]))
			all_blank = false;
	}
	values[C_LINE] = Int32GetDatum(r->record_line);
	nulls[C_LINE] = false;

	/* a row of delimiters or blanks: counted, nothing else */
	if (all_blank && csv_error == NULL)
	{
		values[C_KIND] = CStringGetTextDatum("blank");
		nulls[C_KIND] = false;
		tuplestore_putvalues(rd->store, rd->tupdesc, values, nulls);
		return;
	}
	rd->records++;

	/* one field too many: an unquoted decimal comma in montant ("100 000,00") */
	if (nf == h->ncols + 1 && h->pos[F_MONTANT] >= 0 && h->pos[F_MONTANT] + 1 < nf)
	{
		int			p = h->pos[F_MONTANT];
		size_t		l1,
					l2;
		char	   *a = scdl_trim_view(f[p], flen[p], &l1);
		char	   *b = scdl_trim_view(f[p + 1], flen[p + 1], &l2);

		if (l1 > 0 && isdigit((unsigned char) a[l1 - 1]) && strpbrk(a, ",.") == NULL && is_decimals(b, l2))
		{
			char	   *joined = psprintf("%s,%s", a, b);
			NormRow		test;

			scdl_norm_amount(joined, strlen(joined), &test);
			if (test.error == NULL && !test.nulls[0])
			{
				msg_add(&warnings, "montant", SCDL_MSG("amount_joined", a, b, joined));
				f[p] = joined;
				flen[p] = strlen(joined);
				for (i = p + 1; i + 1 < nf; i++)
				{
					f[i] = f[i + 1];
					flen[i] = flen[i + 1];
				}
				nf--;
			}
		}
	}
	/* fields beyond the header that are all blank (trailing delimiters) change nothing */
	used_fields = nf;
	if (nf > h->ncols)
	{
		bool		blank_tail = true;

		for (i = h->ncols; i < nf && blank_tail; i++)
			blank_tail = is_blank_cell(f[i], flen[i]);
		if (blank_tail)
			used_fields = h->ncols;
	}
	if (used_fields != h->ncols)
		count_error = true;

	/* the labels of fields beyond the header */
	while (h->labels.n < nf)
	{
		MemoryContext old = MemoryContextSwitchTo(rd->cxt);

		labels_add(&h->labels, NULL, h->labels.n + 1);
		MemoryContextSwitchTo(old);
	}

	/* every SCDL cell through its normaliser */
	for (k = 0; k < NFIELDS; k++)
	{
		int			p = h->pos[k];

		cell[k].raw = NULL;
		cell[k].len = 0;
		if (p >= 0 && p < used_fields)
		{
			char	   *t = scdl_trim_view(f[p], flen[p], &cell[k].len);

			if (cell[k].len > 0)
				cell[k].raw = t;
		}
	}
	/* the first pass of a load: the fingerprint alone */
	if (rd->fingerprints_only)
	{
		uuid = palloc(sizeof(pg_uuid_t));
		record_fingerprint(rd, cell, f, flen, nf, used_fields, count_error, NULL, uuid);
		values[C_KIND] = CStringGetTextDatum("record");
		nulls[C_KIND] = false;
		values[C_FINGERPRINT] = UUIDPGetDatum(uuid);
		nulls[C_FINGERPRINT] = false;
		tuplestore_putvalues(rd->store, rd->tupdesc, values, nulls);
		return;
	}

	/* empty rows for the text fields; normalised ones below */
	for (k = 0; k < NFIELDS; k++)
	{
		const char *s = cell[k].raw ? cell[k].raw : "";
		size_t		len = cell[k].raw ? cell[k].len : 0;

		switch (k)
		{
			case F_ID_ATTRIBUANT:
			case F_ID_BENEFICIAIRE:
			case F_RNA_BENEFICIAIRE:
				scdl_norm_identifier(s, len, &cell[k].row);
				break;
			case F_DATE_CONVENTION:
				scdl_norm_date(s, len, &cell[k].row);
				break;
			case F_MONTANT:
				scdl_norm_amount(s, len, &cell[k].row);
				break;
			case F_NATURE:
				scdl_norm_nature(s, len, &cell[k].row);
				break;
			case F_PERIODE:
				scdl_norm_period(s, len, &cell[k].row);
				break;
			case F_NOTIFICATION:
				scdl_norm_boolean(s, len, &cell[k].row);
				break;
			case F_POURCENTAGE:
				scdl_norm_share(s, len, &cell[k].row);
				break;
			default:
				memset(&cell[k].row, 0, sizeof(NormRow));
				break;
		}
	}
	/* an empty share is the whole amount; an empty nature, cash */
	if (cell_empty(&cell[F_POURCENTAGE]))
	{
		cell[F_POURCENTAGE].row.values[0] = NumericGetDatum(rd->one);
		cell[F_POURCENTAGE].row.nulls[0] = false;
		if (h->pos[F_POURCENTAGE] >= 0)
			msg_add(&warnings, "pourcentageSubvention", SCDL_MSG("missing_whole"));
	}
	if (cell_empty(&cell[F_NATURE]) && h->pos[F_NATURE] >= 0)
		msg_add(&warnings, "nature", SCDL_MSG("missing_numeraire"));
	/* values pubfin can do without: read with a warning, what is left out kept in extra */
	if (!count_error && cell[F_NATURE].row.error)
		kept_nature = cell_keep(&cell[F_NATURE], "kept_numeraire");
	if (cell_empty(&cell[F_NATURE]) || kept_nature)
	{
		cell[F_NATURE].row.values[0] = PointerGetDatum(pubfin_utf8_to_text("aide en numéraire", strlen("aide en numéraire")));
		cell[F_NATURE].row.nulls[0] = false;
	}
	if (!count_error && cell[F_NOTIFICATION].row.error)
		kept_notification = cell_keep(&cell[F_NOTIFICATION], "kept_empty");
	if (!count_error && cell[F_POURCENTAGE].row.error)
	{
		/*
		 * A percentage written without its sign ("80" for 80 %) is read as
		 * one; a share with no digit ("NC", "sans objet") as 1, the whole
		 * amount; another number out of range remains a reason.
		 */
		const char *raw = cell[F_POURCENTAGE].raw;
		NormRow		pct;

		pct.error = "";
		if (strchr(raw, '%') == NULL)
		{
			char	   *p = psprintf("%s %%", raw);

			scdl_norm_share(p, strlen(p), &pct);
		}
		if (pct.error == NULL && !pct.nulls[0])
		{
			kept_share = SCDL_MSG("share_percent", raw, DatumGetCString(DirectFunctionCall1(numeric_out, pct.values[0])));
			cell[F_POURCENTAGE].row.values[0] = pct.values[0];
		}
		else if (strpbrk(raw, "0123456789") == NULL)
		{
			kept_share = SCDL_MSG("share_nc", raw);
			cell[F_POURCENTAGE].row.values[0] = NumericGetDatum(rd->one);
			share_kept = true;
		}
		if (kept_share)
		{
			cell[F_POURCENTAGE].row.error = NULL;
			cell[F_POURCENTAGE].row.nulls[0] = false;
		}
	}
	ia_value = cell_text(&cell[F_ID_ATTRIBUANT], 0);
	ia_kind = cell_text(&cell[F_ID_ATTRIBUANT], 1);
	ib_value = cell_text(&cell[F_ID_BENEFICIAIRE], 0);
	ib_kind = cell_text(&cell[F_ID_BENEFICIAIRE], 1);
	rn_value = cell_text(&cell[F_RNA_BENEFICIAIRE], 0);
	rn_kind = cell_text(&cell[F_RNA_BENEFICIAIRE], 1);
	if (ib_kind && strcmp(ib_kind, "rna") != 0)
	{
		id_beneficiaire = ib_value;
		id_beneficiaire_kind = ib_kind;
	}
	if (rn_kind && strcmp(rn_kind, "rna") == 0)
		rna = rn_value;
	else if (ib_kind && strcmp(ib_kind, "rna") == 0)
		rna = ib_value;
	if (!cell[F_DATE_CONVENTION].row.nulls[1])
	{
		fiscal_year = DatumGetInt32(cell[F_DATE_CONVENTION].row.values[1]);
		fiscal_null = false;
	}
	else if (!cell[F_PERIODE].row.nulls[2])
	{
		fiscal_year = DatumGetInt32(cell[F_PERIODE].row.values[2]);
		fiscal_null = false;
	}

	/*
	 * A date or a period that cannot be read, in a record whose year the
	 * other one gives: left empty, with a warning, the value kept in extra.
	 * Without a year, they remain the record's reasons.
	 */
	if (!count_error && !fiscal_null && cell[F_DATE_CONVENTION].row.error)
		kept_date = cell_keep(&cell[F_DATE_CONVENTION], "kept_empty");
	if (!count_error && !fiscal_null && cell[F_PERIODE].row.error)
		kept_period = cell_keep(&cell[F_PERIODE], "kept_empty");
	if (!cell[F_MONTANT].row.nulls[0] && !cell[F_POURCENTAGE].row.nulls[0])
	{
		montant = DirectFunctionCall2(amount_mul_numeric, cell[F_MONTANT].row.values[0],
									  cell[F_POURCENTAGE].row.values[0]);
		montant_null = false;
	}
	if (!cell[F_PERIODE].row.nulls[0] && !cell[F_PERIODE].row.nulls[1] &&
		DatumGetDateADT(cell[F_PERIODE].row.values[0]) > DatumGetDateADT(cell[F_PERIODE].row.values[1]))
		period_reversed = true;
	if (cell[F_ID_RAE].raw)
	{
		StringInfoData fr;

		initStringInfo(&fr);
		pubfin_fold_utf8(cell[F_ID_RAE].raw, cell[F_ID_RAE].len, true, &fr);
		if (strcmp(fr.data, "sans objet") != 0 && strcmp(fr.data, "neant") != 0 &&
			strcmp(fr.data, "non applicable") != 0 && strcmp(fr.data, "n a") != 0)
			id_rae = cell[F_ID_RAE].raw;
	}
	if (id_rae && pg_mbstrlen_with_len(id_rae, strlen(id_rae)) > 5)
	{
		kept_rae = SCDL_MSG("rae_long", id_rae, scdl_msg_int(pg_mbstrlen_with_len(id_rae, strlen(id_rae))));
		id_rae = NULL;
	}

	/* reasons */
	if (csv_error)
		msg_add(&reasons, "", SCDL_MSG("csv", csv_error));
	if (count_error)
		msg_add(&reasons, "", SCDL_MSG("field_count", scdl_msg_int(nf), scdl_msg_int(h->ncols)));
	if (!count_error)
	{
		Cell	   *c;

		c = &cell[F_NOM_ATTRIBUANT];
		if (cell_empty(c))
			msg_add(&reasons, "nomAttribuant", SCDL_MSG("missing"));
		else if (!name_has_word(c->raw, c->len))
			msg_add(&reasons, "nomAttribuant", SCDL_MSG("no_word", c->raw));
		c = &cell[F_ID_ATTRIBUANT];
		if (cell_empty(c))
			msg_add(&reasons, "idAttribuant", SCDL_MSG("missing"));
		msg_add(&reasons, "idAttribuant", c->row.error);
		if (ia_kind && strcmp(ia_kind, "rna") == 0)
			msg_add(&reasons, "idAttribuant", SCDL_MSG("funder_rna", ia_value));
		else if (ia_kind)
			msg_add(&reasons, "idAttribuant",
					orgid_check(strcmp(ia_kind, "siret") == 0 ? ORGID_SIRET : ORGID_SIREN, ia_value));
		msg_add(&reasons, "dateConvention", cell[F_DATE_CONVENTION].row.error);
		c = &cell[F_NOM_BENEFICIAIRE];
		if (cell_empty(c))
			msg_add(&reasons, "nomBeneficiaire", SCDL_MSG("missing"));
		else if (!name_has_word(c->raw, c->len))
			msg_add(&reasons, "nomBeneficiaire", SCDL_MSG("no_word", c->raw));
		msg_add(&reasons, "idBeneficiaire", cell[F_ID_BENEFICIAIRE].row.error);
		if (ib_kind)
			msg_add(&reasons, "idBeneficiaire",
					orgid_check(strcmp(ib_kind, "siret") == 0 ? ORGID_SIRET :
								strcmp(ib_kind, "siren") == 0 ? ORGID_SIREN : ORGID_RNA, ib_value));
		if (ib_kind && strcmp(ib_kind, "rna") == 0 && rn_value && strcmp(rn_value, ib_value) != 0)
			msg_add(&reasons, "idBeneficiaire",
					SCDL_MSG("rna_conflict", ib_value, rn_value));
		msg_add(&reasons, "rnaBeneficiaire", cell[F_RNA_BENEFICIAIRE].row.error);
		if (rn_kind && strcmp(rn_kind, "rna") != 0)
			msg_add(&reasons, "rnaBeneficiaire", SCDL_MSG("not_rna", rn_value));
		else if (rn_kind)
			msg_add(&reasons, "rnaBeneficiaire", orgid_check(ORGID_RNA, rn_value));
		c = &cell[F_MONTANT];
		if (cell_empty(c))
			msg_add(&reasons, "montant", SCDL_MSG("missing"));
		msg_add(&reasons, "montant", c->row.error);
		if (!c->row.nulls[0] && DatumGetInt64(c->row.values[0]) <= 0)
			msg_add(&reasons, "montant", SCDL_MSG("not_positive", amount_text(c->row.values[0])));
		else if (!c->row.nulls[0] && !montant_null && DatumGetInt64(montant) == 0)
			msg_add(&reasons, "montant", SCDL_MSG("rounds_zero", amount_text(c->row.values[0]),
												  DatumGetCString(DirectFunctionCall1(numeric_out, cell[F_POURCENTAGE].row.values[0]))));
		msg_add(&reasons, "nature", cell[F_NATURE].row.error);
		msg_add(&reasons, "datesPeriodeVersement", cell[F_PERIODE].row.error);
		msg_add(&reasons, "notificationUE", cell[F_NOTIFICATION].row.error);
		msg_add(&reasons, "pourcentageSubvention", cell[F_POURCENTAGE].row.error);
		if (fiscal_null && cell[F_DATE_CONVENTION].row.error == NULL && cell[F_PERIODE].row.error == NULL)
			msg_add(&reasons, "", SCDL_MSG("no_year"));
	}

	/* warnings */
	if (!count_error)
	{
		msg_add_cell(&warnings, "idAttribuant", &cell[F_ID_ATTRIBUANT]);
		if (ia_kind && strcmp(ia_kind, "siren") == 0)
			msg_add(&warnings, "idAttribuant", SCDL_MSG("funder_siren", ia_value));
		if (cell[F_DATE_CONVENTION].row.nulls[1] && cell[F_DATE_CONVENTION].row.error == NULL && !fiscal_null &&
			kept_date == NULL && h->pos[F_DATE_CONVENTION] >= 0)
			msg_add(&warnings, "dateConvention", SCDL_MSG("missing_required"));
		msg_add_cell(&warnings, "dateConvention", &cell[F_DATE_CONVENTION]);
		msg_add(&warnings, "dateConvention", kept_date);
		msg_add_cell(&warnings, "idBeneficiaire", &cell[F_ID_BENEFICIAIRE]);
		if (ib_kind && strcmp(ib_kind, "siren") == 0)
			msg_add(&warnings, "idBeneficiaire", SCDL_MSG("beneficiary_siren", ib_value));
		if (ib_kind && strcmp(ib_kind, "rna") == 0 && (rn_value == NULL || strcmp(rn_value, ib_value) == 0))
			msg_add(&warnings, "idBeneficiaire", SCDL_MSG("rna_read_as", ib_value));
		if (cell_empty(&cell[F_ID_BENEFICIAIRE]) && cell_empty(&cell[F_RNA_BENEFICIAIRE]))
			msg_add(&warnings, "idBeneficiaire", SCDL_MSG("ids_missing"));
		msg_add_cell(&warnings, "rnaBeneficiaire", &cell[F_RNA_BENEFICIAIRE]);
		if (cell_empty(&cell[F_OBJET]) && h->pos[F_OBJET] >= 0)
			msg_add(&warnings, "objet", SCDL_MSG("missing_required"));
		else if (cell[F_OBJET].raw && pg_mbstrlen_with_len(cell[F_OBJET].raw, cell[F_OBJET].len) > SCDL_TEXT_LIMIT)
			msg_add(&warnings, "objet", SCDL_MSG("text_long", scdl_msg_int(pg_mbstrlen_with_len(cell[F_OBJET].raw, cell[F_OBJET].len)),
												 scdl_msg_int(SCDL_TEXT_LIMIT)));
		msg_add_cell(&warnings, "montant", &cell[F_MONTANT]);
		msg_add_cell(&warnings, "nature", &cell[F_NATURE]);
		msg_add(&warnings, "nature", kept_nature);
		if (cell_empty(&cell[F_CONDITIONS]) && h->pos[F_CONDITIONS] >= 0)
			msg_add(&warnings, "conditionsVersement", SCDL_MSG("missing_required"));
		else if (cell[F_CONDITIONS].raw && pg_mbstrlen_with_len(cell[F_CONDITIONS].raw, cell[F_CONDITIONS].len) > SCDL_TEXT_LIMIT)
			msg_add(&warnings, "conditionsVersement", SCDL_MSG("text_long", scdl_msg_int(pg_mbstrlen_with_len(cell[F_CONDITIONS].raw, cell[F_CONDITIONS].len)),
															  scdl_msg_int(SCDL_TEXT_LIMIT)));
		if (cell_empty(&cell[F_PERIODE]) && !fiscal_null && h->pos[F_PERIODE] >= 0)
			msg_add(&warnings, "datesPeriodeVersement", SCDL_MSG("missing_required"));
		if (period_reversed)
			msg_add(&warnings, "datesPeriodeVersement",
					SCDL_MSG("period_kept", cell[F_PERIODE].raw));
		else
			msg_add_cell(&warnings, "datesPeriodeVersement", &cell[F_PERIODE]);
		msg_add(&warnings, "datesPeriodeVersement", kept_period);
		if (cell_empty(&cell[F_NOTIFICATION]) && h->pos[F_NOTIFICATION] >= 0)
			msg_add(&warnings, "notificationUE", SCDL_MSG("missing_required"));
		msg_add_cell(&warnings, "notificationUE", &cell[F_NOTIFICATION]);
		msg_add(&warnings, "notificationUE", kept_notification);
		msg_add_cell(&warnings, "pourcentageSubvention", &cell[F_POURCENTAGE]);
		msg_add(&warnings, "pourcentageSubvention", kept_share);
		msg_add(&warnings, "idRAE", kept_rae);
		if (id_rae == NULL && kept_rae == NULL && cell[F_ID_RAE].raw)
			msg_add(&warnings, "idRAE", SCDL_MSG("rae_empty", cell[F_ID_RAE].raw));
	}
	while (rd->next_win < rd->nwin && rd->win_lines[rd->next_win] < r->record_line)
		rd->next_win++;
	if (rd->mixed && rd->next_win < rd->nwin && rd->win_lines[rd->next_win] < r->line)
	{
		while (rd->next_win < rd->nwin && rd->win_lines[rd->next_win] < r->line)
			rd->next_win++;
		msg_add(&warnings, "", SCDL_MSG("line_win1252"));
	}

	/* the fingerprint, and the unknown fields in extra */
	initStringInfo(&extra);
	appendStringInfoChar(&extra, '{');
	uuid = palloc(sizeof(pg_uuid_t));
	nextra = record_fingerprint(rd, cell, f, flen, nf, used_fields, count_error, &extra, uuid);

	/* a period that could not be stored as a range is kept as written */
	if (!count_error && cell[F_PERIODE].raw && cell[F_PERIODE].row.error == NULL &&
		(cell[F_PERIODE].row.nulls[0] || cell[F_PERIODE].row.nulls[1] || period_reversed))
	{
		if (nextra++)
			appendStringInfoChar(&extra, ',');
		json_str(&extra, "datesPeriodeVersement");
		appendStringInfoChar(&extra, ':');
		json_str(&extra, cell[F_PERIODE].raw);
	}
	nextra += extra_member(&extra, nextra, "dateConvention", kept_date ? cell[F_DATE_CONVENTION].raw : NULL);
	nextra += extra_member(&extra, nextra, "nature", kept_nature ? cell[F_NATURE].raw : NULL);
	nextra += extra_member(&extra, nextra, "notificationUE", kept_notification ? cell[F_NOTIFICATION].raw : NULL);
	nextra += extra_member(&extra, nextra, "pourcentageSubvention", share_kept ? cell[F_POURCENTAGE].raw : NULL);
	nextra += extra_member(&extra, nextra, "idRAE", kept_rae ? cell[F_ID_RAE].raw : NULL);
	appendStringInfoChar(&extra, '}');

	values[C_KIND] = CStringGetTextDatum("record");
	nulls[C_KIND] = false;
	values[C_REASONS] = msgs_array(&reasons, rd->codes);
	nulls[C_REASONS] = false;
	values[C_WARNINGS] = msgs_array(&warnings, rd->codes);
	nulls[C_WARNINGS] = false;
	values[C_FINGERPRINT] = UUIDPGetDatum(uuid);
	nulls[C_FINGERPRINT] = false;
	if (nextra > 0)
	{
		values[C_EXTRA] = jsonb_from_utf8(&extra);
		nulls[C_EXTRA] = false;
	}

	/* the raw fields, for records that are or may be quarantined (reasons, or a share of a split award) */
	keep_fields = reasons.n > 0 ||
		(!cell[F_POURCENTAGE].row.nulls[0] &&
		 DatumGetBool(DirectFunctionCall2(numeric_lt, cell[F_POURCENTAGE].row.values[0], NumericGetDatum(rd->one))));
	if (keep_fields)
	{
		StringInfoData js;

		initStringInfo(&js);
		appendStringInfoChar(&js, '{');
		for (i = 0; i < nf; i++)
		{
			if (i)
				appendStringInfoChar(&js, ',');
			json_str(&js, h->labels.label[i]);
			appendStringInfoChar(&js, ':');
			json_str(&js, f[i]);
		}
		appendStringInfoChar(&js, '}');
		values[C_FIELDS] = jsonb_from_utf8(&js);
		nulls[C_FIELDS] = false;
	}
	common_keep(rd, &warnings);
	if (count_error)
	{
		tuplestore_putvalues(rd->store, rd->tupdesc, values, nulls);
		return;
	}

	/* the values */
#define SET_CELL(col, k, i) do { if (!cell[k].row.nulls[i]) { values[col] = cell[k].row.values[i]; nulls[col] = false; } } while (0)
	fsiret = (ia_kind && strcmp(ia_kind, "siret") == 0) ? ia_value : NULL;
	fsiren = (ia_kind && strcmp(ia_kind, "siren") == 0) ? ia_value : NULL;
	bsiret = (id_beneficiaire_kind && strcmp(id_beneficiaire_kind, "siret") == 0) ? id_beneficiaire : NULL;
	bsiren = (id_beneficiaire_kind && strcmp(id_beneficiaire_kind, "siren") == 0) ? id_beneficiaire : NULL;
	SET_TEXT(C_NOM_ATTRIBUANT, cell[F_NOM_ATTRIBUANT].raw);
	SET_TEXT(C_ID_ATTRIBUANT, ia_value);
	SET_TEXT(C_ID_ATTRIBUANT_KIND, ia_kind);
	funder_key = org_key(fsiret, fsiren, NULL, cell[F_NOM_ATTRIBUANT].raw);
	beneficiary_key = org_key(bsiret, bsiren, rna, cell[F_NOM_BENEFICIAIRE].raw);
	SET_TEXT(C_FUNDER_KIND, org_seen(rd, true, reasons.n == 0, funder_key, r->record_line,
									 cell[F_NOM_ATTRIBUANT].raw, fsiret, fsiren, NULL));
	SET_TEXT(C_FUNDER_KEY, funder_key);
	SET_TEXT(C_NOM_BENEFICIAIRE, cell[F_NOM_BENEFICIAIRE].raw);
	SET_TEXT(C_ID_BENEFICIAIRE, id_beneficiaire);
	SET_TEXT(C_ID_BENEFICIAIRE_KIND, id_beneficiaire_kind);
	SET_TEXT(C_RNA_BENEFICIAIRE, rna);
	SET_TEXT(C_BENEFICIARY_KIND, org_seen(rd, false, reasons.n == 0, beneficiary_key, r->record_line,
										  cell[F_NOM_BENEFICIAIRE].raw, bsiret, bsiren, rna));
	SET_TEXT(C_BENEFICIARY_KEY, beneficiary_key);
	SET_TEXT(C_REFERENCE_DECISION, cell[F_REFERENCE_DECISION].raw);
	SET_TEXT(C_OBJET, cell[F_OBJET].raw);
	SET_CELL(C_AWARD, F_MONTANT, 0);
	SET_CELL(C_POURCENTAGE, F_POURCENTAGE, 0);
	if (!montant_null)
	{
		values[C_MONTANT] = montant;
		nulls[C_MONTANT] = false;
	}
	if (!cell[F_NATURE].row.nulls[0])
	{
		char	   *n = cell_text(&cell[F_NATURE], 0);

		SET_TEXT(C_NATURE, strchr(n, ';') ? "cash_and_in_kind" : strcmp(n, "aide en nature") == 0 ? "in_kind" : "cash");
	}
	SET_TEXT(C_CONDITIONS, cell[F_CONDITIONS].raw);
	SET_CELL(C_PAYMENT_FIRST, F_PERIODE, 0);
	SET_CELL(C_PAYMENT_LAST, F_PERIODE, 1);
	SET_TEXT(C_ID_RAE, id_rae);
	SET_CELL(C_NOTIFICATION, F_NOTIFICATION, 0);
	SET_TEXT(C_DISPOSITIF, cell[F_DISPOSITIF].raw);
	SET_CELL(C_CONVENTION_DATE, F_DATE_CONVENTION, 0);
	if (!fiscal_null)
	{
		values[C_FISCAL_YEAR] = Int32GetDatum(fiscal_year);
		nulls[C_FISCAL_YEAR] = false;
	}
	tuplestore_putvalues(rd->store, rd->tupdesc, values, nulls);
}

/*
 * The organizations of the records without reasons, in order of
 * appearance: a "funder" or "beneficiary" row (the role it first had) with
 * that role's columns; then a "common" row: the warnings every record read
 * carries (when more than one was read), line being how many were read.
 */
static void
put_org_rows(Reader *rd)
{
	Datum		values[NCOLS];
	bool		nulls[NCOLS];
	int			i;

	for (i = 0; i < rd->org_keys.n; i++)
	{
		OrgSeen    *o = &rd->orgs[i];

		memset(nulls, true, sizeof(nulls));
		values[C_KIND] = CStringGetTextDatum(o->funder ? "funder" : "beneficiary");
		nulls[C_KIND] = false;
		values[C_LINE] = Int32GetDatum(o->line);
		nulls[C_LINE] = false;
		SET_TEXT(o->funder ? C_FUNDER_KEY : C_BENEFICIARY_KEY, rd->org_keys.label[i]);
		SET_TEXT(o->funder ? C_NOM_ATTRIBUANT : C_NOM_BENEFICIAIRE, o->name);
		SET_TEXT(o->funder ? C_ID_ATTRIBUANT : C_ID_BENEFICIAIRE, o->id);
		SET_TEXT(o->funder ? C_ID_ATTRIBUANT_KIND : C_ID_BENEFICIAIRE_KIND, o->id_kind);
		SET_TEXT(o->funder ? C_FUNDER_KIND : C_BENEFICIARY_KIND, o->kind);
		if (!o->funder)
			SET_TEXT(C_RNA_BENEFICIAIRE, o->rna);
		tuplestore_putvalues(rd->store, rd->tupdesc, values, nulls);
	}
	if (rd->read_whole > 1 && rd->ncommon > 0)
	{
		Msgs		common = {{0}, 0};

		memset(nulls, true, sizeof(nulls));
		for (i = 0; i < rd->ncommon; i++)
			common.m[common.n++] = rd->common[i];
		values[C_KIND] = CStringGetTextDatum("common");
		nulls[C_KIND] = false;
		values[C_LINE] = Int32GetDatum(rd->read_whole);
		nulls[C_LINE] = false;
		values[C_WARNINGS] = msgs_array(&common, rd->codes);
		nulls[C_WARNINGS] = false;
		tuplestore_putvalues(rd->store, rd->tupdesc, values, nulls);
	}
}

/* The file row: what holds for the whole file, said once. */
static void
put_file_row(Reader *rd, const char *encoding_note, int moji_utf8, int moji_c1)
{
	Datum		values[NCOLS];
	bool		nulls[NCOLS];
	Msgs		notes = {{0}, 0};

	memset(nulls, true, sizeof(nulls));
	if (encoding_note)
		msg_add(&notes, NULL, psprintf("encoding: %s", encoding_note));
	if (moji_utf8 > 0)
		msg_add(&notes, NULL, psprintf("encoding: %d sequences such as \"Ã©\" or \"â€™\": UTF-8 text read in another encoding; the file is likely UTF-8 (load it with encoding UTF8)", moji_utf8));
	else if (moji_c1 > 0)
		msg_add(&notes, NULL, psprintf("encoding: %d control characters U+0080-U+009F (such as U+0092 for a typographic apostrophe): WIN1252 text read as LATIN1; the file is likely WIN1252 (load it with encoding WIN1252)", moji_c1));
	values[C_KIND] = CStringGetTextDatum("file");
	nulls[C_KIND] = false;
	values[C_WARNINGS] = msgs_array(&notes, false);
	nulls[C_WARNINGS] = false;
	tuplestore_putvalues(rd->store, rd->tupdesc, values, nulls);
}

/*
 * scdl_read(content bytea, options jsonb) RETURNS TABLE(kind, line, reasons,
 * warnings, fingerprint, fields, extra, the typed values ...): one "header"
 * row, one row per record ("record" or "blank"), one "file" row.
 */
Datum
scdl_read(PG_FUNCTION_ARGS)
{
	Reader		rd;
	bytea	   *content;
	const char *data;
	size_t		len;
	bool		guess;
	char	   *encoding_note = NULL;
	int			utf8_lines = 0;
	int			moji_utf8,
				moji_c1;
	CsvReader	reader;
	CsvStatus	status;
	char		delimiter;
	MemoryContext rowcxt;
	MemoryContext old;
	Datum		values[NCOLS];
	bool		nulls[NCOLS];

	if (PG_ARGISNULL(0))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("SCDL content is NULL"),
				 errhint("Pass the whole file as bytes, e.g. pg_read_binary_file() or psql's \\set with base64.")));
	memset(&rd, 0, sizeof(rd));
	rd.cxt = CurrentMemoryContext;
	content = PG_GETARG_BYTEA_PP(0);
	data = VARDATA_ANY(content);
	len = VARSIZE_ANY_EXHDR(content);
	guess = read_options(&rd, PG_ARGISNULL(1) ? NULL : PG_GETARG_JSONB_P(1));
	rd.one = DatumGetNumeric(DirectFunctionCall3(numeric_in, CStringGetDatum("1"),
												 ObjectIdGetDatum(InvalidOid), Int32GetDatum(-1)));

	/* the bytes: a UTF-8 BOM is dropped whatever follows; then UTF-8, or guessed line by line */
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
	{
		data += 3;
		len -= 3;
	}
	if (guess)
	{
		data = decode_guess(&rd, data, &len, &utf8_lines);
		if (rd.nwin > 0 && utf8_lines == 0)
			encoding_note = psprintf("the file is not UTF-8: read as WIN1252 (%d line%s with characters beyond ASCII)", rd.nwin, rd.nwin > 1 ? "s" : "");
		else if (rd.nwin > 0)
		{
			rd.mixed = true;
			encoding_note = psprintf("lines with characters beyond ASCII: %d in UTF-8, %d not (read as WIN1252, each with a warning)",
									 utf8_lines, rd.nwin);
		}
	}
	else if (!utf8_valid(data, len))
	{
		int			ok = pg_encoding_verifymbstr(PG_UTF8, data, (int) len);

		ereport(ERROR,
				(errcode(ERRCODE_CHARACTER_NOT_IN_REPERTOIRE),
				 errmsg("SCDL content is not valid UTF-8 (byte 0x%02x at offset %d)", (unsigned char) data[ok], ok),
				 errhint("State its encoding (WIN1252, LATIN1 ...), or let it be guessed: {\"encoding\": \"auto\"}.")));
	}
	count_mojibake((const unsigned char *) data, len, &moji_utf8, &moji_c1);

	rd.store = pubfin_begin_materialize(fcinfo, &rd.tupdesc);
#if PG_VERSION_NUM >= 140000
	rd.sha = pg_cryptohash_create(PG_SHA256);
	if (rd.sha == NULL)
		ereport(ERROR, (errcode(ERRCODE_OUT_OF_MEMORY), errmsg("out of memory")));
#endif

	/* the header */
	delimiter = detect_delimiter_or_raise(data, len);
	csv_init(&reader, data, len, delimiter, csv_palloc_realloc);
	status = csv_next(&reader);
	if (status == CSV_END)
		ereport(ERROR,
				(errcode(ERRCODE_BAD_COPY_FILE_FORMAT),
				 errmsg("no header line"),
				 errhint("The first line must name the columns (nomAttribuant, idAttribuant, ...).")));
	if (status == CSV_ERR_NOMEM)
		ereport(ERROR, (errcode(ERRCODE_OUT_OF_MEMORY), errmsg("out of memory")));
	read_header(&rd, &reader);
	memset(nulls, true, sizeof(nulls));
	values[C_KIND] = CStringGetTextDatum("header");
	nulls[C_KIND] = false;
	values[C_LINE] = Int32GetDatum(reader.record_line);
	nulls[C_LINE] = false;
	values[C_WARNINGS] = header_warnings(&rd);
	nulls[C_WARNINGS] = (values[C_WARNINGS] == (Datum) 0);
	{
		StringInfoData js;
		int			c;

		initStringInfo(&js);
		appendStringInfoChar(&js, '[');
		for (c = 0; c < rd.h.ncols; c++)
		{
			if (c)
				appendStringInfoChar(&js, ',');
			json_str(&js, rd.h.labels.label[c]);
		}
		appendStringInfoChar(&js, ']');
		values[C_FIELDS] = jsonb_from_utf8(&js);
		nulls[C_FIELDS] = false;
	}
	tuplestore_putvalues(rd.store, rd.tupdesc, values, nulls);

	/* the records */
	rowcxt = AllocSetContextCreate(CurrentMemoryContext, "scdl_read record", ALLOCSET_DEFAULT_SIZES);
	for (;;)
	{
		status = csv_next(&reader);
		CHECK_FOR_INTERRUPTS();
		if (status == CSV_END)
			break;
		if (status == CSV_ERR_NOMEM)
			ereport(ERROR, (errcode(ERRCODE_OUT_OF_MEMORY), errmsg("out of memory")));
		if (!line_wanted(&rd, reader.record_line))
			continue;
		old = MemoryContextSwitchTo(rowcxt);
		read_record(&rd, &reader, status);
		MemoryContextSwitchTo(old);
		MemoryContextReset(rowcxt);
	}
	put_org_rows(&rd);
	put_file_row(&rd, encoding_note, moji_utf8, moji_c1);
	csv_free(&reader);
	MemoryContextDelete(rowcxt);
#if PG_VERSION_NUM >= 140000
	pg_cryptohash_free(rd.sha);
#endif
	return (Datum) 0;
}
