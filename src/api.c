/*
 * api.c - JSON request bodies as form fields.
 *
 * Owns: the JSON-object-to-kvlist step of every API write.
 * Not here: validation rules (val.c), JSON parsing limits (jsonx.c).
 */
#include "api.h"

#include <string.h>

#include <json-c/json.h>

#include "jsonx.h"
#include "banned.h"

int
api_body_form(struct req *r, struct resp *s, struct kvlist *out)
{
	struct json_object	*doc;
	const char		*why = NULL;
	struct buf		 msg = BUF_INIT;

	if (r->body == NULL || r->body_len == 0) {
		resp_error(r, s, 400, "The request needs a JSON object body.");
		return -1;
	}
	if ((doc = jsonx_parse(r->body, r->body_len, &why)) == NULL ||
	    !json_object_is_type(doc, json_type_object)) {
		buf_addf(&msg, "The body is not a JSON object%s%s.",
		    why ? ": " : "", why ? why : "");
		resp_error(r, s, 400, msg.ptr);
		buf_release(&msg);
		json_object_put(doc);
		return -1;
	}
	json_object_object_foreach(doc, key, val) {
		switch (json_object_get_type(val)) {
		case json_type_string:
			kvlist_add(out, key, strlen(key),
			    json_object_get_string(val),
			    (size_t)json_object_get_string_len(val));
			break;
		case json_type_null:
			break;		/* the same as absent */
		default:
			buf_addf(&msg, "%.64s must be a string.", key);
			resp_error(r, s, 400, msg.ptr);
			buf_release(&msg);
			json_object_put(doc);
			return -1;
		}
	}
	json_object_put(doc);
	return 0;
}
