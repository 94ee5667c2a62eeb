package dev.tpsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A tiny kernel-shaped git repository for CLI tests: include/linux/tracepoint.h with an
 * rcuidle-aware __DO_TRACE, a sched tracepoint, and kernel/sched/idle.c whose cpu_idle_poll()
 * traces before ct_idle_enter(). {@link #hazardousEdit()} moves the tracepoint inside the
 * RCU-idle region (lost-rcuidle, an error); {@link #harmlessEdit()} touches only a counter.
 * Git runs through its CLI, as a user would.
 */
public final class KernelRepo {

    public static final String IDLE_C = "kernel/sched/idle.c";

    static final String TRACEPOINT_H = """
        /* SPDX-License-Identifier: GPL-2.0 */
        #ifndef _LINUX_TRACEPOINT_H
        #define _LINUX_TRACEPOINT_H

        #define __DO_TRACE(name, args, cond, rcuidle)				\\
        	do {								\\
        		int __maybe_unused __idx = 0;				\\
        									\\
        		if (!(cond))						\\
        			return;						\\
        									\\
        		if (rcuidle) {						\\
        			__idx = srcu_read_lock_notrace(&tracepoint_srcu);\\
        			ct_irq_enter_irqson();				\\
        		}							\\
        									\\
        		__DO_TRACE_CALL(name, TP_ARGS(args));			\\
        									\\
        		if (rcuidle) {						\\
        			ct_irq_exit_irqson();				\\
        			srcu_read_unlock_notrace(&tracepoint_srcu, __idx);\\
        		}							\\
        	} while (0)

        #endif
        """;

    static final String SCHED_H = """
        /* SPDX-License-Identifier: GPL-2.0 */
        #undef TRACE_SYSTEM
        #define TRACE_SYSTEM sched

        #include <linux/tracepoint.h>

        TRACE_EVENT(cpu_idle_poll,
        	TP_PROTO(int cpu),
        	TP_ARGS(cpu),
        	TP_STRUCT__entry(__field(int, cpu)),
        	TP_fast_assign(__entry->cpu = cpu;),
        	TP_printk("cpu=%d", __entry->cpu)
        );

        #include <trace/define_trace.h>
        """;

    static final String IDLE = """
        // SPDX-License-Identifier: GPL-2.0
        /*
         * Generic entry points for the idle threads
         */
        #include <linux/tracepoint.h>
        #include <trace/events/sched.h>

        static int idle_polls;

        static noinline int cpu_idle_poll(void)
        {
        	trace_cpu_idle_poll(smp_processor_id());
        	ct_idle_enter();
        	local_irq_enable();
        	while (!tif_need_resched())
        		cpu_relax();
        	ct_idle_exit();
        	return 1;
        }

        void do_idle(void)
        {
        	idle_polls++;
        	cpu_idle_poll();
        }
        """;

    private final Path dir;

    private KernelRepo(Path dir) {
        this.dir = dir;
    }

    /** True when a git executable runs; tests that need one skip (visibly) otherwise. */
    public static boolean gitAvailable() {
        try {
            Process p = new ProcessBuilder("git", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Creates the repository in {@code dir} with one commit, "base". */
    public static KernelRepo create(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        KernelRepo repo = new KernelRepo(dir);
        repo.git("init", "-q");
        repo.git("config", "user.name", "Tess Tracer");
        repo.git("config", "user.email", "tess@example.org");
        repo.git("config", "commit.gpgsign", "false");
        repo.write("include/linux/tracepoint.h", TRACEPOINT_H);
        repo.write("include/trace/events/sched.h", SCHED_H);
        repo.write(IDLE_C, IDLE);
        repo.git("add", "-A");
        repo.git("commit", "-q", "-m", "base");
        return repo;
    }

    public Path dir() {
        return dir;
    }

    /** Moves trace_cpu_idle_poll() after ct_idle_enter(): RCU is not watching there. */
    public void hazardousEdit() {
        String before = "\ttrace_cpu_idle_poll(smp_processor_id());\n\tct_idle_enter();\n";
        String text = read(IDLE_C);
        assertThat(text).contains(before);
        write(IDLE_C, text.replace(before, "\tct_idle_enter();\n\ttrace_cpu_idle_poll(smp_processor_id());\n"));
    }

    /** Changes only how the poll counter is incremented. */
    public void harmlessEdit() {
        String text = read(IDLE_C);
        assertThat(text).contains("idle_polls++;");
        write(IDLE_C, text.replace("idle_polls++;", "idle_polls += 1;"));
    }

    /**
     * The mail {@code git format-patch} makes of {@code edit} committed on HEAD; the commit is
     * then dropped again, so the repository is back where it was.
     */
    public byte[] formatPatch(Runnable edit, String subject) {
        edit.run();
        git("commit", "-q", "-a", "-m", subject);
        String mail = git("format-patch", "-1", "--stdout");
        git("reset", "-q", "--hard", "HEAD~1");
        return mail.getBytes(StandardCharsets.UTF_8);
    }

    public void write(String path, String content) {
        try {
            Path file = dir.resolve(path);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String read(String path) {
        try {
            return Files.readString(dir.resolve(path), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs git; fails the test unless it exits 0; returns stdout and stderr together. */
    public String git(String... args) {
        Result r = run(args);
        assertThat(r.exitCode()).as("git %s failed:%n%s", String.join(" ", args), r.output()).isZero();
        return r.output();
    }

    /** What a process printed (stdout and stderr together) and how it exited. */
    public record Result(int exitCode, String output) {
    }

    /** Runs git in the repository, with no GIT_* variables from the environment that runs the tests. */
    public Result run(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add("git");
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("GIT_"));
        env.put("GIT_AUTHOR_DATE", "2024-05-08T10:00:00Z");
        env.put("GIT_COMMITTER_DATE", "2024-05-08T10:00:00Z");
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(300, TimeUnit.SECONDS)).as("git %s timed out", cmd).isTrue();
            return new Result(p.exitValue(), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
