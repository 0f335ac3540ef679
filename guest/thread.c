/* SPDX-License-Identifier: MIT */
/*
 * Cooperative kernel threads. A thread owns a one-page stack from
 * page_alloc(); thread_switch() (switch.S) saves the callee-saved
 * registers on the stack it leaves and restores them from the one it
 * enters. threads_run() is the scheduler: it switches to each live
 * thread in turn and gets control back when that thread yields or ends.
 * A new thread's stack is laid out so that its first switch "returns"
 * into thread_entry with %r12 = fn and %r13 = arg.
 */
#include <string.h>
#include <public/errno.h>
#include <guest/guest.h>
#include <guest/mm.h>
#include <guest/printk.h>
#include <guest/thread.h>

#define MAX_THREADS	8

struct thread {
	const char	*name;
	uint64_t	rsp;		/* saved while switched out */
	uint8_t		*stack;		/* one page; NULL: free */
	bool		done;
};

static struct thread threads[MAX_THREADS];
static struct thread *current;
static uint64_t sched_rsp;

int thread_create(const char *name, void (*fn)(void *), void *arg)
{
	struct thread *t = NULL;
	uint64_t *sp;

	for (unsigned int i = 0; i < MAX_THREADS && !t; i++)
		if (!threads[i].stack)
			t = &threads[i];
	if (!t)
		return -XEN_ENOMEM;
	t->stack = page_alloc();
	if (!t->stack)
		return -XEN_ENOMEM;
	t->name = name;
	t->done = false;
	/*
	 * Top down: return address, rbx rbp r12 r13 r14 r15; thread_entry
	 * then starts with %rsp 16-byte aligned, as a call expects.
	 */
	sp = (uint64_t *)(t->stack + PAGE_SIZE);
	*--sp = (uint64_t)thread_entry;
	*--sp = 0;			/* rbx */
	*--sp = 0;			/* rbp */
	*--sp = (uint64_t)fn;		/* r12 */
	*--sp = (uint64_t)arg;		/* r13 */
	*--sp = 0;			/* r14 */
	*--sp = 0;			/* r15 */
	t->rsp = (uint64_t)sp;
	return 0;
}

void thread_yield(void)
{
	thread_switch(&current->rsp, sched_rsp);
}

void thread_exit(void)
{
	current->done = true;
	thread_switch(&current->rsp, sched_rsp);
	for (;;)
		;			/* never switched back to */
}

const char *thread_name(void)
{
	return current ? current->name : "main";
}

void thread_stack(uint64_t *lo, uint64_t *hi)
{
	*lo = (uint64_t)current->stack;
	*hi = *lo + PAGE_SIZE;
}

void threads_run(void)
{
	bool live = true;

	while (live) {
		live = false;
		for (unsigned int i = 0; i < MAX_THREADS; i++) {
			struct thread *t = &threads[i];

			if (!t->stack || t->done)
				continue;
			live = true;
			current = t;
			thread_switch(&sched_rsp, t->rsp);
			current = NULL;
		}
	}
	for (unsigned int i = 0; i < MAX_THREADS; i++) {
		if (threads[i].stack)
			page_free(threads[i].stack);
		threads[i].stack = NULL;
	}
}

static unsigned int steps, off_stack;

static void demo_thread(void *arg)
{
	unsigned long n = (unsigned long)arg;
	uint64_t lo, hi, rsp;

	for (unsigned long i = 1; i <= n; i++) {
		__asm__ volatile("movq %%rsp, %0" : "=r" (rsp));
		thread_stack(&lo, &hi);
		if (rsp < lo || rsp >= hi)
			off_stack++;
		printk("threads: %s step %lu/%lu rsp %#lx in [%#lx, %#lx)\n",
		       thread_name(), i, n, rsp, lo, hi);
		steps++;
		thread_yield();
	}
}

void threads_demo(void)
{
	static const char *const names[] = { "alpha", "beta", "gamma" };
	unsigned long before = page_free_count();

	steps = off_stack = 0;
	for (unsigned int i = 0; i < 3; i++) {
		if (thread_create(names[i], demo_thread,
				  (void *)(unsigned long)(i + 2)) < 0) {
			printk("threads: cannot create %s\n", names[i]);
			return;
		}
	}
	threads_run();
	printk("threads: 3 threads done, %u steps, %u off their stacks, %s\n",
	       steps, off_stack,
	       page_free_count() == before ? "stacks freed" : "stacks LEAKED");
}
