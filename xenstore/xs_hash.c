/* SPDX-License-Identifier: MIT */
/* Intrusive string hash table used for nodes, watches and transactions. */
#include <stdlib.h>
#include <string.h>

#include "xs_hash.h"

/* FNV-1a: short keys, no adversary can cost us more than a long chain. */
uint32_t xs_hash_str(const char *s, size_t len)
{
	uint32_t h = 2166136261u;
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 16777619u;
	}
	return h;
}

void xs_hash_init(struct xs_hash *h)
{
	h->buckets = NULL;
	h->nbuckets = 0;
	h->count = 0;
}

void xs_hash_fini(struct xs_hash *h)
{
	free(h->buckets);
	xs_hash_init(h);
}

static int xs_hash_grow(struct xs_hash *h)
{
	size_t n = h->nbuckets ? h->nbuckets * 2 : 16;
	struct xs_hlink **b = calloc(n, sizeof(*b));
	size_t i;

	if (b == NULL)
		return -1;
	for (i = 0; i < h->nbuckets; i++) {
		struct xs_hlink *l = h->buckets[i], *next;

		for (; l != NULL; l = next) {
			next = l->next;
			l->next = b[l->hash & (n - 1)];
			b[l->hash & (n - 1)] = l;
		}
	}
	free(h->buckets);
	h->buckets = b;
	h->nbuckets = n;
	return 0;
}

int xs_hash_add(struct xs_hash *h, struct xs_hlink *l, const char *key)
{
	/* A failed grow only makes chains longer, unless there is no table. */
	if (h->count >= h->nbuckets && xs_hash_grow(h) != 0 &&
	    h->nbuckets == 0)
		return -1;
	l->key = key;
	l->hash = xs_hash_str(key, strlen(key));
	l->next = h->buckets[l->hash & (h->nbuckets - 1)];
	h->buckets[l->hash & (h->nbuckets - 1)] = l;
	h->count++;
	return 0;
}

void xs_hash_del(struct xs_hash *h, struct xs_hlink *l)
{
	struct xs_hlink **pp = &h->buckets[l->hash & (h->nbuckets - 1)];

	for (; *pp != NULL; pp = &(*pp)->next) {
		if (*pp == l) {
			*pp = l->next;
			h->count--;
			return;
		}
	}
}

struct xs_hlink *xs_hash_get_len(const struct xs_hash *h, const char *key,
				 size_t len)
{
	uint32_t hv;
	struct xs_hlink *l;

	if (h->nbuckets == 0)
		return NULL;
	hv = xs_hash_str(key, len);
	for (l = h->buckets[hv & (h->nbuckets - 1)]; l != NULL; l = l->next)
		if (l->hash == hv && strncmp(l->key, key, len) == 0 &&
		    l->key[len] == '\0')
			return l;
	return NULL;
}

struct xs_hlink *xs_hash_get(const struct xs_hash *h, const char *key)
{
	return xs_hash_get_len(h, key, strlen(key));
}

struct xs_hlink *xs_hash_next_same(const struct xs_hlink *l)
{
	struct xs_hlink *n;

	for (n = l->next; n != NULL; n = n->next)
		if (n->hash == l->hash && strcmp(n->key, l->key) == 0)
			return n;
	return NULL;
}
