/* server.h: the libmicrohttpd glue: the only file that knows libmicrohttpd. */
#ifndef LW_SERVER_H
#define LW_SERVER_H
#include <stdbool.h>
typedef struct serve_opts {
	const char *data_dir;
	const char *listen;      /* "127.0.0.1:8080" */
	unsigned threads;        /* connection threads (0: one a core, at least 2) */
	unsigned workers;        /* the slow lane's (0: four a core, at least 4) */
	bool secure_cookies;
	long long session_idle;
	const char *public_url;  /* normalised (public_url_parse); NULL: http://<listen address> */
	long long cache_mb;      /* the render cache's limit */
	const char *port_file;   /* write the bound port here (tests use port 0) */
} serve_opts;
int serve(const serve_opts *o);
/* Sets cfg's trusted proxies from "ADDR[,ADDR...]" (IPv4 or IPv6, at most 8);
 * -1 when one is not an address. */
int trusted_proxy_parse(const char *list);
#endif
