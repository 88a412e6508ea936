/*
 * csv.h: a CSV reader in plain C (RFC 4180 and the usual variants).
 *
 * The reader never raises and needs only the C library, so that it compiles
 * outside the server (fuzzing).  The caller gives the whole text and a
 * realloc-like function; csv_next() returns one record at a time, its fields
 * unquoted into a buffer owned by the reader.
 *
 * Accepted: quoted fields with doubled quotes inside, line breaks inside
 * quotes, CRLF, LF or a lone CR as the record end, a last record without a
 * line break, a UTF-8 byte order mark at the start (skipped).  Lines with no
 * byte at all between two line breaks are skipped (they are not records).  A
 * quote inside an unquoted field is kept as a character (37"N).
 * Refused, with the line number: a quoted field without its closing quote,
 * anything but a delimiter or a line break after a closing quote.
 */
#ifndef PUBFIN_CSV_H
#define PUBFIN_CSV_H

#include <stdbool.h>
#include <stddef.h>

/* Outcome of csv_next and csv_detect_delimiter. */
typedef enum CsvStatus
{
	CSV_RECORD = 0,				/* a record was read */
	CSV_END,					/* no more records */
	CSV_ERR_UNTERMINATED,		/* a quoted field has no closing quote */
	CSV_ERR_JUNK,				/* a character other than a delimiter or line break after a closing quote */
	CSV_ERR_NOMEM,				/* the allocator returned NULL */
	CSV_ERR_AMBIGUOUS			/* csv_detect_delimiter: two candidates appear equally often */
} CsvStatus;

/* Allocator: like realloc(ptr, size); ptr is NULL for a first allocation. */
typedef void *(*CsvReallocFn) (void *ptr, size_t size);

/* One field of the current record: bytes [off, off+len) of CsvReader.buf. */
typedef struct CsvField
{
	size_t		off;
	size_t		len;
	bool		quoted;			/* the field was written between quotes */
} CsvField;

/* Reader state; fill it with csv_init. */
typedef struct CsvReader
{
	const char *data;			/* the whole input */
	size_t		len;
	size_t		pos;			/* next byte to read */
	char		delimiter;
	int			line;			/* line number of data[pos], from 1 */
	CsvReallocFn realloc_fn;

	/* the current record */
	int			record_line;	/* line where it starts */
	char	   *buf;			/* field contents, unquoted, each followed by a NUL */
	size_t		buf_len;
	size_t		buf_cap;
	CsvField   *fields;
	int			nfields;
	int			fields_cap;

	/* the last error */
	int			error_line;		/* line of the offending character */
	size_t		error_pos;		/* its byte offset in data */
} CsvReader;

/* Length of a UTF-8 byte order mark at the start of data (3 or 0). */
extern size_t csv_bom_length(const char *data, size_t len);

/*
 * Choose the delimiter among ',', ';' and tab: the most frequent outside
 * quotes in the first record (the header).  None at all gives ','; a tie
 * between the most frequent gives CSV_ERR_AMBIGUOUS.  A BOM is skipped.
 */
extern CsvStatus csv_detect_delimiter(const char *data, size_t len, char *delimiter);

/* Start reading data (a BOM is skipped) with the given delimiter. */
extern void csv_init(CsvReader *r, const char *data, size_t len, char delimiter,
					 CsvReallocFn realloc_fn);

/*
 * Read the next record.  On CSV_RECORD the fields are in r->fields/r->buf and
 * r->record_line is its first line.  After CSV_ERR_JUNK the fields read so far
 * are kept (the offending field holds what came before the junk), and the next
 * call resumes at the next line break; CSV_ERR_UNTERMINATED consumes the rest
 * of the input.
 */
extern CsvStatus csv_next(CsvReader *r);

/* Release the reader's buffers (with realloc_fn(ptr, 0)). */
extern void csv_free(CsvReader *r);

/* A sentence describing an error status, for messages. */
extern const char *csv_status_message(CsvStatus status);

#endif							/* PUBFIN_CSV_H */
