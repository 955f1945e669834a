/*
 * test_tmpl.c - the ctemplate bridge (tmpl.cc) and the layouts (page.c).
 *
 * Bridge tests build throwaway template directories under /tmp; layout
 * tests load the real templates/ (the test runs from the repo root) and
 * diff whole pages against the .html files in tests/unit/expected/.
 * After a deliberate template change, regenerate those with
 *   TMPL_UPDATE_EXPECTED=1 build/asan/unit/test_tmpl
 * and read the diff before committing it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "buf.h"
#include "page.h"
#include "tmpl.h"

#include "banned.h"

#define PRAGMA	"{{%AUTOESCAPE context=\"HTML\"}}\n"
#define EXPECTED_DIR	"tests/unit/expected"

/* ---- helpers --------------------------------------------------------- */

struct tdir {
	char	 path[64];
	char	 names[8][32];
	int	 n;
};

static void
tdir_make(struct tdir *t)
{
	memset(t, 0, sizeof(*t));
	snprintf(t->path, sizeof(t->path), "/tmp/loop-tmpl-XXXXXX");
	assert_non_null(mkdtemp(t->path));
}

static void
tdir_put(struct tdir *t, const char *name, const char *text)
{
	char	 p[128];
	FILE	*f;

	assert_true(t->n < 8);
	snprintf(t->names[t->n++], sizeof(t->names[0]), "%s", name);
	snprintf(p, sizeof(p), "%s/%s", t->path, name);
	assert_non_null(f = fopen(p, "w"));
	assert_int_equal(fputs(text, f) >= 0, 1);
	assert_int_equal(fclose(f), 0);
}

static void
tdir_remove(struct tdir *t)
{
	char	 p[128];
	int	 i;

	for (i = 0; i < t->n; i++) {
		snprintf(p, sizeof(p), "%s/%s", t->path, t->names[i]);
		unlink(p);
	}
	rmdir(t->path);
}

/* Loads one template dir holding only "t.tpl" = PRAGMA + body. */
static void
load_one(struct tdir *t, const char *body)
{
	struct buf	 b = BUF_INIT;

	tdir_make(t);
	buf_adds(&b, PRAGMA);
	buf_adds(&b, body);
	tdir_put(t, "t.tpl", b.ptr);
	buf_release(&b);
	assert_int_equal(tmpl_init(t->path), 0);
}

static char *
slurp(const char *path)
{
	struct buf	 b = BUF_INIT;
	char		 chunk[4096];
	size_t		 n;
	FILE		*f;

	if ((f = fopen(path, "r")) == NULL)
		return NULL;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_add(&b, chunk, n);
	fclose(f);
	return buf_detach(&b, NULL);
}

/* The whole of got must equal tests/unit/expected/name, byte for byte. */
static void
expect_file(const char *name, const char *got)
{
	char	 path[256];
	char	*want;
	FILE	*f;

	snprintf(path, sizeof(path), "%s/%s", EXPECTED_DIR, name);
	if (getenv("TMPL_UPDATE_EXPECTED") != NULL) {
		assert_non_null(f = fopen(path, "w"));
		fputs(got, f);
		fclose(f);
		return;
	}
	if ((want = slurp(path)) == NULL)
		fail_msg("cannot read %s (run from the repo root)", path);
	if (strcmp(want, got) != 0) {
		snprintf(path, sizeof(path), "/tmp/loop-tmpl-actual-%s", name);
		if ((f = fopen(path, "w")) != NULL) {
			fputs(got, f);
			fclose(f);
		}
		free(want);
		fail_msg("%s differs: diff -u %s/%s %s", name, EXPECTED_DIR,
		    name, path);
	}
	free(want);
}

static void
assert_has(const char *hay, const char *needle)
{
	if (strstr(hay, needle) == NULL)
		fail_msg("missing [%s] in:\n%s", needle, hay);
}

static void
assert_lacks(const char *hay, const char *needle)
{
	if (strstr(hay, needle) != NULL)
		fail_msg("unexpected [%s] in:\n%s", needle, hay);
}

/* ---- the bridge ------------------------------------------------------ */

static void
escapes_text_and_attributes(void **state)
{
	struct tdir		 t;
	struct tmpl_dict	*d = tmpl_dict_new();
	struct buf		 out = BUF_INIT;

	(void)state;
	load_one(&t, "<p title=\"{{V}}\">{{V}}</p>\n");
	tmpl_set(d, "V", "<script>alert(\"x\")</script>' & \"");
	assert_int_equal(tmpl_render("t.tpl", d, &out), 0);
	assert_lacks(out.ptr, "<script>");
	assert_string_equal(out.ptr, "<p title=\"&lt;script&gt;alert(&quot;x"
	    "&quot;)&lt;/script&gt;&#39; &amp; &quot;\">&lt;script&gt;alert("
	    "&quot;x&quot;)&lt;/script&gt;&#39; &amp; &quot;</p>\n");
	buf_release(&out);
	tmpl_dict_free(d);
	tdir_remove(&t);
}

static void
neutralises_javascript_urls(void **state)
{
	struct tdir		 t;
	struct tmpl_dict	*d = tmpl_dict_new();
	struct buf		 out = BUF_INIT;

	(void)state;
	load_one(&t, "<a href=\"{{U}}\">a</a><img src=\"{{W}}\" alt=\"\">"
	    "<a href=\"/people?q={{Q:u}}\">q</a>\n");
	tmpl_set(d, "U", "javascript:alert(1)");
	tmpl_set(d, "W", " JaVaScRiPt:alert(1)");
	tmpl_set(d, "Q", "a&b c\"<");
	assert_int_equal(tmpl_render("t.tpl", d, &out), 0);
	assert_lacks(out.ptr, "avascript");
	assert_string_equal(out.ptr, "<a href=\"#\">a</a><img src=\"#\" "
	    "alt=\"\"><a href=\"/people?q=a%26b+c%22%3C\">q</a>\n");
	buf_release(&out);
	tmpl_dict_free(d);
	tdir_remove(&t);
}

static void
sections_rows_and_ints(void **state)
{
	struct tdir		 t;
	struct tmpl_dict	*d = tmpl_dict_new(), *row;
	struct buf		 out = BUF_INIT;

	(void)state;
	load_one(&t, "{{#R}}[{{N}}{{#ON}}*{{/ON}} {{P}}]{{/R}}"
	    "{{#HIDDEN}}no{{/HIDDEN}}{{#S}}shown{{/S}}\n");
	tmpl_set(d, "P", "parent");
	row = tmpl_section_add(d, "R");
	tmpl_set_int(row, "N", -9223372036854775807LL - 1);
	tmpl_section_show(row, "ON");
	row = tmpl_section_add(d, "R");
	tmpl_set_int(row, "N", 42);
	tmpl_set(row, "P", NULL);	/* stored as "" */
	tmpl_section_show(d, "S");
	tmpl_section_show(d, "S");	/* once is once */
	assert_int_equal(tmpl_render("t.tpl", d, &out), 0);
	assert_string_equal(out.ptr,
	    "[-9223372036854775808* parent][42 ]shown\n");
	buf_release(&out);
	tmpl_dict_free(d);
	tdir_remove(&t);
}

static void
show_after_rows_adds_no_row(void **state)
{
	struct tdir		 t;
	struct tmpl_dict	*d = tmpl_dict_new();
	struct buf		 out = BUF_INIT;

	(void)state;
	load_one(&t, "{{#R}}<{{X}}>{{/R}}\n");
	tmpl_set(tmpl_section_add(d, "R"), "X", "a");
	tmpl_section_show(d, "R");
	assert_int_equal(tmpl_render("t.tpl", d, &out), 0);
	assert_string_equal(out.ptr, "<a>\n");
	buf_release(&out);
	tmpl_dict_free(d);
	tdir_remove(&t);
}

static void
set_shown_only_with_text(void **state)
{
	struct tdir		 t;
	struct tmpl_dict	*d = tmpl_dict_new();
	struct buf		 out = BUF_INIT;

	(void)state;
	load_one(&t, "{{#E}}<b>{{E}}</b>{{/E}}{{#F}}f{{/F}}{{#G}}g{{/G}}.\n");
	tmpl_set_shown(d, "E", "bad & wrong");
	tmpl_set_shown(d, "F", "");
	tmpl_set_shown(d, "G", NULL);
	assert_int_equal(tmpl_render("t.tpl", d, &out), 0);
	assert_string_equal(out.ptr, "<b>bad &amp; wrong</b>.\n");
	buf_release(&out);
	tmpl_dict_free(d);
	tdir_remove(&t);
}

static void
include_and_globals(void **state)
{
	struct tdir		 t;
	struct tmpl_dict	*d = tmpl_dict_new(), *in;
	struct buf		 out = BUF_INIT;

	(void)state;
	tdir_make(&t);
	tdir_put(&t, "outer.tpl", PRAGMA "<div>{{A}}|{{>INC}}</div>\n");
	tdir_put(&t, "inner.tpl", PRAGMA "<i>{{A}}/{{B}}/{{G}}</i>\n");
	assert_int_equal(tmpl_init(t.path), 0);
	tmpl_set(d, "A", "outer");
	tmpl_set_global(d, "G", "<g>");
	in = tmpl_include(d, "INC", "inner.tpl");
	assert_non_null(in);
	tmpl_set(in, "B", "<b>");
	/* an include sees its own values and globals, not its parent's */
	assert_int_equal(tmpl_render("outer.tpl", d, &out), 0);
	assert_string_equal(out.ptr,
	    "<div>outer|<i>/&lt;b&gt;/&lt;g&gt;</i>\n</div>\n");
	buf_reset(&out);
	tmpl_set(in, "G", "local");	/* a local value wins */
	assert_int_equal(tmpl_render("outer.tpl", d, &out), 0);
	assert_string_equal(out.ptr, "<div>outer|<i>/&lt;b&gt;/local</i>\n"
	    "</div>\n");
	buf_release(&out);
	tmpl_dict_free(d);
	tdir_remove(&t);
}

static void
attach_borrows_and_loops_fail(void **state)
{
	struct tdir		 t;
	struct tmpl_dict	*d = tmpl_dict_new(), *child = tmpl_dict_new();
	struct buf		 out = BUF_INIT;

	(void)state;
	tdir_make(&t);
	tdir_put(&t, "outer.tpl", PRAGMA "[{{>INC}}]\n");
	tdir_put(&t, "inner.tpl", PRAGMA "{{C}}");
	assert_int_equal(tmpl_init(t.path), 0);
	tmpl_set(child, "C", "child");
	tmpl_attach(d, "INC", "inner.tpl", child);
	tmpl_attach(d, "INC", "inner.tpl", child);	/* twice: twice */
	assert_int_equal(tmpl_render("outer.tpl", d, &out), 0);
	assert_string_equal(out.ptr, "[childchild]\n");
	tmpl_dict_free(d);		/* child is still ours */
	tmpl_set(child, "C", "still here");
	buf_reset(&out);
	assert_int_equal(tmpl_render("inner.tpl", child, &out), 0);
	assert_string_equal(out.ptr, "still here");
	/* a dictionary attached to itself is refused, not recursed forever */
	tmpl_attach(child, "INC", "outer.tpl", child);
	buf_reset(&out);
	assert_int_equal(tmpl_render("inner.tpl", child, &out), -1);
	assert_int_equal(out.len, 0);
	buf_release(&out);
	tmpl_dict_free(child);
	tdir_remove(&t);
}

static void
render_failures_leave_out_alone(void **state)
{
	struct tdir		 t;
	struct tmpl_dict	*d = tmpl_dict_new();
	struct buf		 out = BUF_INIT;

	(void)state;
	load_one(&t, "x{{>INC}}\n");
	buf_adds(&out, "kept");
	assert_int_equal(tmpl_render("nosuch.tpl", d, &out), -1);
	assert_int_equal(tmpl_render("../t.tpl", d, &out), -1);
	assert_int_equal(tmpl_render(NULL, d, &out), -1);
	/* an include naming a template that was never loaded */
	tmpl_include(d, "INC", "missing.tpl");
	assert_int_equal(tmpl_render("t.tpl", d, &out), -1);
	assert_string_equal(out.ptr, "kept");
	/* NULL dictionary: everything empty, sections hidden */
	assert_int_equal(tmpl_render("t.tpl", NULL, &out), 0);
	assert_string_equal(out.ptr, "keptx\n");
	/* NULL arguments to setters are ignored */
	tmpl_set(NULL, "K", "v");
	tmpl_set(d, NULL, "v");
	assert_null(tmpl_section_add(NULL, "R"));
	assert_null(tmpl_include(d, "INC", NULL));
	tmpl_dict_free(NULL);
	buf_release(&out);
	tmpl_dict_free(d);
	tdir_remove(&t);
}

/* Each bad file fails tmpl_init; the set loaded before stays in force. */
static void
init_refuses_bad_templates(void **state)
{
	static const char *const bad[] = {
		"<p>{{X}}</p>\n",				/* no pragma */
		"\n" PRAGMA "<p>{{X}}</p>\n",			/* not first */
		"{{%AUTOESCAPE context=\"JAVASCRIPT\"}}\nvar x={{X}};\n",
		"{{%AUTOESCAPE context=\"HTML\"}} <p>{{X}}</p>\n",
		PRAGMA "<p>{{X:none}}</p>\n",			/* unescaped */
		PRAGMA "<p>{{X:h:none}}</p>\n",
		PRAGMA "{{>INC:none}}\n",
		PRAGMA "{{=<% %>=}}<p><%X:none%></p>\n",	/* delimiters */
		PRAGMA "<a href={{X}}>x</a>\n",			/* unquoted */
		PRAGMA "{{#S}}<p>{{X}}</p>\n",			/* unclosed */
		PRAGMA "<p>{{X</p>\n",
	};
	struct tdir	 good, t;
	struct buf	 out = BUF_INIT;
	size_t		 i;

	(void)state;
	load_one(&good, "ok\n");
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		tdir_make(&t);
		tdir_put(&t, "fine.tpl", PRAGMA "fine\n");
		tdir_put(&t, "bad.tpl", bad[i]);
		if (tmpl_init(t.path) != -1)
			fail_msg("accepted bad template %zu: %s", i, bad[i]);
		tdir_remove(&t);
	}
	tdir_make(&t);				/* no templates at all */
	assert_int_equal(tmpl_init(t.path), -1);
	tdir_remove(&t);
	assert_int_equal(tmpl_init("/nonexistent/loop/templates"), -1);
	assert_int_equal(tmpl_init(NULL), -1);
	assert_int_equal(tmpl_render("t.tpl", NULL, &out), 0);
	assert_string_equal(out.ptr, "ok\n");
	assert_int_equal(tmpl_render("fine.tpl", NULL, &out), -1);
	buf_release(&out);
	tdir_remove(&good);
}

static void
release_then_render_fails(void **state)
{
	struct tdir	 t;
	struct buf	 out = BUF_INIT;

	(void)state;
	load_one(&t, "x\n");
	tmpl_release();
	assert_int_equal(tmpl_render("t.tpl", NULL, &out), -1);
	tmpl_release();				/* twice is harmless */
	buf_release(&out);
	tdir_remove(&t);
}

/* ---- the layouts, against the real templates ------------------------- */

static int
load_real(void **state)
{
	(void)state;
	return tmpl_init("templates") == 0 ? 0 : -1;
}

static const struct page signed_in = {
	.title = "Dashboard",
	.body_tpl = "dashboard.tpl",
	.user_name = "Ana Lucía Ortega",
	.tenant_name = "Acme <Robotics> & Co",
	.csrf = "csrf-token-1",
	.nav = "dashboard",
};

static void
every_real_template_loads(void **state)
{
	(void)state;
	assert_int_equal(tmpl_init("templates"), 0);
}

static void
page_login(void **state)
{
	struct page	 p = {
		.title = "Sign in", .body_tpl = "login.tpl", .csrf = "tok\"<1>",
	};
	struct buf	 out = BUF_INIT;

	(void)state;
	assert_int_equal(page_render(&p, NULL, &out), 0);
	assert_has(out.ptr, "<input type=\"hidden\" name=\"csrf\" "
	    "value=\"tok&quot;&lt;1&gt;\">");
	assert_lacks(out.ptr, "role=\"alert\"");
	assert_lacks(out.ptr, "<nav");
	assert_lacks(out.ptr, "/logout");
	expect_file("login.html", out.ptr);
	buf_release(&out);
}

static void
page_login_error(void **state)
{
	struct page		 p = {
		.title = "Sign in", .body_tpl = "login.tpl", .csrf = "tok",
	};
	struct tmpl_dict	*body = tmpl_dict_new();
	struct buf		 out = BUF_INIT;

	(void)state;
	tmpl_set(body, "EMAIL", "\"><script>alert(1)</script>@x.test");
	tmpl_set_shown(body, "ERROR", "That email and password do not match.");
	assert_int_equal(page_render(&p, body, &out), 0);
	assert_lacks(out.ptr, "<script>");
	assert_has(out.ptr, "value=\"&quot;&gt;&lt;script&gt;");
	expect_file("login_error.html", out.ptr);
	buf_release(&out);
	tmpl_dict_free(body);
}

static void
page_dashboard(void **state)
{
	struct buf		 out = BUF_INIT;
	struct tmpl_dict	*body = tmpl_dict_new();

	(void)state;
	tmpl_section_show(body, "NO_PINS");	/* dashboard.c: no pins */
	assert_int_equal(page_render(&signed_in, body, &out), 0);
	assert_has(out.ptr, "<a href=\"/\" aria-current=\"page\">Dashboard"
	    "</a>");
	assert_has(out.ptr, "<a href=\"/people\">People</a>");
	assert_has(out.ptr, "<a href=\"/chats\">Chats</a>");
	assert_has(out.ptr, "<a href=\"/templates\">Templates</a>");
	assert_has(out.ptr, "<a href=\"/jobs\">Jobs</a>");
	assert_has(out.ptr, "Acme &lt;Robotics&gt; &amp; Co");
	assert_has(out.ptr, "Welcome back, Ana<");
	assert_has(out.ptr, "No pinned candidates yet");
	expect_file("dashboard.html", out.ptr);
	buf_release(&out);
	tmpl_dict_free(body);
}

static void
page_flash_and_active_nav(void **state)
{
	struct page	 p = signed_in;
	struct buf	 out = BUF_INIT;

	(void)state;
	p.nav = "people";
	p.flash = "Saved <b>";
	p.flash_kind = "error";
	assert_int_equal(page_render(&p, NULL, &out), 0);
	assert_has(out.ptr, "<div class=\"flash flash-error\" role=\"alert\">"
	    "Saved &lt;b&gt;</div>");
	assert_has(out.ptr, "<a href=\"/people\" aria-current=\"page\">");
	assert_has(out.ptr, "<a href=\"/\">Dashboard</a>");
	buf_reset(&out);
	p.flash_kind = "<odd>";			/* anything else is ok */
	p.nav = NULL;
	assert_int_equal(page_render(&p, NULL, &out), 0);
	assert_has(out.ptr, "class=\"flash flash-ok\" role=\"status\"");
	assert_lacks(out.ptr, "aria-current");
	buf_release(&out);
}

static void
page_error_and_body_globals(void **state)
{
	struct page		 p = signed_in;
	struct tmpl_dict	*body = tmpl_dict_new();
	struct buf		 out = BUF_INIT;

	(void)state;
	p.title = "Not found";
	p.body_tpl = "error.tpl";
	p.nav = "people";
	tmpl_set_int(body, "STATUS", 404);
	tmpl_set(body, "MESSAGE", "No person <42> here.");
	assert_int_equal(page_render(&p, body, &out), 0);
	expect_file("error.html", out.ptr);
	buf_reset(&out);
	/* signed out: no nav, no account, the centred card */
	p.user_name = NULL;
	assert_int_equal(page_render(&p, body, &out), 0);
	assert_lacks(out.ptr, "<nav");
	assert_lacks(out.ptr, "Acme");
	assert_has(out.ptr, "class=\"auth-card\"");
	assert_has(out.ptr, "No person &lt;42&gt; here.");
	buf_release(&out);
	tmpl_dict_free(body);
}

static void
page_without_body(void **state)
{
	struct page	 p = signed_in;
	struct buf	 out = BUF_INIT;

	(void)state;
	p.body_tpl = NULL;
	p.title = NULL;
	assert_int_equal(page_render(&p, NULL, &out), 0);
	assert_has(out.ptr, "<title>Loop · Loop</title>");
	assert_lacks(out.ptr, "Welcome");
	buf_reset(&out);
	p.body_tpl = "nosuch.tpl";
	assert_int_equal(page_render(&p, NULL, &out), -1);
	assert_int_equal(out.len, 0);
	assert_int_equal(page_render(NULL, NULL, &out), -1);
	buf_release(&out);
}

static void
page_public_branded(void **state)
{
	struct page_public	 p = {
		.title = "You're subscribed",
		.body_tpl = "public_message.tpl",
		.brand_name = "Acme Careers",
		.brand_color = "#0E7C66",
		.logo_url = "https://cdn.acme.test/logo.svg?a=1&b=2",
		.csrf = "c",
		.style_nonce = "n0nce",
	};
	struct tmpl_dict	*body = tmpl_dict_new();
	struct buf		 out = BUF_INIT;

	(void)state;
	tmpl_set(body, "MESSAGE", "Thanks! Acme can now text you.");
	tmpl_set_shown(body, "DETAIL", "Reply STOP to stop.");
	assert_int_equal(page_render_public(&p, body, &out), 0);
	assert_has(out.ptr, "--brand: #0E7C66; --brand-ink: #ffffff;");
	assert_has(out.ptr, "<style nonce=\"n0nce\">");
	assert_has(out.ptr,
	    "src=\"https://cdn.acme.test/logo.svg?a=1&amp;b=2\"");
	expect_file("public.html", out.ptr);
	buf_release(&out);
	tmpl_dict_free(body);
}

static void
page_public_defaults(void **state)
{
	static const char *const logos[] = {
		"javascript:alert(1)", "//evil.test/x.png", "/\\evil.test",
		"data:image/png;base64,AAAA", "https://", "/a b.png", "",
	};
	struct page_public	 p = {
		.title = "Hi", .body_tpl = "public_message.tpl",
		.brand_color = "red;}body{display:none",
	};
	struct buf		 out = BUF_INIT;
	size_t			 i;

	(void)state;
	for (i = 0; i < sizeof(logos) / sizeof(logos[0]); i++) {
		p.logo_url = logos[i];
		buf_reset(&out);
		assert_int_equal(page_render_public(&p, NULL, &out), 0);
		assert_lacks(out.ptr, "pub-logo");
		assert_has(out.ptr, "<span class=\"pub-name\">Loop</span>");
	}
	assert_has(out.ptr, "--brand: " PAGE_BRAND_DEFAULT ";");
	assert_lacks(out.ptr, "display:none");
	/* a light brand colour gets dark text */
	p.brand_color = "#f5c518";
	p.logo_url = "/static/img/loop-mark.svg";
	buf_reset(&out);
	assert_int_equal(page_render_public(&p, NULL, &out), 0);
	assert_has(out.ptr, "--brand-ink: #111827;");
	assert_has(out.ptr, "<img class=\"pub-logo\" "
	    "src=\"/static/img/loop-mark.svg\" alt=\"Loop\">");
	buf_release(&out);
}

static void
color_check(void **state)
{
	(void)state;
	assert_true(page_color_ok("#000000"));
	assert_true(page_color_ok("#aBcDeF"));
	assert_false(page_color_ok(NULL));
	assert_false(page_color_ok(""));
	assert_false(page_color_ok("#abc"));
	assert_false(page_color_ok("#abcdefa"));
	assert_false(page_color_ok("abcdef1"));
	assert_false(page_color_ok("#abcdeg"));
	assert_false(page_color_ok("#12345;"));
}

int
main(void)
{
	const struct CMUnitTest bridge[] = {
		cmocka_unit_test(escapes_text_and_attributes),
		cmocka_unit_test(neutralises_javascript_urls),
		cmocka_unit_test(sections_rows_and_ints),
		cmocka_unit_test(show_after_rows_adds_no_row),
		cmocka_unit_test(set_shown_only_with_text),
		cmocka_unit_test(include_and_globals),
		cmocka_unit_test(attach_borrows_and_loops_fail),
		cmocka_unit_test(render_failures_leave_out_alone),
		cmocka_unit_test(init_refuses_bad_templates),
		cmocka_unit_test(release_then_render_fails),
	};
	const struct CMUnitTest pages[] = {
		cmocka_unit_test(every_real_template_loads),
		cmocka_unit_test_setup(page_login, load_real),
		cmocka_unit_test_setup(page_login_error, load_real),
		cmocka_unit_test_setup(page_dashboard, load_real),
		cmocka_unit_test_setup(page_flash_and_active_nav, load_real),
		cmocka_unit_test_setup(page_error_and_body_globals, load_real),
		cmocka_unit_test_setup(page_without_body, load_real),
		cmocka_unit_test_setup(page_public_branded, load_real),
		cmocka_unit_test_setup(page_public_defaults, load_real),
		cmocka_unit_test(color_check),
	};
	int	 rc;

	rc = cmocka_run_group_tests_name("tmpl", bridge, NULL, NULL);
	rc += cmocka_run_group_tests_name("page", pages, NULL, NULL);
	tmpl_release();
	return rc == 0 ? 0 : 1;
}
