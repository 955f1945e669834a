/*
 * resp.c - building answers: status, headers, cookies, HTML, JSON.
 *
 * Owns: struct resp's contents and the shape of error answers (JSON
 * {"error"} for API and webhook clients, the error page for people).
 * Not here: writing to FastCGI (app.c) or page layout (page.c).
 */
#include "app.h"

#include <string.h>

#include <json-c/json.h>

#include "cfg.h"
#include "log.h"
#include "page.h"
#include "tmpl.h"
#include "banned.h"

void
resp_header(struct resp *s, const char *name, const char *value)
{
	size_t	 i;

	buf_adds(&s->headers, name);
	buf_adds(&s->headers, ": ");
	/* A header value never carries a line break. */
	for (i = 0; value[i] != '\0'; i++)
		buf_addc(&s->headers, value[i] == '\r' || value[i] == '\n' ?
		    ' ' : value[i]);
	buf_adds(&s->headers, "\r\n");
}

void
resp_text(struct resp *s, int status, const char *text)
{
	s->status = status;
	s->ctype = "text/plain; charset=utf-8";
	buf_reset(&s->body);
	buf_adds(&s->body, text);
}

void
resp_html(struct resp *s, int status, struct buf *html)
{
	s->status = status;
	s->ctype = "text/html; charset=utf-8";
	buf_release(&s->body);
	s->body = *html;
	buf_init(html);
}

void
resp_json(struct resp *s, int status, struct json_object *obj)
{
	const char	*txt;

	s->status = status;
	s->ctype = "application/json";
	buf_reset(&s->body);
	txt = json_object_to_json_string_ext(obj, JSON_C_TO_STRING_PLAIN |
	    JSON_C_TO_STRING_NOSLASHESCAPE);
	buf_adds(&s->body, txt);
	json_object_put(obj);
}

void
resp_redirect(struct resp *s, const char *location)
{
	s->status = 303;
	resp_header(s, "Location", location);
	buf_reset(&s->body);
}

void
resp_cookie(struct resp *s, const char *name, const char *value,
    long max_age, bool http_only)
{
	struct buf	 b = BUF_INIT;

	buf_addf(&b, "%s=%s; Path=/; SameSite=Lax%s%s", name, value,
	    http_only ? "; HttpOnly" : "", cfg.secure_cookies ? "; Secure" : "");
	if (max_age >= 0)
		buf_addf(&b, "; Max-Age=%ld", max_age);
	resp_header(s, "Set-Cookie", b.ptr);
	buf_release(&b);
}

void
resp_error(struct req *r, struct resp *s, int status, const char *msg)
{
	struct tmpl_dict	*d;
	struct page		 pg;
	struct buf		 html = BUF_INIT;

	if (req_wants_json(r)) {
		struct json_object *o = json_object_new_object();

		json_object_object_add(o, "error", json_object_new_string(msg));
		resp_json(s, status, o);
		return;
	}
	memset(&pg, 0, sizeof(pg));
	pg.title = status >= 500 ? "Something went wrong" : "Sorry";
	pg.body_tpl = "error.tpl";
	if (r->auth.ok) {
		pg.user_name = r->auth.user_name;
		pg.tenant_name = r->auth.tenant_name;
		pg.csrf = r->auth.csrf;
	}
	d = tmpl_dict_new();
	tmpl_set_int(d, "STATUS", status);
	tmpl_set(d, "MESSAGE", msg);
	if (page_render(&pg, d, &html) == 0)
		resp_html(s, status, &html);
	else
		resp_text(s, status, msg);
	buf_release(&html);
	tmpl_dict_free(d);
}

int
resp_db_error(struct req *r, struct resp *s)
{
	switch (r->db->err) {
	case DB_ERR_CONN:
		resp_error(r, s, 503, "The database is unavailable; try again.");
		return 0;
	case DB_ERR_UNIQUE:
		resp_error(r, s, 409, "That already exists.");
		return 0;
	default:
		resp_error(r, s, 500, "The server failed.");
		return 0;
	}
}
