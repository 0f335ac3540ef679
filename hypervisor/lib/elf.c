/* SPDX-License-Identifier: MIT */
/*
 * ELF64 and Xen note parsing for PV kernels. The rules are Xen's
 * (XEN-ABI.md 1.1-1.2): notes named "Xen" from PT_NOTE segments, or if
 * none of those carry any, from SHT_NOTE sections; XEN_VERSION must
 * start with "xen-3.0"; LOADER must start with "generic" unless GUEST_OS
 * starts with "linux"; the kernel's virtual range is the PT_LOAD p_paddr
 * span moved by VIRT_BASE - PADDR_OFFSET, and must hold the entry point
 * and the hypercall page. Every offset and size is checked against the
 * image before it is read.
 */
#include <hv/elf.h>
#include <hv/errno.h>

#define EI_NIDENT	16
#define ELFCLASS64	2
#define ELFDATA2LSB	1
#define ET_EXEC		2
#define EM_X86_64	62
#define PT_LOAD		1
#define PT_NOTE		4
#define SHT_NOTE	7
#define ELF_MAX_PHDRS	64
#define ELF_MAX_SHDRS	256

struct elf64_ehdr {
	uint8_t		e_ident[EI_NIDENT];
	uint16_t	e_type, e_machine;
	uint32_t	e_version;
	uint64_t	e_entry, e_phoff, e_shoff;
	uint32_t	e_flags;
	uint16_t	e_ehsize, e_phentsize, e_phnum;
	uint16_t	e_shentsize, e_shnum, e_shstrndx;
};

struct elf64_phdr {
	uint32_t	p_type, p_flags;
	uint64_t	p_offset, p_vaddr, p_paddr, p_filesz, p_memsz, p_align;
};

struct elf64_shdr {
	uint32_t	sh_name, sh_type;
	uint64_t	sh_flags, sh_addr, sh_offset, sh_size;
	uint32_t	sh_link, sh_info;
	uint64_t	sh_addralign, sh_entsize;
};

/* Names as in features.h, indexed by XENFEAT_ number. */
static const char *const feature_names[] = {
	"writable_page_tables", "writable_descriptor_tables",
	"auto_translated_physmap", "supervisor_mode_kernel",
	"pae_pgdir_above_4gb", "mmu_pt_update_preserve_ad",
	"highmem_assist", "gnttab_map_avail_bits", "hvm_callback_vector",
	"hvm_safe_pvclock", "hvm_pirqs", "dom0", "grant_map_identity",
	"memory_op_vnode_supported", "ARM_SMCCC_supported",
	"linux_rsdp_unrestricted", "not_direct_mapped", "direct_mapped",
};

int elf_feature_index(const char *name, size_t len)
{
	for (unsigned int i = 0; i < ARRAY_SIZE(feature_names); i++)
		if (strlen(feature_names[i]) == len &&
		    strncmp(feature_names[i], name, len) == 0)
			return (int)i;
	return -1;
}

static bool range_ok(size_t len, uint64_t off, uint64_t size)
{
	return off <= len && size <= len - off;
}

/* "a|!b|c": sets the supported and, with '!', required bits. */
static int parse_features(struct elf_info *info, const char **why)
{
	const char *s = info->features;

	while (*s) {
		bool req = *s == '!';
		size_t n = 0;
		int idx;

		s += req;
		while (s[n] && s[n] != '|')
			n++;
		idx = elf_feature_index(s, n);
		if (idx < 0 && req) {
			*why = "FEATURES requires a feature unknown to Shoji";
			return -ENOEXEC;
		}
		if (idx >= 0) {
			info->f_supported[idx / 32] |= 1U << (idx % 32);
			if (req)
				info->f_required[idx / 32] |= 1U << (idx % 32);
		}
		s += n;
		if (*s == '|')
			s++;
	}
	return 0;
}

static uint64_t note_num(const uint8_t *desc, uint32_t size)
{
	uint64_t v = 0;

	if (size == 4) {
		uint32_t v32;

		memcpy(&v32, desc, 4);
		v = v32;
	} else if (size == 8) {
		memcpy(&v, desc, 8);
	}
	return v;
}

/* Records one Xen note; returns false if a string is unterminated. */
static bool take_note(struct elf_info *info, uint32_t type,
		      const uint8_t *desc, uint32_t size)
{
	const char *str = (const char *)desc;
	bool is_str = type == 5 || type == 6 || type == 8 || type == 10;

	if (is_str && (size == 0 || strnlen(str, size) == size))
		return false;
	switch (type) {
	case 1:
		info->entry = note_num(desc, size);
		info->entry_set = true;
		break;
	case 2:
		info->hypercall_page = note_num(desc, size);
		info->hypercall_page_set = true;
		break;
	case 3:
		info->virt_base = note_num(desc, size);
		info->virt_base_set = true;
		break;
	case 4:
		info->paddr_offset = note_num(desc, size);
		info->paddr_offset_set = true;
		break;
	case 5:
		info->xen_version = str;
		break;
	case 6:
		info->guest_os = str;
		break;
	case 8:
		info->loader = str;
		break;
	case 10:
		info->features = str;
		break;
	case 17:
		info->f_supported[0] |= (uint32_t)note_num(desc, size);
		break;
	default:
		break;
	}
	return true;
}

/*
 * Walks the notes in img[off, off + size). Returns the number of Xen
 * notes taken, or -ENOEXEC for a malformed one.
 */
static int scan_notes(const uint8_t *img, uint64_t off, uint64_t size,
		      struct elf_info *info, const char **why)
{
	const uint8_t *p = img + off;
	uint64_t pos = 0;
	int taken = 0;

	while (size - pos >= 12) {
		uint32_t namesz, descsz, type;
		uint64_t name_off, desc_off, next;

		memcpy(&namesz, p + pos, 4);
		memcpy(&descsz, p + pos + 4, 4);
		memcpy(&type, p + pos + 8, 4);
		name_off = pos + 12;
		desc_off = name_off + ROUNDUP((uint64_t)namesz, 4);
		next = desc_off + ROUNDUP((uint64_t)descsz, 4);
		if (desc_off > size || next > size ||
		    descsz > size - desc_off) {
			*why = "ELF note runs past its segment";
			return -ENOEXEC;
		}
		if (namesz == 4 && memcmp(p + name_off, "Xen", 4) == 0) {
			if (!take_note(info, type, p + desc_off, descsz)) {
				*why = "Xen ELF note string not terminated";
				return -ENOEXEC;
			}
			taken++;
		}
		pos = next;
	}
	return taken;
}

static int check_ehdr(const struct elf64_ehdr *eh, size_t len,
		      const char **why)
{
	if (len < sizeof(*eh) || memcmp(eh->e_ident, "\177ELF", 4) != 0) {
		*why = "not an ELF file";
		return -ENOEXEC;
	}
	if (eh->e_ident[4] != ELFCLASS64 || eh->e_ident[5] != ELFDATA2LSB ||
	    eh->e_machine != EM_X86_64) {
		*why = "not a little-endian x86-64 ELF64 image";
		return -ENOEXEC;
	}
	if (eh->e_type != ET_EXEC) {
		*why = "ELF image is not an executable (ET_EXEC)";
		return -ENOEXEC;
	}
	if (eh->e_phnum == 0 || eh->e_phnum > ELF_MAX_PHDRS ||
	    eh->e_phentsize != sizeof(struct elf64_phdr) ||
	    !range_ok(len, eh->e_phoff,
		      (uint64_t)eh->e_phnum * sizeof(struct elf64_phdr)) ||
	    !IS_ALIGNED(eh->e_phoff, 8)) {
		*why = "ELF program headers out of bounds";
		return -ENOEXEC;
	}
	return 0;
}

static int scan_phdrs(const uint8_t *img, size_t len,
		      const struct elf64_ehdr *eh, struct elf_info *info,
		      const char **why)
{
	const struct elf64_phdr *ph = (const void *)(img + eh->e_phoff);
	int notes = 0;

	info->pstart = UINT64_MAX;
	for (unsigned int i = 0; i < eh->e_phnum; i++, ph++) {
		if (ph->p_type == PT_NOTE && range_ok(len, ph->p_offset,
						      ph->p_filesz)) {
			int n = scan_notes(img, ph->p_offset, ph->p_filesz,
					   info, why);

			if (n < 0)
				return n;
			notes += n;
		}
		if (ph->p_type != PT_LOAD || ph->p_memsz == 0)
			continue;
		if (!range_ok(len, ph->p_offset, ph->p_filesz) ||
		    ph->p_filesz > ph->p_memsz ||
		    ph->p_memsz > UINT64_MAX - ph->p_paddr) {
			*why = "ELF PT_LOAD segment out of bounds";
			return -ENOEXEC;
		}
		info->pstart = MIN(info->pstart, ph->p_paddr);
		info->pend = MAX(info->pend, ph->p_paddr + ph->p_memsz);
	}
	if (info->pstart == UINT64_MAX) {
		*why = "ELF image has no PT_LOAD segment";
		return -ENOEXEC;
	}
	return notes;
}

static int scan_sections(const uint8_t *img, size_t len,
			 const struct elf64_ehdr *eh, struct elf_info *info,
			 const char **why)
{
	const struct elf64_shdr *sh;
	int notes = 0;

	if (eh->e_shnum == 0)
		return 0;
	if (eh->e_shnum > ELF_MAX_SHDRS ||
	    eh->e_shentsize != sizeof(struct elf64_shdr) ||
	    !range_ok(len, eh->e_shoff,
		      (uint64_t)eh->e_shnum * sizeof(*sh)) ||
	    !IS_ALIGNED(eh->e_shoff, 8)) {
		*why = "ELF section headers out of bounds";
		return -ENOEXEC;
	}
	sh = (const void *)(img + eh->e_shoff);
	for (unsigned int i = 0; i < eh->e_shnum; i++, sh++) {
		int n;

		if (sh->sh_type != SHT_NOTE)
			continue;
		if (!range_ok(len, sh->sh_offset, sh->sh_size)) {
			*why = "ELF note section out of bounds";
			return -ENOEXEC;
		}
		n = scan_notes(img, sh->sh_offset, sh->sh_size, info, why);
		if (n < 0)
			return n;
		notes += n;
	}
	return notes;
}

/* Xen's acceptance rules and the virtual range arithmetic. */
static int check_xen_rules(struct elf_info *info, const char **why)
{
	if (info->xen_version == NULL ||
	    strncmp(info->xen_version, "xen-3.0", 7) != 0) {
		*why = "XEN_VERSION note missing or not xen-3.0";
		return -ENOEXEC;
	}
	if ((info->loader == NULL ||
	     strncmp(info->loader, "generic", 7) != 0) &&
	    (info->guest_os == NULL ||
	     strncmp(info->guest_os, "linux", 5) != 0)) {
		*why = "LOADER note is not 'generic' and GUEST_OS not 'linux'";
		return -ENOEXEC;
	}
	info->virt_offset = info->virt_base - info->paddr_offset;
	info->virt_kstart = info->pstart + info->virt_offset;
	info->virt_kend = info->pend + info->virt_offset;
	info->virt_entry = info->entry_set ? info->entry : info->e_entry;
	if (info->virt_kstart > info->virt_kend ||
	    info->virt_kend - info->virt_kstart != info->pend - info->pstart) {
		*why = "kernel virtual range wraps";
		return -ENOEXEC;
	}
	if (info->virt_base > info->virt_kstart) {
		*why = "VIRT_BASE lies above the kernel's start";
		return -ENOEXEC;
	}
	if (info->virt_entry < info->virt_kstart ||
	    info->virt_entry >= info->virt_kend) {
		*why = "entry point outside the kernel image";
		return -ENOEXEC;
	}
	if (info->hypercall_page_set &&
	    (!IS_ALIGNED(info->hypercall_page, 4096) ||
	     info->hypercall_page < info->virt_kstart ||
	     info->hypercall_page >= info->virt_kend)) {
		*why = "HYPERCALL_PAGE not a page inside the kernel image";
		return -ENOEXEC;
	}
	return info->features ? parse_features(info, why) : 0;
}

int elf_parse(const void *image, size_t len, struct elf_info *info,
	      const char **why)
{
	const uint8_t *img = image;
	struct elf64_ehdr eh;
	int rc, notes;

	memset(info, 0, sizeof(*info));
	*why = "";
	if (len >= sizeof(eh))
		memcpy(&eh, img, sizeof(eh));
	rc = check_ehdr(&eh, len, why);
	if (rc)
		return rc;
	info->e_entry = eh.e_entry;
	notes = scan_phdrs(img, len, &eh, info, why);
	if (notes < 0)
		return notes;
	if (notes == 0) {
		notes = scan_sections(img, len, &eh, info, why);
		if (notes < 0)
			return notes;
		info->notes_from_sections = notes > 0;
	}
	if (notes == 0) {
		*why = "no Xen ELF notes: not a Xen PV kernel";
		return -ENOEXEC;
	}
	return check_xen_rules(info, why);
}

int elf_load(const void *image, size_t len, const struct elf_info *info,
	     int (*put)(uint64_t va, const void *src, size_t n, void *ctx),
	     void *ctx)
{
	const uint8_t *img = image;
	const struct elf64_ehdr *eh = image;
	const struct elf64_phdr *ph = (const void *)(img + eh->e_phoff);
	int rc;

	(void)len;
	for (unsigned int i = 0; i < eh->e_phnum; i++, ph++) {
		uint64_t va = ph->p_paddr + info->virt_offset;

		if (ph->p_type != PT_LOAD || ph->p_memsz == 0)
			continue;
		rc = put(va, img + ph->p_offset, ph->p_filesz, ctx);
		if (rc == 0 && ph->p_memsz > ph->p_filesz)
			rc = put(va + ph->p_filesz, NULL,
				 ph->p_memsz - ph->p_filesz, ctx);
		if (rc)
			return rc;
	}
	return 0;
}
