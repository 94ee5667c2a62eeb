// SPDX-License-Identifier: GPL-2.0
/*
 * Fixture: runtime PM. rpm_suspend() can run from the idle path (cpuidle
 * drivers with power domains), so its tracepoints use the _rcuidle variant.
 */
#include <linux/pm_runtime.h>
#include <trace/events/rpm.h>

static int rpm_check_suspend_allowed(struct device *dev)
{
	if (dev->power.runtime_error)
		return -EINVAL;
	if (atomic_read(&dev->power.usage_count) > 0)
		return -EAGAIN;
	return 0;
}

static int rpm_suspend(struct device *dev, int rpmflags)
	__releases(&dev->power.lock) __acquires(&dev->power.lock)
{
	int retval;

	trace_rpm_suspend_rcuidle(dev, rpmflags);

	retval = rpm_check_suspend_allowed(dev);
	if (retval < 0)
		return retval;

	dev->power.runtime_status = RPM_SUSPENDED;
	wake_up_all(&dev->power.wait_queue);
	return retval;
}

static int rpm_resume(struct device *dev, int rpmflags)
	__releases(&dev->power.lock) __acquires(&dev->power.lock)
{
	trace_rpm_resume_rcuidle(dev, rpmflags);

	dev->power.runtime_status = RPM_ACTIVE;
	return 0;
}

int __pm_runtime_suspend(struct device *dev, int rpmflags)
{
	unsigned long flags;
	int retval;

	spin_lock_irqsave(&dev->power.lock, flags);
	retval = rpm_suspend(dev, rpmflags);
	spin_unlock_irqrestore(&dev->power.lock, flags);

	return retval;
}
EXPORT_SYMBOL_GPL(__pm_runtime_suspend);

int __pm_runtime_resume(struct device *dev, int rpmflags)
{
	unsigned long flags;
	int retval;

	spin_lock_irqsave(&dev->power.lock, flags);
	retval = rpm_resume(dev, rpmflags);
	spin_unlock_irqrestore(&dev->power.lock, flags);

	return retval;
}
EXPORT_SYMBOL_GPL(__pm_runtime_resume);
