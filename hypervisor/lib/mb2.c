/* SPDX-License-Identifier: MIT */
/*
 * Multiboot2 information parser. The layout: u32 total_size, u32
 * reserved, then tags {u32 type, u32 size, payload} each starting on an
 * 8-byte boundary, ending with a type-0 tag of size 8. Nothing in it is
 * trusted: every read is checked against total_size first.
 */
#include <hv/errno.h>
#include <hv/mb2.h>

enum {
	TAG_END = 0,
	TAG_CMDLINE = 1,
	TAG_LOADER_NAME = 2,
	TAG_MODULE = 3,
	TAG_BASIC_MEMINFO = 4,
	TAG_MMAP = 6,
	TAG_ACPI_OLD = 14,
	TAG_ACPI_NEW = 15,
};

static uint32_t get32(const uint8_t *p)
{
	uint32_t v;

	memcpy(&v, p, sizeof(v));
	return v;
}

static uint64_t get64(const uint8_t *p)
{
	uint64_t v;

	memcpy(&v, p, sizeof(v));
	return v;
}

/* A string field of len bytes must hold its NUL. */
static const char *tag_string(const uint8_t *p, uint32_t len)
{
	if (len == 0 || strnlen((const char *)p, len) == len)
		return NULL;
	return (const char *)p;
}

static int parse_module(struct boot_info *bi, const uint8_t *t,
			uint32_t size, const char **why)
{
	struct mb2_module *m;
	const char *s;

	if (size < 17) {
		*why = "module tag too short";
		return -EINVAL;
	}
	s = tag_string(t + 16, size - 16);
	if (s == NULL) {
		*why = "module string not terminated";
		return -EINVAL;
	}
	if (get32(t + 12) < get32(t + 8)) {
		*why = "module ends before it starts";
		return -EINVAL;
	}
	if (bi->nr_modules == MB2_MAX_MODULES) {
		bi->nr_ignored++;
		return 0;
	}
	m = &bi->modules[bi->nr_modules++];
	m->start = get32(t + 8);
	m->end = get32(t + 12);
	m->string = s;
	return 0;
}

static int parse_mmap(struct boot_info *bi, const uint8_t *t, uint32_t size,
		      const char **why)
{
	uint32_t esize;

	if (size < 16) {
		*why = "memory map tag too short";
		return -EINVAL;
	}
	esize = get32(t + 8);
	if (esize < 24 || esize % 8 || esize > 4096) {
		*why = "memory map entry size invalid";
		return -EINVAL;
	}
	for (uint32_t off = 16; size - off >= esize; off += esize) {
		struct mb2_mmap_entry *e;

		if (bi->nr_mmap == MB2_MAX_MMAP) {
			bi->nr_ignored++;
			continue;
		}
		e = &bi->mmap[bi->nr_mmap++];
		e->addr = get64(t + off);
		e->len = get64(t + off + 8);
		e->type = get32(t + off + 16);
		if (e->len > UINT64_MAX - e->addr)
			e->len = UINT64_MAX - e->addr;
	}
	return 0;
}

static int parse_tag(struct boot_info *bi, const uint8_t *t, uint32_t type,
		     uint32_t size, const char **why)
{
	switch (type) {
	case TAG_CMDLINE:
	case TAG_LOADER_NAME: {
		const char *s = tag_string(t + 8, size - 8);

		if (s == NULL) {
			*why = "string tag not terminated";
			return -EINVAL;
		}
		if (type == TAG_CMDLINE)
			bi->cmdline = s;
		else
			bi->loader_name = s;
		return 0;
	}
	case TAG_MODULE:
		return parse_module(bi, t, size, why);
	case TAG_MMAP:
		return parse_mmap(bi, t, size, why);
	case TAG_BASIC_MEMINFO:
		if (size >= 16) {
			bi->mem_lower_kb = get32(t + 8);
			bi->mem_upper_kb = get32(t + 12);
		}
		return 0;
	case TAG_ACPI_OLD:
	case TAG_ACPI_NEW:
		/* Prefer the ACPI 2.0 copy when both are there. */
		if (size > 8 && (bi->rsdp == NULL || type == TAG_ACPI_NEW)) {
			bi->rsdp = t + 8;
			bi->rsdp_len = size - 8;
		}
		return 0;
	default:
		return 0;	/* tags we do not use */
	}
}

uint32_t mb2_total_size(const void *mbi)
{
	if (!IS_ALIGNED((uintptr_t)mbi, 8))
		return 0;
	return get32(mbi);
}

int mb2_parse(const void *mbi, size_t avail, struct boot_info *bi,
	      const char **why)
{
	const uint8_t *base = mbi;
	uint32_t total;
	size_t off = 8;

	memset(bi, 0, sizeof(*bi));
	bi->cmdline = "";
	bi->loader_name = "";
	*why = "";
	if (avail < 16 || !IS_ALIGNED((uintptr_t)mbi, 8)) {
		*why = "information too small or misaligned";
		return -EINVAL;
	}
	total = get32(base);
	if (total < 16 || total > avail) {
		*why = "total_size out of range";
		return -EINVAL;
	}
	while (off <= total && total - off >= 8) {
		uint32_t type = get32(base + off);
		uint32_t size = get32(base + off + 4);
		int rc;

		if (size < 8 || size > total - off) {
			*why = "tag size out of range";
			return -EINVAL;
		}
		if (type == TAG_END)
			return size == 8 ? 0 : (*why = "bad end tag", -EINVAL);
		rc = parse_tag(bi, base + off, type, size, why);
		if (rc)
			return rc;
		off += ROUNDUP((size_t)size, 8);
	}
	*why = "no end tag";
	return -EINVAL;
}
