/* SPDX-License-Identifier: MIT */
/*
 * Emulation of the privileged instructions a PV kernel executes and Xen
 * emulates for it. They fault in ring 3 (#GP; #UD for the forced-
 * emulation prefix) and come here before any trap is delivered, so they
 * work before the guest has a trap table:
 *   cpuid (plain, with CPUID faulting on, or as ud2; "xen"; cpuid),
 *   rdmsr/wrmsr of the FS/GS bases and a few harmless MSRs (others #GP),
 *   mov from CR0/CR2/CR3/CR4, mov to CR0 (TS only), clts,
 *   wbinvd/invd (ignored), hlt (a yield),
 *   in/out to the ports the domain was given, with enough virtual IOPL.
 * The instruction bytes are read once through the guest's page tables;
 * anything not recognised, or not allowed in the guest's mode, is left
 * to the caller, which delivers the original exception.
 */
#include <asm/processor.h>
#include <asm/traps.h>
#include <hv/console.h>
#include <hv/guest_access.h>
#include <hv/hypercall.h>

#define MSR_TSC			0x00000010
#define MSR_PAT			0x00000277
#define MSR_MISC_ENABLE		0x000001a0
#define MSR_PLATFORM_ID		0x00000017
#define MSR_BIOS_SIGN_ID	0x0000008b
#define MAX_INSN		15

struct insn {
	uint8_t		b[MAX_INSN];
	unsigned int	len;		/* bytes readable */
	unsigned int	pos;		/* after prefixes */
	bool		opsize16;
	uint8_t		rex;
};

enum emul { EMUL_NONE, EMUL_DONE };

/* Reads up to 15 bytes at rip; stops at the first unreadable one. */
static void fetch(const struct trap_frame *regs, struct insn *in)
{
	memset(in, 0, sizeof(*in));
	while (in->len < MAX_INSN &&
	       copy_from_guest(&in->b[in->len], regs->rip + in->len, 1) == 0)
		in->len++;
	for (; in->pos < in->len; in->pos++) {
		uint8_t c = in->b[in->pos];

		if (c == 0x66)
			in->opsize16 = true;
		else if (c != 0x67 && c != 0xf2 && c != 0xf3 && c != 0x2e &&
			 c != 0x36 && c != 0x3e && c != 0x26 && c != 0x64 &&
			 c != 0x65)
			break;
	}
	if (in->pos < in->len && (in->b[in->pos] & 0xf0) == 0x40)
		in->rex = in->b[in->pos++];
}

static bool has(const struct insn *in, unsigned int n)
{
	return in->pos + n <= in->len;
}

static uint64_t *gpr(struct trap_frame *r, unsigned int n)
{
	uint64_t *map[16] = {
		&r->rax, &r->rcx, &r->rdx, &r->rbx, &r->rsp, &r->rbp,
		&r->rsi, &r->rdi, &r->r8, &r->r9, &r->r10, &r->r11,
		&r->r12, &r->r13, &r->r14, &r->r15,
	};

	return map[n & 15];
}

static void emul_cpuid(struct vcpu *v, struct trap_frame *regs)
{
	uint32_t r[4];

	pv_cpuid(v, regs->rax, regs->rcx, r);
	regs->rax = r[0];
	regs->rbx = r[1];
	regs->rcx = r[2];
	regs->rdx = r[3];
}

static bool emul_rdmsr(struct vcpu *v, uint32_t msr, uint64_t *val)
{
	switch (msr) {
	case MSR_FS_BASE:
		*val = rdmsr(MSR_FS_BASE);
		return true;
	case MSR_GS_BASE:
		*val = rdmsr(MSR_GS_BASE);
		return true;
	case MSR_SHADOW_GS_BASE:
		*val = v->arch.gs_base_user;
		return true;
	case MSR_EFER:
		*val = rdmsr(MSR_EFER) & (EFER_SCE | EFER_LME | (1UL << 10) |
					  EFER_NXE);
		return true;
	case MSR_TSC:
		*val = rdtsc();
		return true;
	case MSR_PAT:
		*val = rdmsr(MSR_PAT);
		return true;
	case MSR_MISC_ENABLE:
	case MSR_PLATFORM_ID:
	case MSR_BIOS_SIGN_ID:
		*val = 0;
		return true;
	default:
		return false;
	}
}

static bool emul_wrmsr(struct vcpu *v, uint32_t msr, uint64_t val)
{
	uint64_t cur;

	switch (msr) {
	case MSR_FS_BASE:
		if (!is_canonical(val))
			return false;
		wrmsr(MSR_FS_BASE, val);
		v->arch.fs_base = val;
		return true;
	case MSR_GS_BASE:
		if (!is_canonical(val))
			return false;
		wrmsr(MSR_GS_BASE, val);
		v->arch.gs_base_kernel = val;
		return true;
	case MSR_SHADOW_GS_BASE:
		if (!is_canonical(val))
			return false;
		v->arch.gs_base_user = val;
		return true;
	default:
		/* Harmless when the value is what it already reads. */
		return emul_rdmsr(v, msr, &cur) && msr != MSR_TSC &&
		       cur == val;
	}
}

static void inject_gp0(struct vcpu *v, struct trap_frame *regs)
{
	pv_inject_exception(v, regs, 13, 0);
}

static enum emul emul_msr(struct vcpu *v, struct trap_frame *regs,
			  bool write)
{
	uint32_t msr = regs->rcx;
	uint64_t val = (regs->rdx << 32) | (uint32_t)regs->rax;

	if (write ? !emul_wrmsr(v, msr, val) : !emul_rdmsr(v, msr, &val)) {
		gprintk(v->domain, "%s of MSR %#x: #GP\n",
			write ? "wrmsr" : "rdmsr", msr);
		inject_gp0(v, regs);
		return EMUL_DONE;
	}
	if (!write) {
		regs->rax = (uint32_t)val;
		regs->rdx = val >> 32;
	}
	regs->rip += 2;
	return EMUL_DONE;
}

static uint64_t guest_cr(const struct vcpu *v, unsigned int n)
{
	switch (n) {
	case 0:
		return (read_cr0() & ~X86_CR0_TS) |
		       (v->arch.virt_ts ? X86_CR0_TS : 0);
	case 2:
		return v->arch.guest_cr2;
	case 3:
		return v->arch.in_kernel ? v->arch.cr3 : v->arch.cr3_user;
	default:
		return read_cr4() & (X86_CR4_PAE | X86_CR4_OSFXSR |
				     X86_CR4_OSXMMEXCPT | (1UL << 3));
	}
}

/* 0F 20 /r (read) and 0F 22 /r (write): register-direct ModRM only. */
static enum emul emul_mov_cr(struct vcpu *v, struct trap_frame *regs,
			     const struct insn *in, bool write)
{
	uint8_t modrm = in->b[in->pos + 2];
	unsigned int cr = ((modrm >> 3) & 7) | ((in->rex & 4) << 1);
	unsigned int reg = (modrm & 7) | ((in->rex & 1) << 3);

	if ((modrm >> 6) != 3 || (cr != 0 && cr != 2 && cr != 3 && cr != 4))
		return EMUL_NONE;
	if (!write) {
		*gpr(regs, reg) = guest_cr(v, cr);
	} else {
		uint64_t val = *gpr(regs, reg);

		/* Only CR0.TS may change, as on Xen. */
		if (cr != 0 || ((val ^ guest_cr(v, 0)) & ~X86_CR0_TS))
			return EMUL_NONE;
		do_fpu_taskswitch((val & X86_CR0_TS) != 0);
	}
	regs->rip += in->pos + 3;
	return EMUL_DONE;
}

static enum emul emul_io(struct vcpu *v, struct trap_frame *regs,
			 const struct insn *in)
{
	uint8_t op = in->b[in->pos];
	bool imm = op < 0xe8, out = op & 2;
	unsigned int size = !(op & 1) ? 1 : in->opsize16 ? 2 : 4;
	unsigned int port;
	uint64_t *rax = &regs->rax;

	if (imm && !has(in, 2))
		return EMUL_NONE;
	port = imm ? in->b[in->pos + 1] : (uint16_t)regs->rdx;
	if (!pv_io_iopl_ok(v))
		return EMUL_NONE;
	if (!pv_io_permitted(v, port, size)) {
		/* As Xen: a port not given reads as all ones, writes vanish. */
		if (!out)
			*rax = size == 4 ? 0xffffffffUL :
			       *rax | (size == 2 ? 0xffffUL : 0xffUL);
	} else if (out && size == 1)
		outb(port, *rax);
	else if (out && size == 2)
		__asm__ __volatile__("outw %w0, %w1" : : "a" (*rax), "Nd" (port));
	else if (out)
		outl(port, *rax);
	else if (size == 1)
		*rax = (*rax & ~0xffUL) | inb(port);
	else if (size == 2) {
		uint16_t w;

		__asm__ __volatile__("inw %w1, %w0" : "=a" (w) : "Nd" (port));
		*rax = (*rax & ~0xffffUL) | w;
	} else {
		uint32_t l;

		__asm__ __volatile__("inl %w1, %0" : "=a" (l) : "Nd" (port));
		*rax = l;
	}
	regs->rip += in->pos + (imm ? 2 : 1);
	return EMUL_DONE;
}

/* Two-byte opcodes 0F xx, guest kernel mode except cpuid. */
static enum emul emul_0f(struct vcpu *v, struct trap_frame *regs,
			 const struct insn *in)
{
	uint8_t op = in->b[in->pos + 1];

	if (op == 0xa2) {
		emul_cpuid(v, regs);
		regs->rip += in->pos + 2;
		return EMUL_DONE;
	}
	if (!v->arch.in_kernel)
		return EMUL_NONE;
	switch (op) {
	case 0x30:
	case 0x32:
		return emul_msr(v, regs, op == 0x30);
	case 0x20:
	case 0x22:
		return has(in, 3) ? emul_mov_cr(v, regs, in, op == 0x22) :
		       EMUL_NONE;
	case 0x06:
		do_fpu_taskswitch(0);
		break;
	case 0x08:
	case 0x09:
		break;		/* invd, wbinvd: nothing to do for a guest */
	default:
		return EMUL_NONE;
	}
	regs->rip += in->pos + 2;
	return EMUL_DONE;
}

static const uint8_t forced_cpuid[] = { 0x0f, 0x0b, 'x', 'e', 'n', 0x0f,
					0xa2 };

bool pv_emulate_privileged(struct vcpu *v, struct trap_frame *regs,
			   unsigned int vec)
{
	struct insn in;
	uint8_t op;

	fetch(regs, &in);
	if (vec == 6) {
		if (in.len < sizeof(forced_cpuid) ||
		    memcmp(in.b, forced_cpuid, sizeof(forced_cpuid)) != 0)
			return false;
		emul_cpuid(v, regs);
		regs->rip += sizeof(forced_cpuid);
		return true;
	}
	if (!has(&in, 1))
		return false;
	op = in.b[in.pos];
	if (op == 0x0f && has(&in, 2))
		return emul_0f(v, regs, &in) == EMUL_DONE;
	if ((op >= 0xe4 && op <= 0xe7) || (op >= 0xec && op <= 0xef))
		return emul_io(v, regs, &in) == EMUL_DONE;
	if (op == 0xf4 && v->arch.in_kernel) {	/* hlt: nothing to wait for */
		regs->rip += in.pos + 1;
		return true;
	}
	return false;
}
