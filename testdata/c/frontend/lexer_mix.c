// SPDX-License-Identifier: GPL-2.0
/*
 * Lexer fixture: a bit of everything on ordinary LF lines, tabs included.
 */
#include <linux/rcupdate.h>
#include "local.h"

#define WIDGET_MASK	0x1fUL
#define widget_ratio	(.5f * 1e-5)
#define WIDGET_NAME(n)	"widget-" #n
#define WIDGET_FN(n)	widget_##n##_fire

static const char banner[] = "tab\there \"quoted\" /* not a comment */";
static const char quote = '\'';
static const wchar_t wide[] = L"wide";

static int	widget_count;	/* tab-separated */

static inline int widget_shift(unsigned long v)
{
	v <<= 2;		// shift
	v >>= 1;
	if (v >= WIDGET_MASK && v != 0 || !v)
		return -1;
	return v->next ? v++ : --v;	/* odd but lexable */
}

int widget_sum(int n, ...)
{
	int total = 0x10 + \
		n;
	total += n; total -= 1; total *= 2; total /= 2;
	total %= 7; total &= 3; total ^= 1; total |= 8;
	return total << 1 >> 1;
}
