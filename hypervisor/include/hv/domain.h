/* SPDX-License-Identifier: MIT */
/*
 * Domains and their vCPUs. dom0 is built at boot; domain creation by
 * the toolstack comes with later work. Each vCPU is scheduled by the
 * scheduler core (hv/sched.h) on the CPU it was placed on.
 *
 * Locking: [I] immutable once the domain runs; [D] only touched by the
 * domain's own vCPU while it runs (one CPU, so no lock yet).
 */
#ifndef HV_DOMAIN_H
#define HV_DOMAIN_H

#include <asm/domain.h>
#include <asm/mm_types.h>
#include <hv/evtchn.h>
#include <hv/grant_table.h>
#include <hv/lib.h>
#include <hv/sched.h>
#include <public/xen.h>

#define NR_HYPERCALLS	64

/*
 * v's vcpu_info, as every hypervisor use reaches it: the one the guest
 * registered with VCPUOP_register_vcpu_info (v->vcpu_info, set once),
 * or until then v's slot in shared_info.
 */
#define vcpu_info(v)							\
	(__atomic_load_n(&(v)->vcpu_info, __ATOMIC_ACQUIRE) ?:		\
	 &(v)->domain->shared_info->vcpu_info[(v)->vcpu_id])

struct domain;

struct vcpu {
	unsigned int		vcpu_id;	/* [I] */
	struct domain		*domain;	/* [I] */
	struct arch_vcpu	arch;		/* [D] */
	struct vcpu_sched	sched;		/* see hv/sched.h */
	bool			initialised;	/* [D] has a register state */
	struct vcpu_mm		mm;		/* base tables, LDT: asm/mm_types.h */
	struct evtchn_vcpu	evtchn;		/* VIRQ bindings: hv/evtchn.h */
	struct vcpu_info	*vcpu_info;	/* [a] registered, NULL: none */
	unsigned long		vcpu_info_mfn;	/* [a] its frame, referenced */
};

struct shared_info;

struct domain {
	uint16_t		domain_id;	/* [I] */
	bool			is_privileged;	/* [I] */
	unsigned long		tot_pages;	/* [D] */
	unsigned long		max_pages;	/* [D] */
	struct domain_mm	mm;		/* owned frames: asm/mm_types.h */
	struct shared_info	*shared_info;	/* [I] hypervisor view */
	unsigned long		shared_info_mfn; /* [I] */
	struct vcpu		*vcpu0;		/* [I] */
	struct vcpu		*vcpus[32];	/* [I] by vcpu_id */
	struct csched_dom	csched;		/* scheduler's view */
	struct evtchn_domain	evtchn;		/* event channels: hv/evtchn.h */
	struct grant_table	gnttab;		/* hv/grant_table.h */
	struct timer		watchdog[2];	/* SCHEDOP_watchdog */
	unsigned int		watchdog_inuse;	/* [D] bit per watchdog */
	unsigned int		max_vcpus;	/* [I] */
	bool			is_shutting_down; /* [a] */
	unsigned int		shutdown_code;	/* [a] SHUTDOWN_*, latched */
	unsigned int		ctrl_pause_count; /* [a] pausedomain nesting */
	xen_domain_handle_t	handle;		/* [a] setdomainhandle */
	uint64_t		vm_assist;	/* [D] VMASST_TYPE_* bits */
	struct arch_domain	arch;
	uint64_t		enosys_logged;	/* [D] bit per hypercall */
	bool			enosys_logged_beyond; /* [D] nr >= 64 */
};

/* shutdown_code before any shutdown (Xen reports it in getdomaininfo). */
#define DOMAIN_SHUTDOWN_NONE	(~0U)

/*
 * Creates domain domid (not 0, not reserved, not in use) with max_vcpus
 * vCPUs, all down, spread over the CPUs, and event channels up to
 * max_evtchn_port; registers it. NULL if the id is bad or taken or
 * memory ran out.
 */
struct domain *domain_create(domid_t domid, unsigned int max_vcpus,
			     unsigned int max_evtchn_port);

/* Starts built domain d: its vCPU0 runs, with the default timer tick. */
void domain_start(struct domain *d);

/* Undoes domain_create() (and any memory given since) before d has run. */
void domain_create_undo(struct domain *d);

/*
 * The controller's pause (domctl pausedomain/unpausedomain): nests up to
 * 255 deep (-EOVERFLOW); pausing returns once no vCPU of d runs;
 * unpausing below zero is -EINVAL. d must not be the caller's domain.
 */
int domain_pause_by_controller(struct domain *d);
int domain_unpause_by_controller(struct domain *d);

/* Waits until no vCPU of d (not the caller's domain) is on a CPU. */
void domain_vcpus_wait_descheduled(struct domain *d);

/* SCHEDOP_shutdown_code: latches reason unless a code is latched. */
void domain_shutdown_code(struct domain *d, unsigned int reason);

/* Ids the registry (common/domain_table.c) holds: 0 .. this - 1. */
#define DOMAIN_TABLE_SIZE	64

/* Makes d findable by its id: 0, or -ENOSPC for an id past the table. */
int domain_register(struct domain *d);
/* Forgets d (a domain whose creation failed). */
void domain_unregister(struct domain *d);

/*
 * The domain with id domid, or NULL (none, or a reserved id such as
 * DOMID_SELF: callers resolve that themselves). domid is guest input.
 */
struct domain *domain_lookup(unsigned int domid);

/* The domain with the lowest id >= domid, or NULL (getdomaininfo). */
struct domain *domain_lookup_from(unsigned int domid);

/* The vCPU running on this CPU (NULL in the idle context). */
struct vcpu *current_vcpu(void);
void set_current_vcpu(struct vcpu *v);

/*
 * Shuts d down for reason (SHUTDOWN_*). For dom0 this ends the machine:
 * power off, reboot, or report the crash; it does not return then.
 */
void domain_shutdown(struct domain *d, unsigned int reason);

/* Crashes d alone, saying why (rate-limited); does not return for dom0. */
void domain_crash(struct domain *d, const char *why);

/*
 * Delivers trap vec, taken in guest context regs, to v's guest. Without
 * a registered handler the domain crashes.
 */
void guest_trap(struct vcpu *v, struct trap_frame *regs, unsigned int vec,
		uint64_t cr2);

const char *trap_name(unsigned int vec);

#endif
