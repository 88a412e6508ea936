/*
 * fuzz_csv.c: libFuzzer harness for the CSV reader (csv.c) that csv_rows and
 * scdl_read share.
 *
 * fuzz-sources: src/csv.c
 *
 * Every input is read to its end with each delimiter (and the one
 * csv_detect_delimiter finds).  Properties of each record: every field lies
 * inside the reader's buffer, in order, without overlap, and is followed by
 * a NUL (scdl_read reads fields in place); an unquoted field holds no
 * delimiter and no line break; record lines never go back; every call either
 * consumes input or ends the file, so the reader stops.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"

/* Report a broken property, then abort. */
static void
fail(const char *what, char delimiter, int record)
{
	fprintf(stderr, "property failed: %s (delimiter '%c', record %d)\n", what, delimiter, record);
	abort();
}

/* The allocator the reader is given: realloc, and free for size 0. */
static void *
fuzz_realloc(void *ptr, size_t size)
{
	if (size == 0)
	{
		free(ptr);
		return NULL;
	}
	return realloc(ptr, size);
}

/* Read the whole input with one delimiter, checking every record. */
static void
read_all(const char *input, size_t size, char delimiter)
{
	CsvReader	r;
	CsvStatus	status;
	int			records = 0;
	int			last_line = 0;

	csv_init(&r, input, size, delimiter, fuzz_realloc);
	for (;;)
	{
		size_t		before = r.pos;
		size_t		end = 0;
		int			i;

		status = csv_next(&r);
		if (status == CSV_END)
			break;
		if (status == CSV_ERR_NOMEM)
			fail("no allocation fails here", delimiter, records);
		if (r.pos <= before && status != CSV_ERR_UNTERMINATED)
			fail("each record consumes input", delimiter, records);
		if (r.record_line < last_line || r.record_line < 1)
			fail("record lines start at 1 and never go back", delimiter, records);
		last_line = r.record_line;
		for (i = 0; i < r.nfields; i++)
		{
			const CsvField *f = &r.fields[i];

			if (f->off < end || f->off + f->len >= r.buf_len + (r.buf_len == 0))
				fail("fields lie in the buffer, in order, without overlap", delimiter, records);
			if (r.buf[f->off + f->len] != '\0')
				fail("each field is followed by a NUL", delimiter, records);
			if (!f->quoted && (memchr(r.buf + f->off, delimiter, f->len) != NULL ||
							   memchr(r.buf + f->off, '\n', f->len) != NULL ||
							   memchr(r.buf + f->off, '\r', f->len) != NULL))
				fail("an unquoted field holds no delimiter and no line break", delimiter, records);
			end = f->off + f->len + 1;
		}
		if (++records > (int) size + 2)
			fail("the reader stops", delimiter, records);
		if (status == CSV_ERR_UNTERMINATED)
			break;
	}
	csv_free(&r);
}

/* libFuzzer entry point: one input, every delimiter. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char delimiters[] = {',', ';', '\t'};
	char	   *input = malloc(size ? size : 1);
	char		detected = ',';
	size_t		k;

	if (size)
		memcpy(input, data, size);
	for (k = 0; k < sizeof(delimiters); k++)
		read_all(input, size, delimiters[k]);
	if (csv_detect_delimiter(input, size, &detected) == CSV_RECORD)
		read_all(input, size, detected);
	free(input);
	return 0;
}
