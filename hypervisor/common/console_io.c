/* SPDX-License-Identifier: MIT */
/*
 * console_io (hypercall 18): a privileged domain's access to the
 * hypervisor console. CONSOLEIO_write copies the guest's bytes out to
 * the serial line, in chunks; CONSOLEIO_read returns what serial input
 * is waiting, without blocking. Other domains get -EPERM, as on a
 * release build of Xen.
 */
#include <hv/console.h>
#include <hv/errno.h>
#include <hv/guest_access.h>
#include <hv/hypercall.h>
#include <public/xen.h>

#define CHUNK		128

static long console_write(uint64_t buf, unsigned int count)
{
	char local[CHUNK];
	unsigned int done = 0;

	while (done < count) {
		unsigned int n = MIN(count - done, (unsigned int)CHUNK);

		if (copy_from_guest(local, buf + done, n))
			return -EFAULT;
		console_write_guest(local, n);
		done += n;
	}
	return 0;
}

static long console_read(uint64_t buf, unsigned int count)
{
	char local[CHUNK];
	size_t n = console_read_input(local, MIN(count, (unsigned int)CHUNK));

	if (n && copy_to_guest(buf, local, n))
		return -EFAULT;
	return (long)n;
}

long do_console_io(unsigned int cmd, unsigned int count, uint64_t buf)
{
	struct domain *d = current_vcpu()->domain;

	if (!d->is_privileged)
		return -EPERM;
	switch (cmd) {
	case CONSOLEIO_write:
		return console_write(buf, count);
	case CONSOLEIO_read:
		return console_read(buf, count);
	default:
		return -ENOSYS;
	}
}
