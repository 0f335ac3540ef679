/* SPDX-License-Identifier: MIT */
/*
 * Guest user mode. A PV kernel and its user programs both run in ring 3;
 * the hypervisor tells them apart by a per-vCPU mode and gives each its
 * own page table:
 *
 *  - the user L4 (MMUEXT_NEW_USER_BASEPTR) maps only the program: code
 *    read-only at USER_CODE, data and stack read-write after it. Its L3
 *    is also hooked into slot 0 of the kernel L4, so that the kernel,
 *    like Linux, reads user memory at the same addresses;
 *  - stack_switch names the kernel stack the hypervisor switches to when
 *    the program makes a system call or takes a trap;
 *  - the iret hypercall with an RPL-3 code selector enters user mode
 *    (entry.S user_run); `syscall` from user mode is bounced to our
 *    syscall callback (callback_op), which returns with iret too;
 *  - SYS_exit, int $0x80 or a fault ends the program: the handler calls
 *    user_return(), which resumes user_run()'s caller.
 *
 * Everything is built for one run and torn down after it, so the counts
 * the hypervisor keeps on our frames must come back to where they were.
 */
#include <string.h>
#include <public/errno.h>
#include <guest/guest.h>
#include <guest/hypercall.h>
#include <guest/mm.h>
#include <guest/printk.h>
#include <guest/user.h>

#define USER_PAGES	3		/* code, data, stack */
#define KSTACK_SIZE	8192
#define EXIT_FAULT	0x1000		/* + vector: ended by a trap */
#define MSG_MAX		128

static uint8_t user_kstack[KSTACK_SIZE] __attribute__((aligned(16)));
static bool user_active;

/* The frames of one run: tables L4 L3 L2 L1, then the user pages. */
struct user_space {
	uint64_t	*table[4];
	uint8_t		*page[USER_PAGES];
};

static void user_space_free(struct user_space *us)
{
	for (unsigned int i = 0; i < 4; i++) {
		if (us->table[i] && mm_make_rw(us->table[i]) == 0)
			page_free(us->table[i]);
	}
	for (unsigned int i = 0; i < USER_PAGES; i++)
		if (us->page[i])
			page_free(us->page[i]);
}

static int user_space_alloc(struct user_space *us, uint64_t mode)
{
	uint64_t *l4, *l3, *l2, *l1;

	memset(us, 0, sizeof(*us));
	for (unsigned int i = 0; i < 4; i++)
		if (!(us->table[i] = page_alloc()))
			return -XEN_ENOMEM;
	for (unsigned int i = 0; i < USER_PAGES; i++)
		if (!(us->page[i] = page_alloc()))
			return -XEN_ENOMEM;
	l4 = us->table[0], l3 = us->table[1], l2 = us->table[2];
	l1 = us->table[3];
	memcpy(us->page[0], user_prog_start, user_prog_end - user_prog_start);
	*(uint64_t *)us->page[1] = mode;
	l1[pt_index(USER_CODE, 1)] = pte_make(virt_to_mfn(us->page[0]),
					      PTE_P | PTE_US | PTE_A);
	for (unsigned int i = 1; i < USER_PAGES; i++)
		l1[pt_index(USER_CODE, 1) + i] = pte_make(
			virt_to_mfn(us->page[i]),
			PTE_P | PTE_RW | PTE_US | PTE_A | PTE_D);
	l2[pt_index(USER_CODE, 2)] = pte_make(virt_to_mfn(l1), PTE_TABLE);
	l3[pt_index(USER_CODE, 3)] = pte_make(virt_to_mfn(l2), PTE_TABLE);
	l4[pt_index(USER_CODE, 4)] = pte_make(virt_to_mfn(l3), PTE_TABLE);
	return 0;
}

static long step(const char *what, long rc)
{
	if (rc < 0)
		printk("usermode: %s failed: %ld (%s)\n", what, rc,
		       xen_strerror(rc));
	return rc;
}

/* Page tables read-only, L4 pinned and loaded, L3 shared with the kernel. */
static long user_space_load(struct user_space *us)
{
	uint64_t slot0 = (mm_kernel_l4_mfn() << PAGE_SHIFT) +
			 pt_index(USER_CODE, 4) * 8;
	long rc = 0;

	for (unsigned int i = 0; i < 4 && rc == 0; i++)
		rc = step("update_va_mapping(table read-only)",
			  mm_make_ro(us->table[i]));
	if (rc == 0)
		rc = step("mmuext_op(PIN_L4_TABLE user)",
			  mmuext1(MMUEXT_PIN_L4_TABLE,
				  virt_to_mfn(us->table[0])));
	if (rc == 0)
		rc = step("mmuext_op(NEW_USER_BASEPTR)",
			  mmuext1(MMUEXT_NEW_USER_BASEPTR,
				  virt_to_mfn(us->table[0])));
	if (rc == 0)
		rc = step("mmu_update(kernel L4 slot 0)",
			  mm_update1(slot0, pte_make(virt_to_mfn(us->table[1]),
						     PTE_TABLE)));
	if (rc == 0)
		rc = step("stack_switch",
			  hypercall_stack_switch(FLAT_KERNEL_SS,
				(uint64_t)user_kstack + KSTACK_SIZE));
	return rc;
}

static void user_space_unload(struct user_space *us)
{
	uint64_t slot0 = (mm_kernel_l4_mfn() << PAGE_SHIFT) +
			 pt_index(USER_CODE, 4) * 8;

	step("mmu_update(clear kernel L4 slot 0)", mm_update1(slot0, 0));
	step("mmuext_op(NEW_USER_BASEPTR 0)",
	     mmuext1(MMUEXT_NEW_USER_BASEPTR, 0));
	step("mmuext_op(UNPIN_TABLE user L4)",
	     mmuext1(MMUEXT_UNPIN_TABLE, virt_to_mfn(us->table[0])));
	step("mmuext_op(TLB_FLUSH_LOCAL)", mmuext1(MMUEXT_TLB_FLUSH_LOCAL, 0));
}

/* Copies a user buffer after checking it lies in the user pages. */
static long sys_write(uint64_t buf, uint64_t len)
{
	char msg[MSG_MAX + 1];

	if (len > MSG_MAX || buf < USER_CODE || buf > USER_END - len)
		return -XEN_EFAULT;
	memcpy(msg, (const void *)buf, len);
	msg[len] = '\0';
	printk("%s", msg);
	return len;
}

void syscall_handle(struct trap_frame *f)
{
	switch (f->rax) {
	case SYS_write:
		f->rax = sys_write(f->rdi, f->rsi);
		break;
	case SYS_report:
		printk("usermode: syscall from rip %#lx: user cs %#lx rsp %#lx, write returned %ld\n",
		       f->rip, f->rdi, f->rsi, (long)f->rdx);
		f->rax = 0;
		break;
	case SYS_exit:
		printk("usermode: exit(%lu) by syscall\n", f->rdi);
		user_active = false;
		user_return(f->rdi);
	default:
		f->rax = -XEN_ENOSYS;
		break;
	}
}

void user_trap(const struct trap_frame *f, uint64_t cr2)
{
	if (!user_active)
		return;
	user_active = false;
	if (f->vector == 0x80) {
		printk("usermode: exit(%lu) by int $0x80, rip %#lx cs %#lx\n",
		       f->rdi, f->rip, f->cs);
		user_return(f->rdi);
	}
	if (f->vector == 14)
		printk("usermode: user page fault at %#lx rip %#lx error %#lx\n",
		       cr2, f->rip, f->error);
	else
		printk("usermode: user trap %lu rip %#lx error %#lx\n",
		       f->vector, f->rip, f->error);
	user_return(EXIT_FAULT + f->vector);
}

static int user_run_mode(uint64_t mode)
{
	struct user_space us;
	unsigned long before = page_free_count();
	uint64_t ret;
	long rc;

	rc = user_space_alloc(&us, mode);
	if (rc == 0)
		rc = user_space_load(&us);
	if (rc == 0) {
		user_active = true;
		ret = user_run(USER_CODE, USER_STACK_TOP);
		printk("usermode: mode %lu: user_run returned %lu\n", mode,
		       ret);
	}
	user_space_unload(&us);
	user_space_free(&us);
	if (page_free_count() != before)
		printk("usermode: %lu pages not freed\n",
		       before - page_free_count());
	return rc;
}

int user_demo(void)
{
	static const uint64_t modes[] = {
		USER_MODE_EXIT, USER_MODE_FAULT, USER_MODE_INT80,
	};
	long rc = 0;

	for (unsigned int i = 0; i < 3 && rc == 0; i++)
		rc = user_run_mode(modes[i]);
	printk("usermode: %s\n", rc == 0 ? "done" : "failed");
	return rc;
}
