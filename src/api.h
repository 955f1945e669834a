/*
 * api.h - helpers shared by the JSON API handlers.
 *
 * Owns: turning a JSON object body into form fields so that JSON and HTML
 * forms share one set of validators (val.h), and small answer shapes.
 * Not here: the handlers (cgi-bin/crm/api_*.c).
 */
#ifndef LOOP_API_H
#define LOOP_API_H

#include "app.h"

/*
 * Parses req->body as a JSON object and adds its top-level string members
 * to out (null ones count as absent). Any other type is a 400 naming the
 * field: every API field is text and validated by val.h. On bad input
 * answers 400 itself and returns -1.
 */
int	 api_body_form(struct req *, struct resp *, struct kvlist *out);

#endif
