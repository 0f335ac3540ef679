/* SPDX-License-Identifier: MIT */
/* The simulated machine of evtchn_shim.h. */
#include "evtchn_shim.h"
#include <hv/console.h>
#include <hv/guest_access.h>
#include <asm/page.h>
#include <hv/page_alloc.h>

struct domain ut_dom[UT_NR_DOMS];
struct vcpu ut_vcpu[UT_NR_DOMS][UT_MAX_VCPUS];
unsigned int ut_kicks[UT_NR_DOMS][UT_MAX_VCPUS];
long ut_pages_out;
bool ut_alloc_fails;
uint8_t ut_readonly[64];

static bool registered[UT_NR_DOMS];
static const unsigned int nr_vcpus[UT_NR_DOMS] = { 4, 2, 1 };


void ut_as(unsigned int i)
{
	ut_set_current(&ut_vcpu[i][0]);
}

/* The scheduler's part: count, so tests see who would be woken. */
void vcpu_kick(struct vcpu *v)
{
	ut_kicks[v->domain->domain_id][v->vcpu_id]++;
}

struct domain *domain_lookup(unsigned int domid)
{
	if (domid >= UT_NR_DOMS || !registered[domid])
		return NULL;
	return &ut_dom[domid];
}

bool guest_range_ok(uint64_t va, uint64_t len)
{
	return va >= 0x10000 && va + len >= va;
}

size_t raw_copy_from_guest(void *dst, uint64_t src, size_t len)
{
	memcpy(dst, (const void *)src, len);
	return 0;
}

size_t raw_copy_to_guest(uint64_t dst, const void *src, size_t len)
{
	uint64_t ro = (uint64_t)ut_readonly;

	if (dst < ro + sizeof(ut_readonly) && dst + len > ro)
		return len;
	memcpy((void *)dst, src, len);
	return 0;
}

/* Page blocks: host memory, page aligned, so an "mfn" is its address. */
unsigned long alloc_pages(unsigned int order)
{
	void *p;

	if (ut_alloc_fails)
		return PAGE_NONE;
	p = aligned_alloc(4096, 4096UL << order);
	assert_non_null(p);
	memset(p, 0xa5, 4096UL << order);	/* callers must clear it */
	ut_pages_out++;
	return (unsigned long)p >> 12;
}

void free_pages(unsigned long mfn, unsigned int order)
{
	(void)order;
	ut_pages_out--;
	free((void *)(mfn << 12));
}

void *maddr_to_virt(uint64_t ma)
{
	return (void *)ma;
}

static void domain_setup(unsigned int id, unsigned int max_port)
{
	struct domain *d = &ut_dom[id];

	memset(d, 0, sizeof(*d));
	d->domain_id = id;
	d->is_privileged = id == 0;
	d->max_vcpus = nr_vcpus[id];
	d->shared_info = aligned_alloc(4096, 4096);
	assert_non_null(d->shared_info);
	memset(d->shared_info, 0, 4096);
	for (unsigned int i = 0; i < d->max_vcpus; i++) {
		struct vcpu *v = &ut_vcpu[id][i];

		memset(v, 0, sizeof(*v));
		v->vcpu_id = i;
		v->domain = d;
		d->vcpus[i] = v;
	}
	d->vcpu0 = d->vcpus[0];
	assert_int_equal(evtchn_domain_init(d, max_port), 0);
	registered[id] = true;
}

void ut_evtchn_setup(unsigned int max0, unsigned int max1, unsigned int max2)
{
	ut_pages_out = 0;
	ut_alloc_fails = false;
	memset(ut_kicks, 0, sizeof(ut_kicks));
	domain_setup(0, max0);
	domain_setup(1, max1);
	domain_setup(2, max2);
	ut_as(0);
}

void ut_evtchn_teardown(void)
{
	for (unsigned int i = 0; i < UT_NR_DOMS; i++) {
		assert_false(spin_is_locked(&ut_dom[i].evtchn.lock));
		evtchn_domain_destroy(&ut_dom[i]);
		assert_false(spin_is_locked(&ut_dom[i].evtchn.lock));
	}
	for (unsigned int i = 0; i < UT_NR_DOMS; i++) {
		registered[i] = false;
		free(ut_dom[i].shared_info);
		ut_dom[i].shared_info = NULL;
	}
	assert_int_equal(ut_pages_out, 0);
}

long ut_op(unsigned int cmd, void *arg)
{
	return do_event_channel_op(cmd, (uint64_t)arg);
}
