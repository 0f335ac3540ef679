/* SPDX-License-Identifier: MIT */
/*
 * Boot parameters from the hypervisor's command line (docs/boot-params.md):
 *   console=com1|none      where console output goes
 *   com1=<baud>[,<bits><parity><stop>][,<io-base>]   e.g. 115200,8n1
 *   dom0_mem=[min:<sz>,][max:<sz>,][<sz>]   dom0's memory (K/M/G suffix)
 *   loglvl=none|error|warning|info|debug|all
 * Unknown options and bad values are warned about and ignored.
 */
#ifndef HV_CMDLINE_H
#define HV_CMDLINE_H

#include <hv/console.h>
#include <hv/serial.h>

struct boot_params {
	bool			console_com1;
	struct serial_config	com1;
	uint64_t		dom0_mem;	/* bytes; 0 = default */
	uint64_t		dom0_mem_min;
	uint64_t		dom0_mem_max;	/* 0 = no limit */
	enum log_level		loglvl;
	bool			loglvl_none;
};

typedef void (*cmdline_warn_fn)(const char *msg, const char *option);

/*
 * Fills *p from cmdline, starting from the defaults (console=com1,
 * com1=115200,8n1 at 0x3f8, loglvl=info). Each unknown option or bad
 * value is reported through warn(message, option text); returns the
 * number of such warnings.
 */
int cmdline_parse(const char *cmdline, struct boot_params *p,
		  cmdline_warn_fn warn);

/* Parses a size with an optional K/M/G/T suffix (default: bytes). */
bool parse_size(const char **s, uint64_t *bytes);

#endif
