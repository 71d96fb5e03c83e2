/* session.h: sign-in sessions and their CSRF tokens. */
#ifndef LW_SESSION_H
#define LW_SESSION_H
#include "web/http.h"

void session_load(req *r);                                  /* fills r->user, r->csrf; reads only */
/* Notes the use of the session or API token session_load found (last_seen,
 * last_used: at most once a minute each) and deletes an ended session the
 * cookie named: writes, when the request is handled (router_handle), which
 * is in the server's slow lane whenever one is due, never at admission on
 * a connection's thread. */
void session_note_use(req *r);
int session_start(req *r, resp *w, long long account_id);   /* new token; old one ended */
void session_end(req *r, resp *w);
void session_end_all(db *d, long long account_id);          /* e.g. after a password reset */
void hex_encode(const unsigned char *in, size_t n, char *out);
#endif
