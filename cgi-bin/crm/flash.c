/*
 * flash.c - the confirmation a page shows after a form redirected to it
 * with ?done=KEY (post/redirect/get).
 *
 * Owns: the list of confirmations. Only known keys show, so the message
 * is never text from the request.
 */
#include "crm.h"

#include <string.h>

#include "banned.h"

static const struct done_msg {
	const char	*key;
	const char	*text;
} done_msgs[] = {
	{ "added",	"Person added." },
	{ "pinned",	"Pinned to your dashboard." },
	{ "unpinned",	"Unpinned from your dashboard." },
	{ "pooled",	"Added to the pool." },
	{ "unpooled",	"Removed from the pool." },
	{ "created",	"Pool created." },
	{ "deleted",	"Pool deleted." },
	{ "saved",	"Settings saved." },
	{ "read",	"All notifications marked as read." },
};

const char *
crm_done_text(const struct req *r)
{
	const char	*k = kvlist_get(&r->query, "done");
	size_t		 i;

	for (i = 0; k != NULL && i < sizeof(done_msgs) /
	    sizeof(done_msgs[0]); i++)
		if (strcmp(k, done_msgs[i].key) == 0)
			return done_msgs[i].text;
	return NULL;
}
