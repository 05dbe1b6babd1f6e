// SPDX-License-Identifier: GPL-2.0
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "test.h"

static char *out;
static size_t outlen;
static FILE *f;
static struct json j;

static void begin(void)
{
	f = open_memstream(&out, &outlen);
	json_init(&j, f);
}

static bool end_is(const char *want)
{
	bool ok;

	fclose(f);
	ok = !strcmp(out, want);
	if (!ok)
		fprintf(stderr, "got:  %s\nwant: %s\n", out, want);
	free(out);
	return ok;
}

static void nested_document(void)
{
	begin();
	json_arr_open(&j, NULL);
	json_obj_open(&j, NULL);
	json_str(&j, "dev", "eth0");
	json_uint(&j, "vrid", 51);
	json_bool(&j, "preempt", true);
	json_str(&j, "master_addr", NULL);
	json_arr_open(&j, "vips");
	json_str(&j, NULL, "192.0.2.10/24");
	json_str(&j, NULL, "192.0.2.11/32");
	json_arr_close(&j);
	json_obj_open(&j, "stats");
	json_uint(&j, "adverts_tx", 18446744073709551615ULL);
	json_obj_close(&j);
	json_obj_close(&j);
	json_obj_open(&j, NULL);
	json_obj_close(&j);
	json_arr_close(&j);
	EXPECT(end_is("[{\"dev\":\"eth0\",\"vrid\":51,\"preempt\":true,"
		      "\"master_addr\":null,\"vips\":[\"192.0.2.10/24\","
		      "\"192.0.2.11/32\"],\"stats\":{\"adverts_tx\":"
		      "18446744073709551615}},{}]\n"));
}

static void empty_array(void)
{
	begin();
	json_arr_open(&j, NULL);
	json_arr_close(&j);
	EXPECT(end_is("[]\n"));
}

/* monitor writes one document per line with the same writer. */
static void documents_per_line(void)
{
	begin();
	json_obj_open(&j, NULL);
	json_uint(&j, "a", 1);
	json_obj_close(&j);
	json_obj_open(&j, NULL);
	json_uint(&j, "b", 2);
	json_obj_close(&j);
	EXPECT(end_is("{\"a\":1}\n{\"b\":2}\n"));
}

static void escapes(void)
{
	begin();
	json_str(&j, NULL, "q\"b\\n\n\t\x01\x7f");
	EXPECT(end_is("\"q\\\"b\\\\n\\u000a\\u0009\\u0001\\u007f\""));
}

static void utf8_kept_invalid_replaced(void)
{
	begin();
	json_str(&j, NULL, "\xc3\xa9-\xff-\xc3-\xed\xa0\x80-\xc0\xaf");
	EXPECT(end_is("\"\xc3\xa9-\\ufffd-\\ufffd-\\ufffd\\ufffd\\ufffd-\\ufffd\\ufffd\""));
}

static void pretty(void)
{
	json_pretty = true;
	begin();
	json_arr_open(&j, NULL);
	json_obj_open(&j, NULL);
	json_str(&j, "dev", "eth0");
	json_arr_open(&j, "vips");
	json_str(&j, NULL, "192.0.2.10/24");
	json_arr_close(&j);
	json_arr_open(&j, "peers");
	json_arr_close(&j);
	json_obj_close(&j);
	json_arr_close(&j);
	json_pretty = false;
	EXPECT(end_is("[\n"
		      "    {\n"
		      "        \"dev\": \"eth0\",\n"
		      "        \"vips\": [\n"
		      "            \"192.0.2.10/24\"\n"
		      "        ],\n"
		      "        \"peers\": []\n"
		      "    }\n"
		      "]\n"));
}

const struct test json_tests[] = {
	{ "json: -p indents, empty containers stay short", pretty },
	{ "json: nested document", nested_document },
	{ "json: empty array", empty_array },
	{ "json: one document per line", documents_per_line },
	{ "json: quotes, backslashes, control characters", escapes },
	{ "json: UTF-8 kept, invalid bytes replaced", utf8_kept_invalid_replaced },
	{ NULL, NULL },
};
