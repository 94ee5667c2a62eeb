/* Fixture for plugin tests: RCU read side inside an idle region, and after it. */
static void demo_idle_loop(void)
{
	ct_idle_enter();
	rcu_read_lock(); /* expect: rcu-in-idle */
	rcu_read_unlock();
	ct_idle_exit();

	rcu_read_lock();
	rcu_read_unlock();
}
