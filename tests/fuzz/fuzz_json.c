/*
 * fuzz_json.c - libFuzzer target: jsonx_parse() and the getters.
 *
 * Owns: parsing arbitrary bytes as JSON and, when that works, reading a
 * few members and paths of every type from the document.
 */
#include <stddef.h>
#include <stdint.h>

#include <json-c/json.h>

#include "jsonx.h"
#include "banned.h"

int	 LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct json_object	*o, *v;
	const char		*why, *s;
	int64_t			 n;
	bool			 b, found;

	if ((o = jsonx_parse((const char *)data, size, &why)) == NULL)
		return 0;
	(void)jsonx_str(o, "name", &s, &found);
	(void)jsonx_int64(o, "id", &n, &found);
	(void)jsonx_bool(o, "ok", &b, &found);
	(void)jsonx_obj(o, "payload", &v, &found);
	(void)jsonx_arr(o, "items", &v, &found);
	(void)jsonx_path_str(o, "payload.candidate.first_name", &s, &found);
	(void)jsonx_path_int64(o, "payload.application.id", &n, &found);
	if (json_object_is_type(o, json_type_array) &&
	    json_object_array_length(o) > 0) {
		v = json_object_array_get_idx(o, 0);
		(void)jsonx_as_str(v, &s);
		(void)jsonx_as_int64(v, &n);
	}
	json_object_put(o);
	return 0;
}
