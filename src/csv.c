/*
 * csv.c: the CSV reader core, in plain C (see csv.h for what it accepts).
 *
 * No server headers here: the SQL functions that use it live in csv_sql.c.
 */
#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "csv.h"

/* Length of a UTF-8 byte order mark at the start of data (3 or 0). */
size_t
csv_bom_length(const char *data, size_t len)
{
	if (len >= 3 && (unsigned char) data[0] == 0xEF &&
		(unsigned char) data[1] == 0xBB && (unsigned char) data[2] == 0xBF)
		return 3;
	return 0;
}

/* Choose the delimiter among ',', ';' and tab from the first record. */
CsvStatus
csv_detect_delimiter(const char *data, size_t len, char *delimiter)
{
	static const char candidates[3] = {',', ';', '\t'};
	size_t		counts[3] = {0, 0, 0};
	size_t		pos = csv_bom_length(data, len);
	bool		in_quotes = false;
	size_t		best = 0;
	int			nbest = 0;
	int			i;

	for (; pos < len; pos++)
	{
		char		c = data[pos];

		if (c == '"')
			in_quotes = !in_quotes; /* a doubled quote toggles twice */
		else if (in_quotes)
			continue;
		else if (c == '\n' || c == '\r')
		{
			if (counts[0] + counts[1] + counts[2] > 0)
				break;
			/* blank lines before the header are skipped like csv_next does */
		}
		else if (c == ',')
			counts[0]++;
		else if (c == ';')
			counts[1]++;
		else if (c == '\t')
			counts[2]++;
	}
	for (i = 0; i < 3; i++)
	{
		if (counts[i] > best)
		{
			best = counts[i];
			nbest = 1;
			*delimiter = candidates[i];
		}
		else if (counts[i] == best && best > 0)
			nbest++;
	}
	if (best == 0)
	{
		*delimiter = ',';
		return CSV_RECORD;
	}
	return nbest == 1 ? CSV_RECORD : CSV_ERR_AMBIGUOUS;
}

/* Start reading data (a BOM is skipped) with the given delimiter. */
void
csv_init(CsvReader *r, const char *data, size_t len, char delimiter,
		 CsvReallocFn realloc_fn)
{
	memset(r, 0, sizeof(*r));
	r->data = data;
	r->len = len;
	r->pos = csv_bom_length(data, len);
	r->delimiter = delimiter;
	r->line = 1;
	r->realloc_fn = realloc_fn;
}

/* Make room for n more bytes in the field buffer. */
static bool
reserve_bytes(CsvReader *r, size_t n)
{
	size_t		cap;
	char	   *p;

	if (r->buf_len + n <= r->buf_cap)
		return true;
	cap = r->buf_cap ? r->buf_cap : 256;
	while (cap < r->buf_len + n)
		cap *= 2;
	p = r->realloc_fn(r->buf, cap);
	if (p == NULL)
		return false;
	r->buf = p;
	r->buf_cap = cap;
	return true;
}

/* Append n bytes to the field buffer. */
static bool
append_bytes(CsvReader *r, const char *s, size_t n)
{
	if (n == 0)
		return true;
	if (!reserve_bytes(r, n))
		return false;
	memcpy(r->buf + r->buf_len, s, n);
	r->buf_len += n;
	return true;
}

/* Close the current field, which started at buffer offset off. */
static bool
push_field(CsvReader *r, size_t off, bool quoted)
{
	if (r->nfields == r->fields_cap)
	{
		int			cap = r->fields_cap ? r->fields_cap * 2 : 32;
		CsvField   *f = r->realloc_fn(r->fields, (size_t) cap * sizeof(CsvField));

		if (f == NULL)
			return false;
		r->fields = f;
		r->fields_cap = cap;
	}
	r->fields[r->nfields].off = off;
	r->fields[r->nfields].len = r->buf_len - off;
	r->fields[r->nfields].quoted = quoted;
	r->nfields++;
	/* each field is followed by a NUL in buf, so that it can be read in place */
	return append_bytes(r, "", 1);
}

/* Count the line breaks (LF, CRLF, lone CR) in data[from, to). */
static int
count_lines(const char *data, size_t from, size_t to, size_t len)
{
	int			n = 0;
	size_t		i;

	for (i = from; i < to; i++)
	{
		if (data[i] == '\n')
			n++;
		else if (data[i] == '\r' && (i + 1 >= len || data[i + 1] != '\n'))
			n++;
	}
	return n;
}

/* At a line break (CR, LF or CRLF): step over it. */
static void
skip_line_break(CsvReader *r)
{
	if (r->data[r->pos] == '\r' && r->pos + 1 < r->len && r->data[r->pos + 1] == '\n')
		r->pos += 2;
	else
		r->pos++;
	r->line++;
}

/* Read the next record (see csv.h). */
CsvStatus
csv_next(CsvReader *r)
{
	const char *data = r->data;
	size_t		len = r->len;
	char		delim = r->delimiter;

	/* lines without any byte are not records */
	while (r->pos < len && (data[r->pos] == '\n' || data[r->pos] == '\r'))
		skip_line_break(r);
	if (r->pos >= len)
		return CSV_END;

	r->record_line = r->line;
	r->nfields = 0;
	r->buf_len = 0;

	for (;;)
	{
		size_t		off = r->buf_len;

		if (r->pos < len && data[r->pos] == '"')
		{
			size_t		open_pos = r->pos;
			int			open_line = r->line;

			r->pos++;
			for (;;)
			{
				const char *q = memchr(data + r->pos, '"', len - r->pos);
				size_t		qpos;

				if (q == NULL)
				{
					append_bytes(r, data + r->pos, len - r->pos);
					push_field(r, off, true);
					r->error_line = open_line;
					r->error_pos = open_pos;
					r->line += count_lines(data, r->pos, len, len);
					r->pos = len;
					return CSV_ERR_UNTERMINATED;
				}
				qpos = (size_t) (q - data);
				if (!append_bytes(r, data + r->pos, qpos - r->pos))
					return CSV_ERR_NOMEM;
				r->line += count_lines(data, r->pos, qpos, len);
				r->pos = qpos + 1;
				if (r->pos < len && data[r->pos] == '"')
				{
					if (!append_bytes(r, "\"", 1))
						return CSV_ERR_NOMEM;
					r->pos++;
					continue;
				}
				break;
			}
			if (!push_field(r, off, true))
				return CSV_ERR_NOMEM;
			if (r->pos >= len)
				return CSV_RECORD;
			if (data[r->pos] == delim)
			{
				r->pos++;
				continue;
			}
			if (data[r->pos] == '\n' || data[r->pos] == '\r')
			{
				skip_line_break(r);
				return CSV_RECORD;
			}
			/* junk after the closing quote: resume at the next line break */
			r->error_line = r->line;
			r->error_pos = r->pos;
			while (r->pos < len && data[r->pos] != '\n' && data[r->pos] != '\r')
				r->pos++;
			if (r->pos < len)
				skip_line_break(r);
			return CSV_ERR_JUNK;
		}
		else
		{
			size_t		start = r->pos;
			size_t		end = start;

			while (end < len && data[end] != delim && data[end] != '\n' && data[end] != '\r')
				end++;
			if (!append_bytes(r, data + start, end - start) || !push_field(r, off, false))
				return CSV_ERR_NOMEM;
			r->pos = end;
			if (end >= len)
				return CSV_RECORD;
			if (data[end] == delim)
			{
				r->pos++;
				continue;
			}
			skip_line_break(r);
			return CSV_RECORD;
		}
	}
}

/* Release the reader's buffers. */
void
csv_free(CsvReader *r)
{
	if (r->buf)
		r->realloc_fn(r->buf, 0);
	if (r->fields)
		r->realloc_fn(r->fields, 0);
	r->buf = NULL;
	r->fields = NULL;
	r->buf_cap = 0;
	r->fields_cap = 0;
}

/* A sentence describing an error status, for messages. */
const char *
csv_status_message(CsvStatus status)
{
	switch (status)
	{
		case CSV_RECORD:
			return "a record was read";
		case CSV_END:
			return "end of input";
		case CSV_ERR_UNTERMINATED:
			return "a quoted field has no closing quote";
		case CSV_ERR_JUNK:
			return "a closing quote is followed by something other than a delimiter or a line break";
		case CSV_ERR_NOMEM:
			return "out of memory";
		case CSV_ERR_AMBIGUOUS:
			return "two candidate delimiters appear equally often in the header";
	}
	return "unknown status";
}
