/* SPDX-License-Identifier: MIT */
/* bool for freestanding code. */
#ifndef SHOJI_STDBOOL_H
#define SHOJI_STDBOOL_H

#define bool	_Bool
#define true	1
#define false	0

#endif
