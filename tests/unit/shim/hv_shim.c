// SPDX-License-Identifier: MIT
/*
 * What the hypervisor tests over simulated domains (mm, evtchn) need of
 * the hypervisor around the code under test: a silent console and a
 * "current" vCPU the test chooses with ut_set_current().
 */
#include <stdbool.h>
#include <stdint.h>

struct vcpu;

void printk(const char *fmt, ...);
bool printk_ratelimit(uint64_t *last, unsigned int *burst);
struct vcpu *current_vcpu(void);
void ut_set_current(struct vcpu *v);

static struct vcpu *cur;

void printk(const char *fmt, ...)
{
	(void)fmt;
}

bool printk_ratelimit(uint64_t *last, unsigned int *burst)
{
	(void)last;
	(void)burst;
	return false;
}

struct vcpu *current_vcpu(void)
{
	return cur;
}

void ut_set_current(struct vcpu *v)
{
	cur = v;
}
