/*
 * sd_notify() in ~30 lines (see sdnotify.h): the protocol is a single
 * datagram of newline-separated KEY=VALUE assignments on an AF_UNIX
 * SOCK_DGRAM socket (sd_notify(3)).  Avoiding libsystemd keeps the daemon's
 * dependencies to what the feature needs.  Never logs.
 */
#include "daemon/sdnotify.h"

#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

bool
sd_notify_send(const char *state)
{
	const char *path = getenv("NOTIFY_SOCKET");
	struct sockaddr_un addr = {.sun_family = AF_UNIX};
	size_t len;

	if (path == NULL || path[0] == '\0') {
		return true;
	}
	len = strlen(path);
	if ((path[0] != '/' && path[0] != '@') || len >= sizeof addr.sun_path) {
		errno = EINVAL;
		return false;
	}
	memcpy(addr.sun_path, path, len);
	if (path[0] == '@') {
		addr.sun_path[0] = '\0'; /* abstract namespace */
	}
	int fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0) {
		return false;
	}
	socklen_t alen = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + len);
	ssize_t n = sendto(fd, state, strlen(state), MSG_NOSIGNAL, (struct sockaddr *)&addr, alen);
	int saved = errno;
	close(fd);
	errno = saved;
	return n >= 0;
}
