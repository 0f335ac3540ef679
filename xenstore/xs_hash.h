/* SPDX-License-Identifier: MIT */
/*
 * Intrusive string-keyed hash table with chaining. Users embed a struct
 * xs_hlink in their object; the key string belongs to the object and must
 * outlive its membership. Duplicate keys are allowed (watches use them).
 * Allocation failure in xs_hash_add() is reported, never fatal.
 */
#ifndef XS_HASH_H
#define XS_HASH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct xs_hlink {
	struct xs_hlink *next;
	const char *key;
	uint32_t hash;
};

struct xs_hash {
	struct xs_hlink **buckets;
	size_t nbuckets;	/* power of two, or 0 before the first add */
	size_t count;
};

#define xs_container_of(ptr, type, member) \
	((type *)(void *)((char *)(ptr) - offsetof(type, member)))

uint32_t xs_hash_str(const char *s, size_t len);
void xs_hash_init(struct xs_hash *h);
/* Frees the bucket array only; the objects are the caller's. */
void xs_hash_fini(struct xs_hash *h);
/* Returns 0, or -1 if growing the table failed (the link is still added). */
int xs_hash_add(struct xs_hash *h, struct xs_hlink *l, const char *key);
void xs_hash_del(struct xs_hash *h, struct xs_hlink *l);
/* First link with this key, or NULL; xs_hash_next_same() walks the rest. */
struct xs_hlink *xs_hash_get(const struct xs_hash *h, const char *key);
struct xs_hlink *xs_hash_get_len(const struct xs_hash *h, const char *key,
				 size_t len);
struct xs_hlink *xs_hash_next_same(const struct xs_hlink *l);

#endif /* XS_HASH_H */
