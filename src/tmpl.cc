/*
 * tmpl.cc - the ctemplate bridge: the only C++ in Loop.
 *
 * Owns: one private ctemplate::TemplateCache holding every .tpl file of
 * templates/, parsed and frozen at worker start; the C-side dictionary
 * tree; turning that tree into a ctemplate::TemplateDictionary per render.
 * Not here: page layout keys (page.c), HTTP (resp.c).
 *
 * Why a tree of our own instead of handing out TemplateDictionary
 * pointers: ctemplate cannot graft an existing dictionary under another,
 * and page_render() must place a handler's finished body dictionary inside
 * the layout. Copying the tree at render time costs microseconds.
 *
 * No exception crosses into C: every extern "C" function catches all.
 * std::bad_alloc aborts, as xmalloc() does; anything else is logged and
 * turned into -1 (or a no-op for the void setters).
 */
#include "tmpl.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <algorithm>
#include <fstream>
#include <memory>
#include <new>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include <ctemplate/template.h>

extern "C" {
#include "buf.h"
#include "log.h"
}

#include "banned.h"

#define TMPL_STRIP	ctemplate::STRIP_BLANK_LINES
#define TMPL_MAXDEPTH	16
#define TMPL_MAXFILE	(1024 * 1024)

struct tmpl_incl;

struct tmpl_dict {
	std::vector<std::pair<std::string, std::string>>	 vals;
	std::vector<std::pair<std::string, std::string>>	 globals;
	std::vector<std::string>				 shown;
	std::vector<std::pair<std::string,
	    std::unique_ptr<tmpl_dict>>>			 rows;
	std::vector<tmpl_incl>					 incls;
};

struct tmpl_incl {
	std::string			 name;
	std::string			 file;
	std::unique_ptr<tmpl_dict>	 own;	/* tmpl_include() */
	const tmpl_dict			*child;	/* own.get() or borrowed */
};

static ctemplate::TemplateCache	*cache;

static const char	 pragma[] = "{{%AUTOESCAPE context=\"HTML\"}}";

[[noreturn]] static void
oom(const char *where)
{
	log_err("tmpl: %s: out of memory", where);
	abort();
}

static std::string
str(const char *s)
{
	return s == NULL ? std::string() : std::string(s);
}

/* ---- checking template sources -------------------------------------- */

/*
 * One tag's text between the braces. Comments and pragmas carry no
 * modifiers; a delimiter change ({{=<% %>=}}) would hide later tags from
 * this check, so it is refused outright.
 */
static bool
tag_ok(const std::string &path, const std::string &tag)
{
	std::stringstream	 mods(tag);
	std::string		 mod;

	if (tag.empty() || tag[0] == '!' || tag[0] == '%')
		return true;
	if (tag[0] == '=') {
		log_err("tmpl: %s: changing delimiters is not allowed",
		    path.c_str());
		return false;
	}
	std::getline(mods, mod, ':');		/* the variable's name */
	while (std::getline(mods, mod, ':'))
		if (mod == "none" || mod.compare(0, 5, "none=") == 0) {
			log_err("tmpl: %s: {{%s}}: the none modifier is not "
			    "allowed", path.c_str(), tag.c_str());
			return false;
		}
	return true;
}

/*
 * The rules ctemplate cannot enforce by itself: the HTML auto-escape
 * pragma alone on the first line (without it nothing is escaped), and
 * no tag that switches escaping off.
 */
static bool
source_ok(const std::string &path, const std::string &text)
{
	size_t	 n = sizeof(pragma) - 1, at, end;

	if (text.compare(0, n, pragma) != 0 ||
	    (text.size() > n && text[n] != '\n' && text[n] != '\r')) {
		log_err("tmpl: %s: first line must be %s", path.c_str(),
		    pragma);
		return false;
	}
	for (at = text.find("{{"); at != std::string::npos;
	    at = text.find("{{", end)) {
		if ((end = text.find("}}", at + 2)) == std::string::npos)
			break;	/* ctemplate reports the open tag */
		if (!tag_ok(path, text.substr(at + 2, end - at - 2)))
			return false;
	}
	return true;
}

static bool
read_file(const std::string &path, std::string *out)
{
	std::ifstream	 in(path, std::ios::binary);

	if (!in)
		return false;
	in.seekg(0, std::ios::end);
	std::streamoff size = in.tellg();
	if (size < 0 || size > TMPL_MAXFILE)
		return false;
	in.seekg(0, std::ios::beg);
	out->resize(static_cast<size_t>(size));
	in.read(&(*out)[0], size);
	return static_cast<bool>(in);
}

/* Names of the .tpl files in dir, sorted so that logs read the same. */
static bool
list_templates(const char *dir, std::vector<std::string> *names)
{
	DIR		*d;
	struct dirent	*de;

	if ((d = opendir(dir)) == NULL) {
		log_err("tmpl: %s: %s", dir, strerror(errno));
		return false;
	}
	while ((de = readdir(d)) != NULL) {
		std::string n = de->d_name;
		if (n.size() > 4 && n[0] != '.' &&
		    n.compare(n.size() - 4, 4, ".tpl") == 0)
			names->push_back(n);
	}
	closedir(d);
	std::sort(names->begin(), names->end());
	return true;
}

static bool
load_all(ctemplate::TemplateCache *c, const char *dir)
{
	std::vector<std::string>	 names;
	bool				 ok = true;

	if (!c->SetTemplateRootDirectory(dir) || !list_templates(dir, &names))
		return false;
	if (names.empty()) {
		log_err("tmpl: %s: no *.tpl files", dir);
		return false;
	}
	for (const std::string &n : names) {
		std::string	 text;

		if (!read_file(std::string(dir) + "/" + n, &text)) {
			log_err("tmpl: %s/%s: cannot read (or over %d bytes)",
			    dir, n.c_str(), TMPL_MAXFILE);
			ok = false;
		} else if (!source_ok(std::string(dir) + "/" + n, text)) {
			ok = false;
		} else if (!c->LoadTemplate(n, TMPL_STRIP)) {
			log_err("tmpl: %s/%s: ctemplate refused it (see above)",
			    dir, n.c_str());
			ok = false;
		}
	}
	return ok;
}

extern "C" int
tmpl_init(const char *dir)
{
	ctemplate::TemplateCache	*c = NULL;

	try {
		c = new ctemplate::TemplateCache();
		if (dir == NULL || !load_all(c, dir)) {
			delete c;
			return -1;
		}
		c->Freeze();
		delete cache;
		cache = c;
		return 0;
	} catch (const std::bad_alloc &) {
		oom("tmpl_init");
	} catch (...) {
		log_err("tmpl: tmpl_init: unexpected C++ exception");
	}
	delete c;
	return -1;
}

extern "C" void
tmpl_release(void)
{
	try {
		delete cache;
	} catch (...) {
		log_err("tmpl: tmpl_release: unexpected C++ exception");
	}
	cache = NULL;
}

/* ---- dictionaries ---------------------------------------------------- */

extern "C" struct tmpl_dict *
tmpl_dict_new(void)
{
	try {
		return new tmpl_dict();
	} catch (...) {
		oom("tmpl_dict_new");
	}
}

extern "C" void
tmpl_dict_free(struct tmpl_dict *d)
{
	try {
		delete d;
	} catch (...) {
		log_err("tmpl: tmpl_dict_free: unexpected C++ exception");
	}
}

extern "C" void
tmpl_set(struct tmpl_dict *d, const char *key, const char *val)
{
	if (d == NULL || key == NULL)
		return;
	try {
		d->vals.emplace_back(key, str(val));
	} catch (...) {
		oom("tmpl_set");
	}
}

extern "C" void
tmpl_set_global(struct tmpl_dict *d, const char *key, const char *val)
{
	if (d == NULL || key == NULL)
		return;
	try {
		d->globals.emplace_back(key, str(val));
	} catch (...) {
		oom("tmpl_set_global");
	}
}

extern "C" void
tmpl_set_int(struct tmpl_dict *d, const char *key, long long n)
{
	if (d == NULL || key == NULL)
		return;
	try {
		d->vals.emplace_back(key, std::to_string(n));
	} catch (...) {
		oom("tmpl_set_int");
	}
}

extern "C" void
tmpl_set_shown(struct tmpl_dict *d, const char *key, const char *val)
{
	tmpl_set(d, key, val);
	if (val != NULL && val[0] != '\0')
		tmpl_section_show(d, key);
}

extern "C" struct tmpl_dict *
tmpl_section_add(struct tmpl_dict *d, const char *section)
{
	if (d == NULL || section == NULL)
		return NULL;
	try {
		d->rows.emplace_back(section,
		    std::unique_ptr<tmpl_dict>(new tmpl_dict()));
		return d->rows.back().second.get();
	} catch (...) {
		oom("tmpl_section_add");
	}
}

extern "C" void
tmpl_section_show(struct tmpl_dict *d, const char *section)
{
	if (d == NULL || section == NULL)
		return;
	try {
		d->shown.emplace_back(section);
	} catch (...) {
		oom("tmpl_section_show");
	}
}

extern "C" struct tmpl_dict *
tmpl_include(struct tmpl_dict *d, const char *name, const char *file)
{
	if (d == NULL || name == NULL || file == NULL)
		return NULL;
	try {
		tmpl_incl	 in;

		in.name = name;
		in.file = file;
		in.own.reset(new tmpl_dict());
		in.child = in.own.get();
		d->incls.push_back(std::move(in));
		return d->incls.back().own.get();
	} catch (...) {
		oom("tmpl_include");
	}
}

extern "C" void
tmpl_attach(struct tmpl_dict *d, const char *name, const char *file,
    const struct tmpl_dict *child)
{
	if (d == NULL || name == NULL || file == NULL || child == NULL)
		return;
	try {
		tmpl_incl	 in;

		in.name = name;
		in.file = file;
		in.child = child;
		d->incls.push_back(std::move(in));
	} catch (...) {
		oom("tmpl_attach");
	}
}

/* ---- rendering ------------------------------------------------------- */

/*
 * Copies d into td. Rows go in before ShowSection(), which adds an empty
 * row only to a section that has none yet.
 */
static bool
fill(ctemplate::TemplateDictionary *td, const tmpl_dict *d, int depth)
{
	if (depth > TMPL_MAXDEPTH) {
		log_err("tmpl: dictionaries nest deeper than %d (a loop?)",
		    TMPL_MAXDEPTH);
		return false;
	}
	for (const auto &kv : d->vals)
		td->SetValue(kv.first, kv.second);
	for (const auto &kv : d->globals)
		td->SetTemplateGlobalValue(kv.first, kv.second);
	for (const auto &r : d->rows)
		if (!fill(td->AddSectionDictionary(r.first), r.second.get(),
		    depth + 1))
			return false;
	for (const std::string &s : d->shown)
		td->ShowSection(s);
	for (const tmpl_incl &in : d->incls) {
		ctemplate::TemplateDictionary *c =
		    td->AddIncludeDictionary(in.name);
		c->SetFilename(in.file);
		if (!fill(c, in.child, depth + 1))
			return false;
	}
	return true;
}

extern "C" int
tmpl_render(const char *file, const struct tmpl_dict *d, struct buf *out)
{
	if (file == NULL || out == NULL)
		return -1;
	if (cache == NULL) {
		log_err("tmpl: render %s: tmpl_init() has not succeeded", file);
		return -1;
	}
	try {
		static const tmpl_dict		 empty{};
		ctemplate::TemplateDictionary	 td("loop");
		std::string			 html;

		if (!fill(&td, d == NULL ? &empty : d, 0))
			return -1;
		if (!cache->ExpandNoLoad(file, TMPL_STRIP, &td, NULL, &html)) {
			log_err("tmpl: render %s failed (unknown template or "
			    "include?)", file);
			return -1;
		}
		buf_add(out, html.data(), html.size());
		return 0;
	} catch (const std::bad_alloc &) {
		oom("tmpl_render");
	} catch (...) {
		log_err("tmpl: render %s: unexpected C++ exception", file);
	}
	return -1;
}
