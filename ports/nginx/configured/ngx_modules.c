/* What nginx's configure writes as objs/ngx_modules.c, written by hand
 * for Tessera (ports/nginx; why configure is not run: ngx_auto_config.h).
 * The modules this port compiles, in the order configure lists them for
 * the options below, which is the order nginx runs them in (the HTTP
 * filters run from the last listed to the first):
 *
 *   ./configure --without-pcre --without-http-cache \
 *     --without-http_{rewrite,gzip,charset,ssi,userid,access,auth_basic,
 *       mirror,autoindex,geo,map,split_clients,referer,proxy,fastcgi,
 *       uwsgi,scgi,grpc,memcached,limit_conn,limit_req,empty_gif,browser,
 *       upstream_hash,upstream_ip_hash,upstream_least_conn,
 *       upstream_random,upstream_keepalive,upstream_zone}_module
 *
 * that is: the core, events with epoll, HTTP's core, the static files,
 * index, access log, headers (add_header, expires), ranges, conditional
 * requests (not_modified), try_files, and the upstream core, which the
 * HTTP core needs even without a proxy module. No PCRE (no regular
 * expressions in locations or server names), no zlib (no gzip), no TLS.
 * ngx_http_header_count_module is Debian's (FIX-HTTP2bomb.patch). */
#include <ngx_config.h>
#include <ngx_core.h>

extern ngx_module_t  ngx_core_module;
extern ngx_module_t  ngx_errlog_module;
extern ngx_module_t  ngx_conf_module;
extern ngx_module_t  ngx_events_module;
extern ngx_module_t  ngx_event_core_module;
extern ngx_module_t  ngx_epoll_module;
extern ngx_module_t  ngx_http_module;
extern ngx_module_t  ngx_http_core_module;
extern ngx_module_t  ngx_http_log_module;
extern ngx_module_t  ngx_http_header_count_module;
extern ngx_module_t  ngx_http_upstream_module;
extern ngx_module_t  ngx_http_static_module;
extern ngx_module_t  ngx_http_index_module;
extern ngx_module_t  ngx_http_try_files_module;
extern ngx_module_t  ngx_http_write_filter_module;
extern ngx_module_t  ngx_http_header_filter_module;
extern ngx_module_t  ngx_http_chunked_filter_module;
extern ngx_module_t  ngx_http_range_header_filter_module;
extern ngx_module_t  ngx_http_postpone_filter_module;
extern ngx_module_t  ngx_http_headers_filter_module;
extern ngx_module_t  ngx_http_copy_filter_module;
extern ngx_module_t  ngx_http_range_body_filter_module;
extern ngx_module_t  ngx_http_not_modified_filter_module;

ngx_module_t *ngx_modules[] = {
    &ngx_core_module,
    &ngx_errlog_module,
    &ngx_conf_module,
    &ngx_events_module,
    &ngx_event_core_module,
    &ngx_epoll_module,
    &ngx_http_module,
    &ngx_http_core_module,
    &ngx_http_log_module,
    &ngx_http_header_count_module,
    &ngx_http_upstream_module,
    &ngx_http_static_module,
    &ngx_http_index_module,
    &ngx_http_try_files_module,
    &ngx_http_write_filter_module,
    &ngx_http_header_filter_module,
    &ngx_http_chunked_filter_module,
    &ngx_http_range_header_filter_module,
    &ngx_http_postpone_filter_module,
    &ngx_http_headers_filter_module,
    &ngx_http_copy_filter_module,
    &ngx_http_range_body_filter_module,
    &ngx_http_not_modified_filter_module,
    NULL
};

char *ngx_module_names[] = {
    "ngx_core_module",
    "ngx_errlog_module",
    "ngx_conf_module",
    "ngx_events_module",
    "ngx_event_core_module",
    "ngx_epoll_module",
    "ngx_http_module",
    "ngx_http_core_module",
    "ngx_http_log_module",
    "ngx_http_header_count_module",
    "ngx_http_upstream_module",
    "ngx_http_static_module",
    "ngx_http_index_module",
    "ngx_http_try_files_module",
    "ngx_http_write_filter_module",
    "ngx_http_header_filter_module",
    "ngx_http_chunked_filter_module",
    "ngx_http_range_header_filter_module",
    "ngx_http_postpone_filter_module",
    "ngx_http_headers_filter_module",
    "ngx_http_copy_filter_module",
    "ngx_http_range_body_filter_module",
    "ngx_http_not_modified_filter_module",
    NULL
};
