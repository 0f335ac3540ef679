// SPDX-License-Identifier: MIT
/*
 * Makes malformed dom0 images from a good PV kernel, for the boot tests
 * of the builder's error paths:
 *
 *   badimage MODE IN OUT
 *     notelf      64 KiB of pseudo-random bytes
 *     truncated   the first 200 bytes of IN (headers cut short)
 *     nonotes     IN with every "Xen" ELF note renamed "Xyz"
 *     badversion  IN with XEN_VERSION "xen-3.0" changed to "xen-2.0"
 */
#include <elf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static unsigned char *load(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	unsigned char *buf;
	long n;

	if (f == NULL || fseek(f, 0, SEEK_END) || (n = ftell(f)) < 0) {
		perror(path);
		exit(1);
	}
	rewind(f);
	buf = malloc(n ? n : 1);
	if (buf == NULL || fread(buf, 1, n, f) != (size_t)n) {
		perror(path);
		exit(1);
	}
	fclose(f);
	*len = n;
	return buf;
}

/* Applies fn to every Xen note in [off, off + size) of img. */
static void walk_notes(unsigned char *img, size_t len, size_t off,
		       size_t size, void (*fn)(Elf64_Nhdr *, unsigned char *))
{
	size_t pos = 0;

	if (off > len || size > len - off)
		return;
	while (size - pos >= sizeof(Elf64_Nhdr)) {
		Elf64_Nhdr *n = (Elf64_Nhdr *)(img + off + pos);
		size_t name = pos + sizeof(*n);
		size_t desc = name + ((n->n_namesz + 3) & ~3U);

		if (desc > size || ((n->n_descsz + 3) & ~3U) > size - desc)
			return;
		if (n->n_namesz == 4 && memcmp(img + off + name, "Xen", 4) == 0)
			fn(n, img + off + name);
		pos = desc + ((n->n_descsz + 3) & ~3U);
	}
}

static void rename_note(Elf64_Nhdr *n, unsigned char *name)
{
	(void)n;
	memcpy(name, "Xyz", 4);
}

static void downgrade_version(Elf64_Nhdr *n, unsigned char *name)
{
	unsigned char *desc = name + 4;

	if (n->n_type == 5 && n->n_descsz >= 7 && memcmp(desc, "xen-3.0", 7) == 0)
		desc[4] = '2';
}

static void each_note_area(unsigned char *img, size_t len,
			   void (*fn)(Elf64_Nhdr *, unsigned char *))
{
	Elf64_Ehdr *eh = (Elf64_Ehdr *)img;

	if (len < sizeof(*eh))
		return;
	for (unsigned int i = 0; i < eh->e_phnum; i++) {
		Elf64_Phdr *ph = (Elf64_Phdr *)(img + eh->e_phoff) + i;

		if (ph->p_type == PT_NOTE)
			walk_notes(img, len, ph->p_offset, ph->p_filesz, fn);
	}
	for (unsigned int i = 0; i < eh->e_shnum; i++) {
		Elf64_Shdr *sh = (Elf64_Shdr *)(img + eh->e_shoff) + i;

		if (sh->sh_type == SHT_NOTE)
			walk_notes(img, len, sh->sh_offset, sh->sh_size, fn);
	}
}

int main(int argc, char **argv)
{
	unsigned char *img;
	size_t len;
	FILE *out;

	if (argc != 4) {
		fprintf(stderr, "usage: badimage MODE IN OUT\n");
		return 2;
	}
	img = load(argv[2], &len);
	if (strcmp(argv[1], "notelf") == 0) {
		len = 65536;
		img = realloc(img, len);
		srand(1);
		for (size_t i = 0; i < len; i++)
			img[i] = rand() & 0xff;
	} else if (strcmp(argv[1], "truncated") == 0) {
		len = len < 200 ? len : 200;
	} else if (strcmp(argv[1], "nonotes") == 0) {
		each_note_area(img, len, rename_note);
	} else if (strcmp(argv[1], "badversion") == 0) {
		each_note_area(img, len, downgrade_version);
	} else {
		fprintf(stderr, "badimage: unknown mode '%s'\n", argv[1]);
		return 2;
	}
	out = fopen(argv[3], "wb");
	if (out == NULL || fwrite(img, 1, len, out) != len || fclose(out)) {
		perror(argv[3]);
		return 1;
	}
	free(img);
	return 0;
}
