/* A socket as a line of text, for monitor net (and `ts net` prints the
 * same columns from the host): the descriptor, family, type, state,
 * the local and the peer endpoint. Used while the image is stopped in
 * the GDB stub: the family's getname and state must not block. */
#include <stdio.h>
#include <string.h>
#include "internal.h"
#include "netinfo.h"

const char sock_info_header[] =
	"  fd family type      state        local                   peer\n";

void sock_info_line(char *buf, size_t len, int fd, struct ts_socket *s)
{
	struct sockaddr_storage a;
	socklen_t alen;
	char local[64], peer[64];
	const char *state = s->ops && s->ops->state ? s->ops->state(s) : NULL;

	for (int p = 0; p < 2; p++) {
		alen = sizeof(a);
		memset(&a, 0, sizeof(a));
		if (!s->ops || !s->ops->getname ||
		    s->ops->getname(s, (struct sockaddr *)&a, &alen, p))
			alen = 0;
		ts_socket_addr_text(p ? peer : local, sizeof(local),
				    (struct sockaddr *)&a, alen);
	}
	snprintf(buf, len, "%4d %-6s %-9s %-12s %-23s %s\n", fd,
		 ts_socket_family_name(s->family),
		 ts_socket_type_name(s->type), state ? state : "-", local, peer);
}
