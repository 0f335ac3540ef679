/* SPDX-License-Identifier: MIT */
/* Build configuration as C: IS_ENABLED(CONFIG_X) is 1 or 0, never #ifdef. */
#ifndef HV_CONFIG_H
#define HV_CONFIG_H

#define __ARG_PLACEHOLDER_1	0,
#define __take_second_arg(ignored, val, ...) val
#define __is_defined(x)		___is_defined(x)
#define ___is_defined(val)	____is_defined(__ARG_PLACEHOLDER_##val)
#define ____is_defined(arg1_or_junk) __take_second_arg(arg1_or_junk 1, 0)
#define IS_ENABLED(option)	__is_defined(option)

#endif
