/* session.h: sign-in sessions and their CSRF tokens. */
#ifndef LW_SESSION_H
#define LW_SESSION_H
#include "web/http.h"

void session_load(req *r);                                  /* fills r->user, r->csrf */
int session_start(req *r, resp *w, long long account_id);   /* new token; old one ended */
void session_end(req *r, resp *w);
void session_end_all(db *d, long long account_id);          /* e.g. after a password reset */
void hex_encode(const unsigned char *in, size_t n, char *out);
#endif
