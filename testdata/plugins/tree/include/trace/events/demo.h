/* Fixture for plugin tests: one tracepoint. */
DECLARE_TRACE(demo_event,
	TP_PROTO(int v),
	TP_ARGS(v));
