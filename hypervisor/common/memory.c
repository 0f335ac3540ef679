/* SPDX-License-Identifier: MIT */
/*
 * memory_op (hypercall 12), its generic part: growing and shrinking a
 * domain (increase_reservation, populate_physmap, decrease_reservation)
 * and the sizes guests ask for. As on Xen, the reservation commands
 * return how many extents they handled, a failure being a short count,
 * and cmd carries the extent to start from above its low six bits.
 * Architecture-specific commands (memory maps, the M2P's place) go to
 * arch_memory_op().
 */
#include <hv/domain.h>
#include <hv/errno.h>
#include <hv/guest_access.h>
#include <hv/hypercall.h>
#include <hv/mm.h>
#include <public/memory.h>
#include <public/xen.h>

#define MEMOP_EXTENT_SHIFT	6
#define MEMOP_CMD_MASK		((1U << MEMOP_EXTENT_SHIFT) - 1)
#define DOMU_MAX_ORDER		9
#define CTLDOM_MAX_ORDER	12
#define NUMA_NO_NODE		0xff
#define XEN_PAGE_SHIFT		12	/* the ABI's page size */

/* A reservation request, checked. */
struct memop {
	struct domain	*d;
	uint64_t	list;		/* guest array of xen_pfn_t, or 0 */
	unsigned long	nr;
	unsigned int	order;
	unsigned int	bits;		/* address limit, 0 = none */
	bool		pod;		/* populate on demand: not for PV */
};

static struct domain *domain_by_any_id(struct domain *curr,
				       unsigned int domid)
{
	return domid == DOMID_SELF ? curr : domain_lookup(domid);
}

static unsigned int max_order(const struct domain *curr)
{
	return curr->is_privileged ? CTLDOM_MAX_ORDER : DOMU_MAX_ORDER;
}

/* Address bits below which a request is a real limit. */
static unsigned int machine_bits(void)
{
	unsigned int order = 0;

	while ((1UL << order) < max_mfn)
		order++;
	return order + XEN_PAGE_SHIFT;
}

static int memop_from_reservation(const struct xen_memory_reservation *r,
				  struct memop *a)
{
	unsigned int bits = XENMEMF_get_address_bits(r->mem_flags);
	unsigned int node = XENMEMF_get_node(r->mem_flags);

	a->list = r->extent_start.q;
	a->nr = r->nr_extents;
	a->order = r->extent_order;
	a->bits = 0;
	a->pod = r->mem_flags & XENMEMF_populate_on_demand;
	if (bits != 0 && bits < machine_bits()) {
		if (bits <= XEN_PAGE_SHIFT)
			return -EINVAL;
		a->bits = bits;
	}
	/* One NUMA node; virtual nodes (XENMEMF_vnode) are ignored. */
	if (!(r->mem_flags & XENMEMF_vnode) && node != NUMA_NO_NODE &&
	    node != 0)
		return -EINVAL;
	return 0;
}

static bool list_ok(const struct memop *a, unsigned long start)
{
	return a->nr == 0 ||
	       guest_range_ok(a->list + start * 8, (a->nr - start) * 8);
}

static unsigned long increase_reservation(struct domain *curr,
					  const struct memop *a,
					  unsigned long i)
{
	if (!list_ok(a, i) ||
	    (a->order > DOMU_MAX_ORDER && !curr->is_privileged))
		return i;
	for (; i < a->nr; i++) {
		unsigned long mfn = alloc_domheap_pages(a->d, a->order,
							a->bits);

		if (mfn == PAGE_NONE)
			break;
		if (a->list && copy_to_guest(a->list + i * 8, &mfn, 8))
			break;
	}
	return i;
}

static unsigned long populate_physmap(struct domain *curr,
				      const struct memop *a, unsigned long i)
{
	if (!list_ok(a, i) || a->order > max_order(curr) || a->pod)
		return i;
	for (; i < a->nr; i++) {
		uint64_t gpfn;
		unsigned long mfn;

		if (copy_from_guest(&gpfn, a->list + i * 8, 8))
			break;
		mfn = alloc_domheap_pages(a->d, a->order, a->bits);
		if (mfn == PAGE_NONE)
			break;
		for (unsigned long j = 0; j < (1UL << a->order); j++)
			m2p_set(mfn + j, gpfn + j);
		if (copy_to_guest(a->list + i * 8, &mfn, 8))
			break;
	}
	return i;
}

static unsigned long decrease_reservation(struct domain *curr,
					  const struct memop *a,
					  unsigned long i)
{
	if (!list_ok(a, i) || a->order > max_order(curr))
		return i;
	for (; i < a->nr; i++) {
		uint64_t gmfn;

		if (copy_from_guest(&gmfn, a->list + i * 8, 8))
			break;
		for (unsigned long j = 0; j < (1UL << a->order); j++)
			if (guest_remove_page(a->d, gmfn + j))
				return i;
	}
	return i;
}

static long reservation_op(unsigned int op, unsigned long start,
			   uint64_t arg)
{
	struct domain *curr = current_vcpu()->domain;
	struct xen_memory_reservation r;
	struct memop a;

	if (copy_from_guest(&r, arg, sizeof(r)) ||
	    r.nr_extents > (UINT32_MAX >> MEMOP_EXTENT_SHIFT) ||
	    start >= r.nr_extents)
		return start;
	a.d = domain_by_any_id(curr, r.domid);
	if (a.d == NULL || memop_from_reservation(&r, &a) ||
	    !mm_may_target(curr, a.d))
		return start;
	switch (op) {
	case XENMEM_increase_reservation:
		return increase_reservation(curr, &a, start);
	case XENMEM_decrease_reservation:
		return decrease_reservation(curr, &a, start);
	default:
		return populate_physmap(curr, &a, start);
	}
}

static long domain_size_op(unsigned int op, uint64_t arg)
{
	struct domain *curr = current_vcpu()->domain, *d;
	domid_t domid;

	if (copy_from_guest(&domid, arg, sizeof(domid)))
		return -EFAULT;
	d = domain_by_any_id(curr, domid);
	if (d == NULL)
		return -ESRCH;
	if (!mm_may_target(curr, d))
		return -EPERM;
	if (op == XENMEM_current_reservation)
		return d->tot_pages;
	if (op == XENMEM_maximum_reservation)
		return d->max_pages;
	return arch_domain_max_gpfn(d);
}

long do_memory_op(uint64_t cmd, uint64_t arg)
{
	unsigned int op = cmd & MEMOP_CMD_MASK;
	unsigned long start = cmd >> MEMOP_EXTENT_SHIFT;

	switch (op) {
	case XENMEM_increase_reservation:
	case XENMEM_decrease_reservation:
	case XENMEM_populate_physmap:
		return reservation_op(op, start, arg);
	case XENMEM_maximum_ram_page:
		return start ? -EINVAL : (long)max_mfn;
	case XENMEM_current_reservation:
	case XENMEM_maximum_reservation:
	case XENMEM_maximum_gpfn:
		return start ? -EINVAL : domain_size_op(op, arg);
	case XENMEM_exchange:
		return -ENOSYS;		/* not implemented yet */
	default:
		return arch_memory_op(cmd, arg);
	}
}
