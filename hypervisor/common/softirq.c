/* SPDX-License-Identifier: MIT */
/* Per-CPU softirqs: a pending bitmap per CPU and one handler per kind. */
#include <hv/smp.h>
#include <hv/softirq.h>

static softirq_fn handlers[NR_SOFTIRQS];
static unsigned long pending[NR_CPUS];	/* [a] bit per softirq */

void softirq_register(enum softirq nr, softirq_fn fn)
{
	handlers[nr] = fn;
}

void cpu_raise_softirq(unsigned int cpu, enum softirq nr)
{
	__atomic_fetch_or(&pending[cpu], 1UL << nr, __ATOMIC_SEQ_CST);
}

void raise_softirq(enum softirq nr)
{
	cpu_raise_softirq(smp_processor_id(), nr);
}

bool softirq_pending(unsigned int cpu)
{
	return __atomic_load_n(&pending[cpu], __ATOMIC_ACQUIRE) != 0;
}

void do_softirq(void)
{
	unsigned int cpu = smp_processor_id();
	unsigned long work;

	while ((work = __atomic_exchange_n(&pending[cpu], 0,
					   __ATOMIC_ACQ_REL)) != 0) {
		for (unsigned int i = 0; i < NR_SOFTIRQS; i++)
			if ((work & (1UL << i)) && handlers[i])
				handlers[i]();
	}
}
