// SPDX-License-Identifier: GPL-2.0
/* Structure fixture: which brace blocks are functions, and their headers. */
#include <linux/init.h>

struct gadget {
	int level;
	void (*fire)(struct gadget *g);
};

enum gadget_state { GADGET_OFF, GADGET_ON };

union gadget_word {
	unsigned long raw;
	void *ptr;
};

static struct gadget default_gadget = {
	.level = 1,
};

static int gadget_levels[] = { 1, 2, 3 };

static struct gadget *gadget_ptr = &(struct gadget){ .level = 2 };

int gadget_prototype(struct gadget *g);
static void gadget_forward(void);

static int gadget_plain(struct gadget *g)		/* fn: gadget_plain */
{
	return g->level;
}						/* end: gadget_plain */

static inline void gadget_inline(void)			/* fn: gadget_inline */
{
}

noinstr void gadget_noinstr(void)			/* fn: gadget_noinstr */
{
}

static notrace int gadget_notrace(void)			/* fn: gadget_notrace */
{
	return 0;
}

static __always_inline bool gadget_always(void)		/* fn: gadget_always */
{
	return true;
}

static int __init gadget_setup(void)			/* fn: gadget_setup */
{
	return 0;
}

void __cpuidle gadget_idle(void)			/* fn: gadget_idle */
{
}

static noinline void gadget_noinline(void)		/* fn: gadget_noinline */
{
}

static void gadget_lock(struct gadget *g)
	__acquires(&g->lock)				/* fn-trailer: gadget_lock */
{
}

static int gadget_unused(void) __attribute__((unused));	/* a prototype with an attribute */

static int __attribute__((unused)) gadget_attr_before(int x)	/* fn: gadget_attr_before */
{
	return x;
}

static void gadget_attr_after(int x) __attribute__((unused))	/* fn: gadget_attr_after */
{
}

struct gadget *gadget_lookup(void)			/* fn: gadget_lookup */
{
	return &default_gadget;
}

static const struct gadget * const *
gadget_table(int idx)					/* fn: gadget_table */
{
	return NULL;
}

gadget_oldstyle(void) {					/* fn: gadget_oldstyle */
	return 0;
}

static void gadget_multiline(int a,			/* fn: gadget_multiline */
			     int b)
{
	if (a) {
		if (b) {
			a = b;
		}
	}
}							/* end: gadget_multiline */
