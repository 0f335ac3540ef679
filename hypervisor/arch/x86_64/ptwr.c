/* SPDX-License-Identifier: MIT */
/*
 * Writable page tables (VMASST_TYPE_writable_pagetables): a guest
 * kernel's ordinary write to an entry of one of its own in-use L1 tables
 * faults (the table is mapped read-only), and is emulated here as Xen
 * does: the instruction at the guest's RIP is fetched (through the
 * guest's page tables) and decoded, the new entry checked like an
 * mmu_update, written (or compare-exchanged), and RIP advanced.
 *
 * Emulated: MOV (88, 89, C6, C7), XCHG (86, 87), CMPXCHG (0F B0, 0F B1),
 * OR/AND/XOR with a register or an immediate (08, 09, 20, 21, 30, 31,
 * 80/81/83 /1 /4 /6) and BTS/BTR/BTC (0F AB, B3, BB, 0F BA /5-7), with
 * LOCK, REX and operand-size prefixes; the access must be naturally
 * aligned and within the faulting page. Anything else, and any entry
 * that fails validation, is left as the page fault it was, which the
 * caller delivers to the guest. Every input here is guest-controlled.
 */
#include <asm/mm.h>
#include <asm/ptwr.h>
#include <hv/console.h>
#include <hv/errno.h>
#include <hv/guest_access.h>
#include <public/xen.h>

#define PFEC_PRESENT	(1U << 0)
#define PFEC_WRITE	(1U << 1)
#define PFEC_RSVD	(1U << 3)
#define PFEC_INSN	(1U << 4)

#define FLAGS_ARITH	(X86_FLAGS_CF | X86_FLAGS_PF | X86_FLAGS_AF | \
			 X86_FLAGS_ZF | X86_FLAGS_SF | X86_FLAGS_OF)

/* The register a ModRM/REX index names. */
static uint64_t *gpr(struct trap_frame *r, unsigned int n)
{
	switch (n & 15) {
	case 0: return &r->rax;
	case 1: return &r->rcx;
	case 2: return &r->rdx;
	case 3: return &r->rbx;
	case 4: return &r->rsp;
	case 5: return &r->rbp;
	case 6: return &r->rsi;
	case 7: return &r->rdi;
	case 8: return &r->r8;
	case 9: return &r->r9;
	case 10: return &r->r10;
	case 11: return &r->r11;
	case 12: return &r->r12;
	case 13: return &r->r13;
	case 14: return &r->r14;
	default: return &r->r15;
	}
}

static uint64_t width_mask(unsigned int w)
{
	return w == 8 ? ~0UL : (1UL << (w * 8)) - 1;
}

/* A register operand of width w (AH..BH without REX for 8 bits). */
static uint64_t reg_read(struct trap_frame *r, const struct ptwr_insn *i)
{
	if (i->width == 1 && !i->rex && i->reg >= 4 && i->reg < 8)
		return (*gpr(r, i->reg - 4) >> 8) & 0xff;
	return *gpr(r, i->reg) & width_mask(i->width);
}

static void reg_write(struct trap_frame *r, const struct ptwr_insn *i,
		      unsigned int n, uint64_t v)
{
	uint64_t *p;

	if (i->width == 1 && !i->rex && n >= 4 && n < 8) {
		p = gpr(r, n - 4);
		*p = (*p & ~0xff00UL) | ((v & 0xff) << 8);
		return;
	}
	p = gpr(r, n);
	if (i->width == 4)
		*p = v & 0xffffffffUL;		/* zero-extends */
	else
		*p = (*p & ~width_mask(i->width)) | (v & width_mask(i->width));
}

static uint64_t fetch_imm(const uint8_t *b, unsigned int *pos, unsigned int n)
{
	uint64_t v = 0;

	for (unsigned int k = 0; k < n; k++)
		v |= (uint64_t)b[(*pos)++] << (8 * k);
	/* Immediates are sign-extended. */
	if (n && n < 8 && (v & (1UL << (8 * n - 1))))
		v |= ~0UL << (8 * n);
	return v;
}

/* ModRM memory operand: the effective address, RIP-relative included. */
static int decode_modrm(const uint8_t *b, unsigned int len, unsigned int *pos,
			struct ptwr_insn *i, const struct trap_frame *regs)
{
	unsigned int modrm, mod, rm, disp = 0;
	uint64_t ea = 0;
	bool riprel = false;

	if (*pos >= len)
		return -EINVAL;
	modrm = b[(*pos)++];
	mod = modrm >> 6;
	rm = modrm & 7;
	i->reg = ((modrm >> 3) & 7) | ((i->rex & 4) << 1);
	if (mod == 3)
		return -EINVAL;			/* register operand */
	if (rm == 4) {
		unsigned int sib, base, index;

		if (*pos >= len)
			return -EINVAL;
		sib = b[(*pos)++];
		base = (sib & 7) | ((i->rex & 1) << 3);
		index = ((sib >> 3) & 7) | ((i->rex & 2) << 2);
		if (index != 4)
			ea += *gpr((struct trap_frame *)regs, index) <<
			      (sib >> 6);
		if ((sib & 7) == 5 && mod == 0)
			disp = 4;
		else
			ea += *gpr((struct trap_frame *)regs, base);
	} else if (rm == 5 && mod == 0) {
		riprel = true;
		disp = 4;
	} else {
		ea += *gpr((struct trap_frame *)regs, rm | ((i->rex & 1) << 3));
	}
	if (mod == 1)
		disp = 1;
	else if (mod == 2)
		disp = 4;
	if (*pos + disp > len)
		return -EINVAL;
	ea += fetch_imm(b, pos, disp);
	i->ea = ea;
	i->riprel = riprel;
	return 0;
}

static int decode_opcode(const uint8_t *b, unsigned int len,
			 unsigned int *pos, struct ptwr_insn *i)
{
	unsigned int op = b[(*pos)++];

	if (op == 0x0f) {
		if (*pos >= len)
			return -EINVAL;
		op = 0x100 | b[(*pos)++];
	}
	i->opcode = op;
	switch (op) {
	case 0x88: case 0x86: case 0x08: case 0x20: case 0x30:
	case 0xc6: case 0x80: case 0x1b0:
		i->width = 1;
		return 0;
	case 0x89: case 0x87: case 0x09: case 0x21: case 0x31:
	case 0xc7: case 0x81: case 0x83: case 0x1b1:
	case 0x1ab: case 0x1b3: case 0x1bb: case 0x1ba:
		return 0;
	default:
		return -EINVAL;
	}
}

int ptwr_decode(const uint8_t *b, unsigned int len, const struct trap_frame *regs,
		struct ptwr_insn *i)
{
	unsigned int pos = 0, imm = 0;
	bool opsize = false;

	memset(i, 0, sizeof(*i));
	i->width = 4;
	for (; pos < len; pos++) {
		if (b[pos] == 0xf0)
			continue;			/* LOCK */
		if (b[pos] == 0x66)
			opsize = true;
		else if (b[pos] == 0x2e || b[pos] == 0x3e ||
			 b[pos] == 0x26 || b[pos] == 0x36)
			continue;			/* null in 64-bit */
		else
			break;
	}
	if (pos < len && (b[pos] & 0xf0) == 0x40)
		i->rex = b[pos++];
	if (pos >= len)
		return -EINVAL;
	if (decode_opcode(b, len, &pos, i) || decode_modrm(b, len, &pos, i,
							   regs))
		return -EINVAL;
	if (i->width != 1)
		i->width = (i->rex & 8) ? 8 : opsize ? 2 : 4;
	if (i->opcode == 0xc6 || i->opcode == 0x80 || i->opcode == 0x83 ||
	    i->opcode == 0x1ba)
		imm = 1;
	else if (i->opcode == 0xc7 || i->opcode == 0x81)
		imm = i->width == 2 ? 2 : 4;
	if ((i->opcode == 0xc6 || i->opcode == 0xc7) && (i->reg & 7) != 0)
		return -EINVAL;
	if ((i->opcode & 0xff) >= 0x80 && (i->opcode & 0xff) <= 0x83 &&
	    i->opcode < 0x100 && (i->reg & 7) != 1 && (i->reg & 7) != 4 &&
	    (i->reg & 7) != 6)
		return -EINVAL;			/* only OR, AND, XOR */
	if (i->opcode == 0x1ba && (i->reg & 7) < 5)
		return -EINVAL;			/* only BTS, BTR, BTC */
	if (pos + imm > len)
		return -EINVAL;
	i->imm = fetch_imm(b, &pos, imm);
	i->len = pos;
	if (i->riprel)
		i->ea += regs->rip + pos;
	if (i->opcode == 0x1ab || i->opcode == 0x1b3 || i->opcode == 0x1bb) {
		/* A register bit offset may reach beyond the operand. */
		int64_t off = (int64_t)(reg_read((struct trap_frame *)regs, i)
					<< (64 - i->width * 8)) >>
			      (64 - i->width * 8);
		unsigned int sh = i->width == 8 ? 6 : i->width == 4 ? 5 : 4;

		i->ea += (uint64_t)((off >> sh) * (int64_t)i->width);
	}
	return 0;
}

static uint64_t parity_flag(uint64_t v)
{
	return __builtin_parity(v & 0xff) ? 0 : X86_FLAGS_PF;
}

static uint64_t result_flags(uint64_t v, unsigned int w)
{
	uint64_t f = parity_flag(v);

	v &= width_mask(w);
	if (v == 0)
		f |= X86_FLAGS_ZF;
	if (v >> (w * 8 - 1))
		f |= X86_FLAGS_SF;
	return f;
}

/* Flags of CMP a, b (a - b) at width w. */
static uint64_t cmp_flags(uint64_t a, uint64_t b, unsigned int w)
{
	uint64_t m = width_mask(w), r = (a - b) & m, sign = 1UL << (w * 8 - 1);
	uint64_t f = result_flags(r, w);

	a &= m;
	b &= m;
	if (a < b)
		f |= X86_FLAGS_CF;
	if (((a ^ b) & (a ^ r)) & sign)
		f |= X86_FLAGS_OF;
	if ((a ^ b ^ r) & 0x10)
		f |= X86_FLAGS_AF;
	return f;
}

/*
 * The value the instruction stores, from the old one; register and flag
 * results go to out. Returns false when nothing is to be written (a
 * failed CMPXCHG).
 */
bool ptwr_execute(const struct ptwr_insn *i, struct trap_frame *regs,
		  uint64_t old, uint64_t *new, uint64_t *rflags)
{
	uint64_t m = width_mask(i->width), src, f = 0;
	unsigned int op = i->opcode, bit;

	old &= m;
	src = (op == 0xc6 || op == 0xc7 || (op >= 0x80 && op <= 0x83) ||
	       op == 0x1ba) ?
	      i->imm : reg_read(regs, i);
	src &= m;
	switch (op) {
	case 0x88: case 0x89: case 0xc6: case 0xc7:
		*new = src;
		return true;
	case 0x86: case 0x87:
		reg_write(regs, i, i->reg, old);
		*new = src;
		return true;
	case 0x1b0: case 0x1b1: {
		uint64_t acc = *gpr(regs, 0) & m;

		f = cmp_flags(acc, old, i->width);
		*rflags = (*rflags & ~FLAGS_ARITH) | f;
		if (acc != old) {
			struct ptwr_insn a = *i;

			a.reg = 0;
			a.rex = 1;	/* AL, not AH */
			reg_write(regs, &a, 0, old);
			return false;
		}
		*new = src;
		return true;
	}
	case 0x1ab: case 0x1b3: case 0x1bb: case 0x1ba:
		/* BTS/BTR/BTC: the bit within the operand (see decode). */
		bit = src & (i->width * 8 - 1);
		*rflags = (*rflags & ~X86_FLAGS_CF) |
			  ((old >> bit) & 1 ? X86_FLAGS_CF : 0);
		if (op == 0x1ab || (op == 0x1ba && (i->reg & 7) == 5))
			*new = old | (1UL << bit);
		else if (op == 0x1b3 || (op == 0x1ba && (i->reg & 7) == 6))
			*new = old & ~(1UL << bit);
		else
			*new = old ^ (1UL << bit);
		return true;
	default:
		break;
	}
	/* OR, AND, XOR: register forms 08/09, 20/21, 30/31; immediate /1 /4 /6. */
	if ((op & 0xfc) == 0x80)
		op = (i->reg & 7) == 1 ? 0x09 : (i->reg & 7) == 4 ? 0x21 : 0x31;
	if (op == 0x08 || op == 0x09)
		*new = old | src;
	else if (op == 0x20 || op == 0x21)
		*new = old & src;
	else
		*new = old ^ src;
	*rflags = (*rflags & ~FLAGS_ARITH) | result_flags(*new, i->width);
	return true;
}

/* Reads up to 15 instruction bytes, stopping where the guest's mapping
 * ends; returns how many. */
static unsigned int fetch_insn(uint64_t rip, uint8_t *b)
{
	unsigned int n = 0;

	while (n < PTWR_MAX_INSN && copy_from_guest(&b[n], rip + n, 1) == 0)
		n++;
	return n;
}

/* The write itself: merged into the full entry, checked, installed.
 * 1: done, 0: retry the instruction, -1: refused (a fault). */
static int ptwr_update(struct vcpu *v, struct page_info *pg,
			const struct ptwr_insn *i, struct trap_frame *regs)
{
	struct domain *d = v->domain;
	unsigned int shift = (i->ea & 7) * 8;
	uint64_t *pl1e = (uint64_t *)mfn_to_virt(page_to_mfn(pg)) +
			 ((i->ea & (PAGE_SIZE - 1)) >> 3);
	uint64_t full = READ_ONCE(*pl1e), rflags = regs->rflags, nv, ne;
	struct trap_frame saved = *regs;

	if (!ptwr_execute(i, regs, full >> shift, &nv, &rflags)) {
		regs->rflags = rflags;	/* CMPXCHG that did not match */
		return 1;
	}
	ne = (full & ~(width_mask(i->width) << shift)) |
	     ((nv & width_mask(i->width)) << shift);
	if ((ne & _PAGE_PRESENT) && mm_get_page_from_l1e(ne, d, d)) {
		*regs = saved;
		gprintk(d, "mm: ptwr write %#lx to L1 mfn %#lx refused\n", ne,
			page_to_mfn(pg));
		return -1;
	}
	ne = mm_adjust_guest_l1e(ne);
	if (!__atomic_compare_exchange_n(pl1e, &full, ne, false,
					 __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST)) {
		/* Changed meanwhile (A/D by the CPU): retry the instruction. */
		mm_put_page_from_l1e(ne, d);
		*regs = saved;
		return 0;
	}
	mm_put_page_from_l1e(full, d);
	regs->rflags = rflags;
	return 1;
}

bool pv_ptwr_fault(struct vcpu *v, struct trap_frame *regs, uint64_t cr2)
{
	struct domain *d = v->domain;
	uint32_t ec = regs->error_code;
	struct ptwr_insn insn;
	struct page_info *pg;
	unsigned long l1mfn;
	uint64_t *pl1e, pte;
	uint8_t b[PTWR_MAX_INSN];
	unsigned int n;
	int rc = -1;

	/* Always on for PV guests, as on Xen 4.17, whatever vm_assist says. */
	if (!v->arch.in_kernel ||
	    (ec & (PFEC_PRESENT | PFEC_WRITE | PFEC_RSVD | PFEC_INSN)) !=
	    (PFEC_PRESENT | PFEC_WRITE))
		return false;
	pl1e = mm_guest_l1e(v, cr2, &l1mfn);
	if (pl1e == NULL)
		return false;
	pte = READ_ONCE(*pl1e);
	if ((pte & (_PAGE_PRESENT | _PAGE_RW)) != _PAGE_PRESENT ||
	    mm_mfn_is_iomem(pte_mfn(pte)))
		return false;
	pg = mfn_to_page(pte_mfn(pte));
	if (!get_page(pg, d))
		return false;
	if ((pg->type_info & (PGT_type_mask | PGT_validated)) !=
	    (PGT_l1_page_table | PGT_validated))
		goto out;
	n = fetch_insn(regs->rip, b);
	if (ptwr_decode(b, n, regs, &insn) ||
	    ((insn.ea ^ cr2) & ~(PAGE_SIZE - 1)) ||
	    (insn.ea & (insn.width - 1)))
		goto out;
	rc = ptwr_update(v, pg, &insn, regs);
	if (rc > 0)
		regs->rip += insn.len;
out:
	put_page(pg);
	return rc >= 0;
}
