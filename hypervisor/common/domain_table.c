/* SPDX-License-Identifier: MIT */
/*
 * The registry of domains by id. Domains are registered once built and
 * not yet destroyed, so lookups return plain pointers, without locks or
 * references; destruction will need both.
 */
#include <hv/domain.h>
#include <hv/errno.h>

static struct domain *domains[DOMAIN_TABLE_SIZE];

int domain_register(struct domain *d)
{
	if (d->domain_id >= DOMAIN_TABLE_SIZE)
		return -ENOSPC;
	domains[d->domain_id] = d;
	return 0;
}

void domain_unregister(struct domain *d)
{
	if (d->domain_id < DOMAIN_TABLE_SIZE)
		domains[d->domain_id] = NULL;
}

struct domain *domain_lookup(unsigned int domid)
{
	if (domid >= DOMAIN_TABLE_SIZE)
		return NULL;
	return domains[array_index_nospec(domid, DOMAIN_TABLE_SIZE)];
}

struct domain *domain_lookup_from(unsigned int domid)
{
	for (unsigned int id = domid; id < DOMAIN_TABLE_SIZE; id++)
		if (domains[id])
			return domains[id];
	return NULL;
}
