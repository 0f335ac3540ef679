/* SPDX-License-Identifier: MIT */
/*
 * The PV guest kernel's boot path: print who we are and what the domain
 * builder handed us (start_info), run the boot script named on the
 * command line (script=PATH, a file in the initrd), then the shell.
 * The lines printed here are markers the boot tests grep: docs/guest.md.
 */
#include <stdint.h>
#include <string.h>
#include <public/xen.h>
#include <public/errno.h>
#include <guest/cpio.h>
#include <guest/guest.h>
#include <guest/printk.h>

/* GUEST_VERSION ("0.1-dev") comes from the command line: guest/build.mk. */

const struct start_info *start_info;
const char *guest_name = "domU";

/* Private, NUL-terminated copy of start_info->cmd_line. */
static char cmdline[MAX_GUEST_CMDLINE + 1];

bool cmdline_get(const char *line, const char *key, char *buf, size_t size)
{
	size_t klen = strlen(key), n;
	const char *p = line;

	while (*p) {
		while (*p == ' ')
			p++;
		for (n = 0; p[n] && p[n] != ' '; n++)
			;
		if (n > klen && strncmp(p, key, klen) == 0 && p[klen] == '=') {
			n -= klen + 1;
			if (n >= size)
				n = size - 1;
			memcpy(buf, p + klen + 1, n);
			buf[n] = '\0';
			return true;
		}
		p += n;
	}
	return false;
}

/* Finds the script in the initrd (module 0 of the domain) and runs it. */
static void run_boot_script(const struct start_info *si, const char *path)
{
	struct cpio_file f;
	int rc;

	if (si->mod_start == 0 || si->mod_len == 0) {
		printk("%s: script %s: no initrd\n", guest_name, path);
		return;
	}
	if (si->flags & SIF_MOD_START_PFN) {
		printk("%s: script %s: initrd is not mapped\n", guest_name,
		       path);
		return;
	}
	rc = cpio_find((const void *)si->mod_start, si->mod_len, path, &f);
	if (rc < 0) {
		printk("%s: script %s: %s in initrd: %d (%s)\n", guest_name,
		       path, rc == -XEN_ENOENT ? "not found" : "bad cpio",
		       rc, xen_strerror(rc));
		return;
	}
	printk("%s: running script %s (%zu bytes)\n", guest_name, path,
	       f.size);
	shell_run_script(f.data, f.size);
	printk("%s: script %s done\n", guest_name, path);
}

void guest_start(struct start_info *si)
{
	char path[256];

	start_info = si;
	if (si->flags & SIF_INITDOMAIN)
		guest_name = "dom0";
	printk("Shoji PV guest %s starting\n", GUEST_VERSION);
	start_info_print(si);

	memcpy(cmdline, si->cmd_line, MAX_GUEST_CMDLINE);
	cmdline[MAX_GUEST_CMDLINE] = '\0';
	if (cmdline_get(cmdline, "script", path, sizeof(path)))
		run_boot_script(si, path);
	/* cmd=NAME: one command, for domains without an initrd. */
	if (cmdline_get(cmdline, "cmd", path, sizeof(path) - 1)) {
		size_t n = strlen(path);

		path[n] = '\n';
		shell_run_script(path, n + 1);
	}
	shell_loop();
}
