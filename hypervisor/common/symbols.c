/* SPDX-License-Identifier: MIT */
/*
 * Symbol lookup over the table that the build links into the image
 * (hypervisor/gen-symbols.sh): addresses sorted ascending, with each
 * name's offset into one string block. The first link carries an empty
 * table; the second the real one, placed after all text so that no
 * text address moves between the two links.
 */
#include <hv/lib.h>
#include <hv/symbols.h>

extern const unsigned int symbols_nr;
extern const uint64_t symbols_addr[];
extern const uint32_t symbols_name_off[];
extern const char symbols_names[];
extern const char _stext[], _etext[];

const char *symbols_lookup(uint64_t addr, uint64_t *offset)
{
	unsigned int lo = 0, hi = symbols_nr;

	if (addr < (uint64_t)_stext || addr >= (uint64_t)_etext ||
	    hi == 0 || addr < symbols_addr[0])
		return NULL;
	/* Find the last symbol at or below addr. */
	while (hi - lo > 1) {
		unsigned int mid = lo + (hi - lo) / 2;

		if (symbols_addr[mid] <= addr)
			lo = mid;
		else
			hi = mid;
	}
	*offset = addr - symbols_addr[lo];
	return symbols_names + symbols_name_off[lo];
}
