/* SPDX-License-Identifier: MIT */
/*
 * The guest's cpio reader on arbitrary archives: a walk with cpio_next()
 * and a lookup with cpio_find(); whatever is returned lies inside.
 */
#include "fuzz.h"

#include <public/errno.h>
#include <guest/cpio.h>

static void check_file(const struct cpio_file *f, const uint8_t *p,
		       size_t size)
{
	const uint8_t *d = f->data, *n = (const uint8_t *)f->name;

	FUZZ_CHECK(d >= p && d <= p + size && f->size <= size &&
		   d + f->size <= p + size);
	FUZZ_CHECK(n >= p && n + strlen(f->name) < p + size);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t *p = fuzz_dup(data, size);
	struct cpio_file f;
	size_t off = 0;
	int rc;

	for (unsigned int i = 0; i < 100000; i++) {
		size_t before = off;

		rc = cpio_next(p, size, &off, &f);
		if (rc < 0)
			break;
		check_file(&f, p, size);
		FUZZ_CHECK(off > before);
		if (rc == 1)
			break;
	}
	rc = cpio_find(p, size, "/init.sh", &f);
	FUZZ_CHECK(rc == 0 || rc == -XEN_EINVAL || rc == -XEN_ENOENT);
	if (rc == 0) {
		check_file(&f, p, size);
		FUZZ_CHECK(strcmp(f.name, "init.sh") == 0 ||
			   strcmp(f.name, "/init.sh") == 0 ||
			   strstr(f.name, "init.sh") != NULL);
	}
	free(p);
	return 0;
}
