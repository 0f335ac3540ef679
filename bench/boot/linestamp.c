// SPDX-License-Identifier: MIT
/*
 * Copies stdin to stdout, prefixing each line with the seconds elapsed
 * since the moment given as the first argument (ns since the epoch, from
 * `date +%s%N`), so a boot log shows when each line arrived. Carriage
 * returns are dropped. Unbuffered on both sides, so stamps are honest.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int main(int argc, char **argv)
{
	long long start = argc > 1 ? atoll(argv[1]) : 0;
	char line[4096];

	setvbuf(stdin, NULL, _IONBF, 0);
	while (fgets(line, sizeof(line), stdin)) {
		struct timespec ts;
		long long now;
		char *cr;

		while ((cr = strchr(line, '\r')) != NULL)
			memmove(cr, cr + 1, strlen(cr));
		clock_gettime(CLOCK_REALTIME, &ts);
		now = ts.tv_sec * 1000000000LL + ts.tv_nsec;
		printf("%.3f %s", (now - start) / 1e9, line);
		fflush(stdout);
	}
	return 0;
}
