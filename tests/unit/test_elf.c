/* SPDX-License-Identifier: MIT */
/*
 * hypervisor/lib/elf.c: ELF64 images built in memory with <elf.h>'s
 * structures (an independent description of the format), Xen's note
 * rules of XEN-ABI.md 1.1-1.2, truncation and corruption everywhere,
 * and the real guest kernel when it has been built.
 *
 * Longer than STYLE.md's 800 lines on purpose: the image builder at the
 * top is this file's fixture, used by every test below it, and a header
 * of static helpers shared by two halves would only hide that.
 */
#include "unit.h"

#include <elf.h>
#include <errno.h>
#include <hv/elf.h>

/* One note: a string (desc) or a number of size 4 or 8 (num). */
struct note_spec {
	uint32_t	type;
	const char	*desc;
	uint64_t	num;
	uint32_t	size;
	const char	*name;		/* default "Xen" */
};

#define S(t, s)		{ .type = (t), .desc = (s), .size = sizeof(s) }
#define N4(t, v)	{ .type = (t), .num = (v), .size = 4 }
#define N8(t, v)	{ .type = (t), .num = (v), .size = 8 }

enum { IN_PHDR = 1, IN_SHDR = 2 };

struct load_spec {
	uint64_t	paddr, filesz, memsz;
};

struct img_spec {
	const struct note_spec	*notes;
	unsigned int		nr_notes;
	unsigned int		where;		/* IN_PHDR | IN_SHDR */
	struct load_spec	load[3];
	unsigned int		nr_load;
	uint64_t		e_entry;
};

#define NOTES_OFF	0x200
#define SHDR_OFF	0x800
#define DATA_OFF	0x1000

static uint64_t img_q[0x10000 / 8];
static uint8_t *const img = (uint8_t *)img_q;
static struct elf_info info;
static const char *why;

static Elf64_Ehdr *ehdr(void)
{
	return (Elf64_Ehdr *)img;
}

static Elf64_Phdr *phdr(unsigned int i)
{
	return (Elf64_Phdr *)(img + ehdr()->e_phoff) + i;
}

static Elf64_Shdr *shdr(unsigned int i)
{
	return (Elf64_Shdr *)(img + SHDR_OFF) + i;
}

static size_t put_notes(const struct img_spec *sp, uint8_t *p)
{
	size_t off = 0;

	for (unsigned int i = 0; i < sp->nr_notes; i++) {
		const struct note_spec *n = &sp->notes[i];
		const char *name = n->name ? n->name : "Xen";
		Elf64_Nhdr nh = {
			.n_namesz = (uint32_t)strlen(name) + 1,
			.n_descsz = n->size,
			.n_type = n->type,
		};

		memcpy(p + off, &nh, sizeof(nh));
		off += sizeof(nh);
		memcpy(p + off, name, nh.n_namesz);
		off += (nh.n_namesz + 3) & ~3U;
		if (n->desc)
			memcpy(p + off, n->desc, n->size);
		else
			memcpy(p + off, &n->num, n->size);
		off += (n->size + 3) & ~3U;
	}
	assert_true(off <= SHDR_OFF - NOTES_OFF);
	return off;
}

/* Writes the image into img; returns its length. */
static size_t build(const struct img_spec *sp)
{
	Elf64_Ehdr *eh = ehdr();
	size_t notes_len, len = DATA_OFF;
	unsigned int np = 0;

	memset(img_q, 0, sizeof(img_q));
	memcpy(eh->e_ident, ELFMAG, SELFMAG);
	eh->e_ident[EI_CLASS] = ELFCLASS64;
	eh->e_ident[EI_DATA] = ELFDATA2LSB;
	eh->e_ident[EI_VERSION] = EV_CURRENT;
	eh->e_type = ET_EXEC;
	eh->e_machine = EM_X86_64;
	eh->e_version = EV_CURRENT;
	eh->e_entry = sp->e_entry;
	eh->e_phoff = sizeof(*eh);
	eh->e_ehsize = sizeof(*eh);
	eh->e_phentsize = sizeof(Elf64_Phdr);
	notes_len = put_notes(sp, img + NOTES_OFF);
	for (unsigned int i = 0; i < sp->nr_load; i++) {
		Elf64_Phdr *ph = phdr(np++);
		const struct load_spec *l = &sp->load[i];

		assert_true(l->filesz <= 0x1000);
		ph->p_type = PT_LOAD;
		ph->p_flags = PF_R | PF_X;
		ph->p_offset = len;
		ph->p_vaddr = l->paddr;
		ph->p_paddr = l->paddr;
		ph->p_filesz = l->filesz;
		ph->p_memsz = l->memsz;
		ph->p_align = 0x1000;
		for (uint64_t j = 0; j < l->filesz; j++)
			img[len + j] = (uint8_t)(i * 7 + j + 1);
		len += l->filesz;
	}
	if (sp->where & IN_PHDR) {
		Elf64_Phdr *ph = phdr(np++);

		ph->p_type = PT_NOTE;
		ph->p_offset = NOTES_OFF;
		ph->p_filesz = notes_len;
		ph->p_memsz = notes_len;
		ph->p_align = 4;
	}
	eh->e_phnum = (uint16_t)np;
	if (sp->where & IN_SHDR) {
		/* As Mini-OS: a null section, .text, then a .note. */
		eh->e_shoff = SHDR_OFF;
		eh->e_shentsize = sizeof(Elf64_Shdr);
		eh->e_shnum = 3;
		shdr(1)->sh_type = SHT_PROGBITS;
		shdr(1)->sh_offset = DATA_OFF;
		shdr(1)->sh_size = 0x10;
		shdr(2)->sh_type = SHT_NOTE;
		shdr(2)->sh_offset = NOTES_OFF;
		shdr(2)->sh_size = notes_len;
		shdr(2)->sh_addralign = 4;
	}
	return len;
}

/* The default Mini-OS image: notes only in a .note section. */
static const struct note_spec minios_notes[] = {
	S(6, "Mini-OS"),
	S(8, "generic"),
	S(5, "xen-3.0"),
	N8(2, 0x2000),
};

static struct img_spec minios(void)
{
	return (struct img_spec){
		.notes = minios_notes, .nr_notes = ARRAY_SIZE(minios_notes),
		.where = IN_SHDR,
		.load = { { 0, 0x800, 0x3000 } }, .nr_load = 1,
		.e_entry = 0,
	};
}

#define VB	0xffffffff80000000ULL
#define LOW	0x1000000ULL

static const struct note_spec linux_notes[] = {
	{ .type = 3, .desc = "\x04\x03\x02\x01", .size = 4, .name = "GNU" },
	S(6, "linux"),
	S(7, "2.6"),
	S(5, "xen-3.0"),
	N8(3, VB),
	N8(4, 0),
	N8(1, VB + LOW + 0x100),
	N8(2, VB + LOW + 0x1000),
	S(9, "yes"),
	S(10, "!writable_page_tables|pae_pgdir_above_4gb"),
	N4(17, 1U << 11),
	S(8, "generic"),
};

/* A Linux-like image at VIRT_BASE 0xffffffff80000000, two segments. */
static struct img_spec linux_like(void)
{
	return (struct img_spec){
		.notes = linux_notes, .nr_notes = ARRAY_SIZE(linux_notes),
		.where = IN_PHDR,
		.load = { { LOW, 0x1000, 0x1000 },
			  { LOW + 0x400000, 0x800, 0x2000 } },
		.nr_load = 2,
		.e_entry = 0xdead,	/* the ENTRY note overrides it */
	};
}

static int parse_len(size_t len)
{
	return elf_parse(img, len, &info, &why);
}

#define EXPECT_REJECT(len, reason) do {					\
	assert_int_equal(parse_len(len), -ENOEXEC);			\
	assert_string_equal(why, reason);				\
} while (0)

static void test_minios_section_notes(void **state)
{
	struct img_spec sp = minios();
	size_t len = build(&sp);

	(void)state;
	assert_int_equal(ehdr()->e_phnum, 1);	/* no PT_NOTE at all */
	assert_int_equal(parse_len(len), 0);
	assert_string_equal(why, "");
	assert_true(info.notes_from_sections);
	assert_string_equal(info.xen_version, "xen-3.0");
	assert_string_equal(info.guest_os, "Mini-OS");
	assert_string_equal(info.loader, "generic");
	assert_null(info.features);
	assert_ptr_equal(info.xen_version, img + NOTES_OFF + 12 + 4 + 8 +
			 12 + 4 + 8 + 12 + 4);
	assert_int_equal(info.pstart, 0);
	assert_int_equal(info.pend, 0x3000);
	assert_false(info.virt_base_set);
	assert_false(info.paddr_offset_set);
	assert_false(info.entry_set);
	assert_true(info.hypercall_page_set);
	assert_int_equal(info.hypercall_page, 0x2000);
	assert_int_equal(info.virt_offset, 0);
	assert_int_equal(info.virt_kstart, 0);
	assert_int_equal(info.virt_kend, 0x3000);
	assert_int_equal(info.virt_entry, 0);
	assert_int_equal(info.f_required[0], 0);
	assert_int_equal(info.f_supported[0], 0);
}

static void test_same_notes_in_pt_note(void **state)
{
	struct img_spec sp = minios();
	size_t len;

	(void)state;
	sp.where = IN_PHDR;
	len = build(&sp);
	assert_int_equal(parse_len(len), 0);
	assert_false(info.notes_from_sections);
	assert_string_equal(info.guest_os, "Mini-OS");
	assert_int_equal(info.hypercall_page, 0x2000);
}

static void test_linux_like(void **state)
{
	struct img_spec sp = linux_like();
	size_t len = build(&sp);

	(void)state;
	assert_int_equal(parse_len(len), 0);
	assert_false(info.notes_from_sections);
	assert_string_equal(info.guest_os, "linux");
	assert_true(info.virt_base_set);
	assert_true(info.paddr_offset_set);
	assert_true(info.entry_set);
	assert_int_equal(info.virt_base, VB);
	assert_int_equal(info.paddr_offset, 0);
	assert_int_equal(info.pstart, LOW);
	assert_int_equal(info.pend, LOW + 0x402000);
	assert_int_equal(info.e_entry, 0xdead);
	assert_int_equal(info.virt_offset, VB);
	assert_int_equal(info.virt_kstart, VB + LOW);
	assert_int_equal(info.virt_kend, VB + LOW + 0x402000);
	assert_int_equal(info.virt_entry, VB + LOW + 0x100);
	assert_int_equal(info.hypercall_page, VB + LOW + 0x1000);
	assert_string_equal(info.features,
			    "!writable_page_tables|pae_pgdir_above_4gb");
	/* writable_page_tables = 0 (required), pae_pgdir_above_4gb = 4,
	 * dom0 = 11 from SUPPORTED_FEATURES. */
	assert_int_equal(info.f_required[0], 1U << 0);
	assert_int_equal(info.f_supported[0], 1U << 0 | 1U << 4 | 1U << 11);
}

static int put_calls, put_fail_at;
static uint8_t loadbuf[0x500000];
static uint64_t load_base, load_end;

static int put(uint64_t va, const void *src, size_t n, void *ctx)
{
	assert_ptr_equal(ctx, &info);
	put_calls++;
	if (put_calls == put_fail_at)
		return -7;
	if (va < load_base || va > load_end || n > load_end - va)
		return -ERANGE;
	if (src)
		memcpy(loadbuf + (va - load_base), src, n);
	else
		memset(loadbuf + (va - load_base), 0, n);
	return 0;
}

static void test_load(void **state)
{
	struct img_spec sp = linux_like();
	size_t len = build(&sp);

	(void)state;
	assert_int_equal(parse_len(len), 0);
	load_base = info.virt_kstart;
	load_end = info.virt_kend;
	assert_true(load_end - load_base <= sizeof(loadbuf));
	memset(loadbuf, 0xaa, sizeof(loadbuf));
	put_calls = 0;
	put_fail_at = 0;
	assert_int_equal(elf_load(img, len, &info, put, &info), 0);
	/* Segment 0: file only; segment 1: file then zeroes. */
	assert_int_equal(put_calls, 3);
	assert_memory_equal(loadbuf, img + DATA_OFF, 0x1000);
	assert_int_equal(loadbuf[0x1000], 0xaa);	/* the hole */
	assert_int_equal(loadbuf[0x3fffff], 0xaa);
	assert_memory_equal(loadbuf + 0x400000, img + DATA_OFF + 0x1000,
			    0x800);
	for (size_t i = 0x400800; i < 0x402000; i++)
		assert_int_equal(loadbuf[i], 0);
	/* The callback's error stops the load. */
	put_calls = 0;
	put_fail_at = 2;
	assert_int_equal(elf_load(img, len, &info, put, &info), -7);
	assert_int_equal(put_calls, 2);
	/* A loader bound smaller than the image is hit, not overrun. */
	put_calls = 0;
	put_fail_at = 0;
	load_end = load_base + 0x401000;
	assert_int_equal(elf_load(img, len, &info, put, &info), -ERANGE);
}

/* PT_NOTE carries only a GNU note: the sections are searched. */
static void test_pt_note_without_xen_falls_back(void **state)
{
	static const struct note_spec gnu = {
		.type = 3, .desc = "abcd", .size = 4, .name = "GNU",
	};
	struct img_spec sp = minios();
	size_t len = build(&sp);
	Elf64_Phdr *ph;

	(void)state;
	/* A PT_NOTE segment with one GNU note, at 0x600. */
	ehdr()->e_phnum = 2;
	ph = phdr(1);
	ph->p_type = PT_NOTE;
	ph->p_offset = 0x600;
	{
		struct img_spec g = { .notes = &gnu, .nr_notes = 1 };

		ph->p_filesz = put_notes(&g, img + 0x600);
	}
	assert_int_equal(parse_len(len), 0);
	assert_true(info.notes_from_sections);
	assert_string_equal(info.guest_os, "Mini-OS");
	/* A PT_NOTE pointing outside the file is skipped, not fatal. */
	ph->p_offset = len;
	ph->p_filesz = 0x100;
	assert_int_equal(parse_len(len), 0);
	assert_true(info.notes_from_sections);
}

/* Xen notes in PT_NOTE: the sections are not looked at. */
static void test_pt_note_wins(void **state)
{
	struct img_spec sp = minios();
	size_t len;

	(void)state;
	sp.where = IN_PHDR | IN_SHDR;
	len = build(&sp);
	/* Corrupt the section copy only (they share bytes: move it). */
	memcpy(img + 0x600, img + NOTES_OFF, shdr(2)->sh_size);
	shdr(2)->sh_offset = 0x600;
	memcpy(img + 0x600 + 12 + 4, "Other!!", 8);
	assert_int_equal(parse_len(len), 0);
	assert_false(info.notes_from_sections);
	assert_string_equal(info.guest_os, "Mini-OS");
}

static void test_no_notes(void **state)
{
	struct img_spec sp = minios();
	size_t len;

	(void)state;
	sp.nr_notes = 0;
	len = build(&sp);
	EXPECT_REJECT(len, "no Xen ELF notes: not a Xen PV kernel");
	sp.where = IN_PHDR;
	len = build(&sp);
	EXPECT_REJECT(len, "no Xen ELF notes: not a Xen PV kernel");
	sp.where = 0;
	len = build(&sp);
	EXPECT_REJECT(len, "no Xen ELF notes: not a Xen PV kernel");
}

/* Builds minios() with its notes replaced by notes[0..n). */
static size_t build_notes(const struct note_spec *notes, unsigned int n)
{
	struct img_spec sp = minios();

	sp.notes = notes;
	sp.nr_notes = n;
	return build(&sp);
}

static void test_xen_version(void **state)
{
	static const struct note_spec none[] = {
		S(8, "generic"),
	};
	static const struct note_spec v31[] = {
		S(8, "generic"), S(5, "xen-3.1"),
	};
	static const struct note_spec v30x[] = {
		S(8, "generic"), S(5, "xen-3.0-unstable"),
	};
	static const struct note_spec shortv[] = {
		S(8, "generic"), S(5, "xen-3."),
	};

	(void)state;
	EXPECT_REJECT(build_notes(none, 1),
		      "XEN_VERSION note missing or not xen-3.0");
	EXPECT_REJECT(build_notes(v31, 2),
		      "XEN_VERSION note missing or not xen-3.0");
	EXPECT_REJECT(build_notes(shortv, 2),
		      "XEN_VERSION note missing or not xen-3.0");
	assert_int_equal(parse_len(build_notes(v30x, 2)), 0);
	assert_string_equal(info.xen_version, "xen-3.0-unstable");
}

static void test_loader_rule(void **state)
{
	static const struct note_spec bsd_linux[] = {
		S(5, "xen-3.0"), S(8, "bsd"), S(6, "linux"),
	};
	static const struct note_spec linux_only[] = {
		S(5, "xen-3.0"), S(6, "linux-6.1"),
	};
	static const struct note_spec bsd_minios[] = {
		S(5, "xen-3.0"), S(8, "bsd"), S(6, "Mini-OS"),
	};
	static const struct note_spec nothing[] = {
		S(5, "xen-3.0"),
	};
	static const struct note_spec generic_x[] = {
		S(5, "xen-3.0"), S(8, "generic-x"), S(6, "Mini-OS"),
	};
	static const struct note_spec upper_linux[] = {
		S(5, "xen-3.0"), S(6, "Linux"),
	};
	const char *msg = "LOADER note is not 'generic' and GUEST_OS not "
			  "'linux'";

	(void)state;
	assert_int_equal(parse_len(build_notes(bsd_linux, 3)), 0);
	assert_string_equal(info.loader, "bsd");
	assert_int_equal(parse_len(build_notes(linux_only, 2)), 0);
	assert_null(info.loader);
	assert_int_equal(parse_len(build_notes(generic_x, 3)), 0);
	EXPECT_REJECT(build_notes(bsd_minios, 3), msg);
	EXPECT_REJECT(build_notes(nothing, 1), msg);
	EXPECT_REJECT(build_notes(upper_linux, 2), msg);
}

static void test_entry(void **state)
{
	static const struct note_spec entry_in[] = {
		S(5, "xen-3.0"), S(8, "generic"), N4(1, 0x2fff),
	};
	static const struct note_spec entry_end[] = {
		S(5, "xen-3.0"), S(8, "generic"), N8(1, 0x3000),
	};
	struct img_spec sp = minios();
	size_t len;
	const char *msg = "entry point outside the kernel image";

	(void)state;
	/* e_entry at the last byte, then one past it. */
	sp.e_entry = 0x2fff;
	len = build(&sp);
	assert_int_equal(parse_len(len), 0);
	assert_int_equal(info.virt_entry, 0x2fff);
	sp.e_entry = 0x3000;
	len = build(&sp);
	EXPECT_REJECT(len, msg);
	/* An ENTRY note (4-byte desc) overrides a bad e_entry. */
	len = build_notes(entry_in, 3);
	ehdr()->e_entry = 0x123456789;
	assert_int_equal(parse_len(len), 0);
	assert_true(info.entry_set);
	assert_int_equal(info.virt_entry, 0x2fff);
	/* A bad ENTRY note overrides a good e_entry. */
	len = build_notes(entry_end, 3);
	EXPECT_REJECT(len, msg);
	/* Below the image, with the image not at 0. */
	sp = minios();
	sp.load[0].paddr = 0x10000;
	sp.e_entry = 0xffff;
	sp.nr_notes = 3;	/* drop HYPERCALL_PAGE 0x2000 */
	len = build(&sp);
	EXPECT_REJECT(len, msg);
	sp.e_entry = 0x10000;
	len = build(&sp);
	assert_int_equal(parse_len(len), 0);
}

static void test_hypercall_page(void **state)
{
	struct note_spec n[] = {
		S(5, "xen-3.0"), S(8, "generic"), N8(2, 0),
	};
	static const struct { uint64_t va; bool ok; } cases[] = {
		{ 0x0, true }, { 0x2000, true }, { 0x2008, false },
		{ 0x1800, false }, { 0x3000, false }, { 0x4000, false },
		{ 0xfffffffffffff000ULL, false },
	};

	(void)state;
	for (unsigned int i = 0; i < ARRAY_SIZE(cases); i++) {
		size_t len;

		n[2].num = cases[i].va;
		len = build_notes(n, 3);
		if (cases[i].ok) {
			assert_int_equal(parse_len(len), 0);
			assert_int_equal(info.hypercall_page, cases[i].va);
		} else {
			EXPECT_REJECT(len, "HYPERCALL_PAGE not a page inside "
					   "the kernel image");
		}
	}
	/* Absent: nothing to check. */
	assert_int_equal(parse_len(build_notes(n, 2)), 0);
	assert_false(info.hypercall_page_set);
}

static void test_virt_base(void **state)
{
	struct note_spec n[] = {
		S(5, "xen-3.0"), S(8, "generic"), N8(3, 0x400000),
		N8(4, 0x400000),
	};
	struct img_spec sp = minios();
	size_t len;

	(void)state;
	sp.notes = n;
	sp.nr_notes = 4;
	sp.load[0].paddr = 0x1000;
	sp.e_entry = 0x1000;
	/* virt_offset 0: kernel at 0x1000 < VIRT_BASE 0x400000. */
	len = build(&sp);
	EXPECT_REJECT(len, "VIRT_BASE lies above the kernel's start");
	/* PADDR_OFFSET 0 moves the kernel up to 0x401000: fine. */
	n[3].num = 0;
	sp.e_entry = 0x401000;
	len = build(&sp);
	assert_int_equal(parse_len(len), 0);
	assert_int_equal(info.virt_kstart, 0x401000);
	assert_int_equal(info.virt_kend, 0x404000);
	/* VIRT_BASE just above kstart. */
	n[2].num = 0x402000;
	n[3].num = 0x2000;
	len = build(&sp);
	EXPECT_REJECT(len, "VIRT_BASE lies above the kernel's start");
	/* An offset that wraps the end but not the start. */
	n[2].num = 0xffffffffffffe000ULL;
	n[3].num = 0;
	sp.e_entry = 0xfffffffffffff000ULL;
	len = build(&sp);
	EXPECT_REJECT(len, "kernel virtual range wraps");
}

static void test_bad_headers(void **state)
{
	struct img_spec sp = minios();
	size_t len = build(&sp);
	Elf64_Ehdr good = *ehdr();

	(void)state;
	assert_int_equal(parse_len(len), 0);
	img[0] = 0x7e;
	EXPECT_REJECT(len, "not an ELF file");
	*ehdr() = good;
	ehdr()->e_ident[EI_CLASS] = ELFCLASS32;
	EXPECT_REJECT(len, "not a little-endian x86-64 ELF64 image");
	*ehdr() = good;
	ehdr()->e_ident[EI_DATA] = ELFDATA2MSB;
	EXPECT_REJECT(len, "not a little-endian x86-64 ELF64 image");
	*ehdr() = good;
	ehdr()->e_machine = EM_386;
	EXPECT_REJECT(len, "not a little-endian x86-64 ELF64 image");
	*ehdr() = good;
	ehdr()->e_type = ET_DYN;
	EXPECT_REJECT(len, "ELF image is not an executable (ET_EXEC)");
	/* Program headers. */
	*ehdr() = good;
	ehdr()->e_phnum = 0;
	EXPECT_REJECT(len, "ELF program headers out of bounds");
	ehdr()->e_phnum = 65;
	EXPECT_REJECT(len, "ELF program headers out of bounds");
	*ehdr() = good;
	ehdr()->e_phentsize = 32;
	EXPECT_REJECT(len, "ELF program headers out of bounds");
	*ehdr() = good;
	ehdr()->e_phoff = len - 8;
	EXPECT_REJECT(len, "ELF program headers out of bounds");
	ehdr()->e_phoff = 0xfffffffffffffff8ULL;
	EXPECT_REJECT(len, "ELF program headers out of bounds");
	ehdr()->e_phoff = 0x44;
	EXPECT_REJECT(len, "ELF program headers out of bounds");
	/* A file one byte short of its program headers. */
	*ehdr() = good;
	EXPECT_REJECT(sizeof(Elf64_Ehdr) + sizeof(Elf64_Phdr) - 1,
		      "ELF program headers out of bounds");
	/* Section headers (only read for the fallback). */
	*ehdr() = good;
	ehdr()->e_shoff = len;
	EXPECT_REJECT(len, "ELF section headers out of bounds");
	ehdr()->e_shoff = SHDR_OFF + 4;
	EXPECT_REJECT(len, "ELF section headers out of bounds");
	*ehdr() = good;
	ehdr()->e_shentsize = 40;
	EXPECT_REJECT(len, "ELF section headers out of bounds");
	*ehdr() = good;
	ehdr()->e_shnum = 257;
	EXPECT_REJECT(len, "ELF section headers out of bounds");
	*ehdr() = good;
	shdr(2)->sh_offset = len - 4;
	EXPECT_REJECT(len, "ELF note section out of bounds");
	shdr(2)->sh_offset = 0xffffffffffffff00ULL;
	EXPECT_REJECT(len, "ELF note section out of bounds");
	shdr(2)->sh_offset = NOTES_OFF;
	shdr(2)->sh_size = len;
	EXPECT_REJECT(len, "ELF note section out of bounds");
}

static void test_bad_loads(void **state)
{
	struct img_spec sp = minios();
	size_t len = build(&sp);
	Elf64_Phdr good = *phdr(0);
	const char *msg = "ELF PT_LOAD segment out of bounds";

	(void)state;
	phdr(0)->p_paddr = 0xfffffffffffff000ULL;
	EXPECT_REJECT(len, msg);		/* p_paddr + p_memsz wraps */
	phdr(0)->p_paddr = 0xffffffffffffd000ULL;
	EXPECT_REJECT(len, msg);		/* ends at 2^64 */
	phdr(0)->p_paddr = 0xffffffffffffc000ULL;
	EXPECT_REJECT(len, "entry point outside the kernel image");
	ehdr()->e_entry = 0xffffffffffffc000ULL;
	EXPECT_REJECT(len, "HYPERCALL_PAGE not a page inside the kernel "
			   "image");
	*phdr(0) = good;
	phdr(0)->p_memsz = 0x7ff;		/* more file than memory */
	EXPECT_REJECT(len, msg);
	*phdr(0) = good;
	phdr(0)->p_offset = len - 0x7ff;	/* one byte past the end */
	EXPECT_REJECT(len, msg);
	phdr(0)->p_offset = 0xffffffffffffffffULL;
	EXPECT_REJECT(len, msg);
	*phdr(0) = good;
	phdr(0)->p_memsz = 0;			/* skipped: nothing left */
	EXPECT_REJECT(len, "ELF image has no PT_LOAD segment");
	phdr(0)->p_type = PT_DYNAMIC;
	phdr(0)->p_memsz = 0x3000;
	EXPECT_REJECT(len, "ELF image has no PT_LOAD segment");
}

static void test_bad_notes(void **state)
{
	struct img_spec sp = minios();
	size_t len = build(&sp);
	uint8_t *n0 = img + NOTES_OFF;
	uint32_t v;
	const char *past = "ELF note runs past its segment";

	(void)state;
	assert_int_equal(parse_len(len), 0);
	/* First note: namesz 4, descsz 8 ("Mini-OS"), type 6. */
	v = 0xffffffff;
	memcpy(n0 + 4, &v, 4);
	EXPECT_REJECT(len, past);
	v = 0xfffffffd;
	memcpy(n0, &v, 4);
	EXPECT_REJECT(len, past);
	build(&sp);
	v = (uint32_t)shdr(2)->sh_size;		/* desc just too long */
	memcpy(n0 + 4, &v, 4);
	EXPECT_REJECT(len, past);
	/* The section cut in the middle of the last note's desc. */
	build(&sp);
	shdr(2)->sh_size -= 4;
	EXPECT_REJECT(len, past);
	/* ...or in its header: under 12 bytes left is not a note. */
	shdr(2)->sh_size -= 12;
	assert_int_equal(parse_len(len), 0);
	assert_false(info.hypercall_page_set);
	/* Unterminated and empty strings. */
	build(&sp);
	memcpy(n0 + 16, "Mini-OS!", 8);
	EXPECT_REJECT(len, "Xen ELF note string not terminated");
	build(&sp);
	v = 0;
	memcpy(n0 + 4, &v, 4);			/* GUEST_OS of 0 bytes */
	EXPECT_REJECT(len, "Xen ELF note string not terminated");
	{
		static const struct note_spec empty[] = {
			S(5, "xen-3.0"), S(8, "generic"),
			{ .type = 10, .desc = "", .size = 0 },
		};

		EXPECT_REJECT(build_notes(empty, 3),
			      "Xen ELF note string not terminated");
	}
	/* A name "Xen" without its NUL is not a Xen note. */
	{
		static const struct note_spec xe[] = {
			S(5, "xen-3.0"), S(8, "generic"),
			{ .type = 6, .desc = "x", .size = 2, .name = "Xe" },
		};

		assert_int_equal(parse_len(build_notes(xe, 3)), 0);
		assert_null(info.guest_os);
	}
	/* Numeric notes of odd sizes read as 0 but count as present. */
	{
		static const struct note_spec odd[] = {
			S(5, "xen-3.0"), S(8, "generic"),
			{ .type = 2, .desc = "\x10\x20", .size = 2 },
		};

		assert_int_equal(parse_len(build_notes(odd, 3)), 0);
		assert_true(info.hypercall_page_set);
		assert_int_equal(info.hypercall_page, 0);
	}
}

static void test_features(void **state)
{
	struct note_spec n[] = {
		S(5, "xen-3.0"), S(8, "generic"), S(10, ""),
	};
	static const struct {
		const char *f;
		int rc;
		uint32_t req, sup;
	} cases[] = {
		{ "", 0, 0, 0 },
		{ "writable_page_tables", 0, 0, 1 },
		{ "!writable_page_tables", 0, 1, 1 },
		{ "dom0|!auto_translated_physmap", 0, 1 << 2, 1 << 11 | 1 << 2 },
		{ "no_such_feature", 0, 0, 0 },
		{ "no_such_feature|!direct_mapped", 0, 1 << 17, 1 << 17 },
		{ "!no_such_feature", -ENOEXEC, 0, 0 },
		{ "dom0|!no_such_feature", -ENOEXEC, 0, 0 },
		{ "!", -ENOEXEC, 0, 0 },
		{ "||dom0||", 0, 0, 1 << 11 },
		{ "!writable", -ENOEXEC, 0, 0 },	/* prefix: unknown */
		{ "!writable_page_tablesX", -ENOEXEC, 0, 0 },
	};
	char buf[64];

	(void)state;
	for (unsigned int i = 0; i < ARRAY_SIZE(cases); i++) {
		int rc;

		strcpy(buf, cases[i].f);
		n[2].desc = buf;
		n[2].size = (uint32_t)strlen(buf) + 1;
		rc = parse_len(build_notes(n, 3));
		assert_int_equal(rc, cases[i].rc);
		if (rc) {
			assert_string_equal(why, "FEATURES requires a feature "
						 "unknown to Shoji");
			continue;
		}
		assert_int_equal(info.f_required[0], cases[i].req);
		assert_int_equal(info.f_supported[0], cases[i].sup);
	}
	assert_int_equal(elf_feature_index("writable_page_tables", 20), 0);
	assert_int_equal(elf_feature_index("dom0", 4), 11);
	assert_int_equal(elf_feature_index("direct_mapped", 13), 17);
	assert_int_equal(elf_feature_index("dom0x", 4), 11);
	assert_int_equal(elf_feature_index("dom0", 3), -1);
	assert_int_equal(elf_feature_index("", 0), -1);
}

/* Every strict prefix of a valid image fails (the data is last). */
static void truncate_all(const struct img_spec *sp)
{
	size_t len = build(sp);
	uint8_t *buf = malloc(len);

	assert_non_null(buf);
	memcpy(buf, img, len);
	assert_int_equal(elf_parse(buf, len, &info, &why), 0);
	/* Shrink the readable part byte by byte from the end. */
	for (size_t n = len; n-- > 0;) {
		UT_POISON(buf + n, 1);
		assert_int_equal(elf_parse(buf, n, &info, &why), -ENOEXEC);
		assert_true(why[0] != '\0');
	}
	UT_UNPOISON(buf, len);
	free(buf);
}

static void test_truncated_everywhere(void **state)
{
	struct img_spec a = minios(), b = linux_like();

	(void)state;
	truncate_all(&a);
	truncate_all(&b);
	a.where = IN_PHDR | IN_SHDR;
	truncate_all(&a);
}

/* Random bytes in the headers and notes: rejected, or sane. */
static void test_random_corruption(void **state)
{
	struct img_spec specs[2] = { minios(), linux_like() };
	uint64_t seed = 0x656c6621;

	(void)state;
	for (unsigned int s = 0; s < 2; s++) {
		size_t len = build(&specs[s]);
		uint8_t *good = malloc(len), *buf = malloc(len);

		assert_true(good && buf);
		memcpy(good, img, len);
		for (unsigned int i = 0; i < 20000; i++) {
			int rc;

			memcpy(buf, good, len);
			for (unsigned int k = 1 + ut_rand(&seed) % 3; k; k--)
				buf[ut_rand(&seed) % DATA_OFF] =
					(uint8_t)ut_rand(&seed);
			rc = elf_parse(buf, len, &info, &why);
			if (rc) {
				assert_int_equal(rc, -ENOEXEC);
				assert_true(why[0] != '\0');
				continue;
			}
			assert_true(info.virt_base <= info.virt_kstart);
			assert_true(info.virt_kstart <= info.virt_entry);
			assert_true(info.virt_entry < info.virt_kend);
			assert_int_equal(strncmp(info.xen_version, "xen-3.0", 7),
					 0);
			if (info.hypercall_page_set)
				assert_true(info.hypercall_page % 4096 == 0 &&
					    info.hypercall_page >=
					    info.virt_kstart &&
					    info.hypercall_page <
					    info.virt_kend);
		}
		free(good);
		free(buf);
	}
}

static void test_real_guest(void **state)
{
#ifdef UT_GUEST_ELF
	FILE *f = fopen(UT_GUEST_ELF, "rb");
	const Elf64_Ehdr *eh;
	uint8_t *buf;
	size_t need;
	long len;

	(void)state;
	if (f == NULL)
		skip();
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	len = ftell(f);
	assert_true(len > 0);
	rewind(f);
	buf = malloc((size_t)len);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)len, f), (size_t)len);
	fclose(f);
	assert_int_equal(elf_parse(buf, (size_t)len, &info, &why), 0);
	assert_false(info.notes_from_sections);
	assert_int_equal(strncmp(info.xen_version, "xen-3.0", 7), 0);
	assert_true(info.virt_base <= info.virt_kstart);
	assert_true(info.virt_entry >= info.virt_kstart &&
		    info.virt_entry < info.virt_kend);
	/*
	 * The bytes the parser needs: headers, PT_LOAD file bytes and the
	 * PT_NOTE notes (the section headers are not read when PT_NOTE
	 * has the notes). Every truncation below that is rejected, every
	 * one above accepted, and nothing is read past the end.
	 */
	eh = (const Elf64_Ehdr *)buf;
	need = eh->e_phoff + (size_t)eh->e_phnum * sizeof(Elf64_Phdr);
	for (unsigned int i = 0; i < eh->e_phnum; i++) {
		const Elf64_Phdr *ph = (const Elf64_Phdr *)
			(buf + eh->e_phoff) + i;

		if (ph->p_type == PT_NOTE ||
		    (ph->p_type == PT_LOAD && ph->p_memsz))
			need = MAX(need, ph->p_offset + ph->p_filesz);
	}
	for (size_t n = (size_t)len; n-- > 0;) {
		int rc;

		UT_POISON(buf + n, 1);
		rc = elf_parse(buf, n, &info, &why);
		if (rc != (n >= need ? 0 : -ENOEXEC))
			fail_msg("truncated at %zu (need %zu): rc %d", n,
				 need, rc);
	}
	UT_UNPOISON(buf, (size_t)len);
	free(buf);
#else
	(void)state;
	skip();
#endif
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_minios_section_notes),
		cmocka_unit_test(test_same_notes_in_pt_note),
		cmocka_unit_test(test_linux_like),
		cmocka_unit_test(test_load),
		cmocka_unit_test(test_pt_note_without_xen_falls_back),
		cmocka_unit_test(test_pt_note_wins),
		cmocka_unit_test(test_no_notes),
		cmocka_unit_test(test_xen_version),
		cmocka_unit_test(test_loader_rule),
		cmocka_unit_test(test_entry),
		cmocka_unit_test(test_hypercall_page),
		cmocka_unit_test(test_virt_base),
		cmocka_unit_test(test_bad_headers),
		cmocka_unit_test(test_bad_loads),
		cmocka_unit_test(test_bad_notes),
		cmocka_unit_test(test_features),
		cmocka_unit_test(test_truncated_everywhere),
		cmocka_unit_test(test_random_corruption),
		cmocka_unit_test(test_real_guest),
	};

	return cmocka_run_group_tests_name("elf", tests, NULL, NULL);
}
