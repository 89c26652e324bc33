package dev.citadel.cli.services;

import dev.citadel.cli.supervisor.ExitCause;
import dev.citadel.cli.supervisor.RestartBackoff;
import dev.citadel.platform.engines.process.EngineProcess;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The detached process ({@code citadel supervise}) that owns the services: launches every service of the plan,
 * marks each ready when its management readiness endpoint answers 200 to the operator's certificate, restarts a
 * crashed one with exponential backoff (1 s doubling to 30 s; back to 1 s once it had run for a minute), and on
 * SIGTERM stops them all. Every change is written to {@code services-state.json} and reported on stdout (its log).
 * It re-reads {@code services-plan.json} when the file changes ({@link PlanChange}): services new to the plan are
 * started, those gone from it stopped (SIGTERM: they drain as on {@code down}), the others untouched.
 */
public final class ServiceSupervisor {

    /**
     * SIGTERM to SIGKILL. Generous because the first stop after a new build is when each JVM writes its class
     * archive or AOT cache (ClassDataSharing), all at once on a 2-core machine; an ordinary stop takes a few seconds.
     */
    static final Duration STOP_GRACE = Duration.ofSeconds(60);

    private volatile ServicePlan plan;
    private volatile java.nio.file.attribute.FileTime planSeen;
    private final RunLayout layout;
    private final PrintWriter log;
    private final Map<String, Slot> slots = new LinkedHashMap<>();
    private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2, r -> {
        Thread t = new Thread(r, "supervisor-timer");
        t.setDaemon(true);
        return t;
    });
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final String startedAt = Instant.now().toString();
    private volatile boolean stopping;
    private OperatorHttpClient http;

    /** Mutable per-service bookkeeping; guarded by the supervisor's monitor. */
    private static final class Slot {
        final ServiceSpec spec;
        EngineProcess process;
        String state = ServicesState.STARTING;
        int restarts;
        String lastExit = "";
        /** Gone from the plan: being stopped, never restarted. */
        boolean retired;
        Instant launchedAt = Instant.now();
        final RestartBackoff backoff = new RestartBackoff();

        Slot(ServiceSpec spec) {
            this.spec = spec;
        }
    }

    public ServiceSupervisor(ServicePlan plan, RunLayout layout, PrintWriter log) {
        this.plan = plan;
        this.layout = layout;
        this.log = log;
        plan.services().forEach(s -> slots.put(s.name(), new Slot(s)));
    }

    /** Runs until SIGTERM (the JVM's shutdown hook stops the services, then this returns). */
    public void run() throws InterruptedException {
        // Follows the operator's certificate: a service started after the operator CA's rotation is seen ready too.
        http = new OperatorHttpClient(layout, Duration.ofSeconds(2));
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopAll, "supervisor-stop"));
        plan.skipped().forEach(s -> say("skipped " + s));
        // Services that outlived a killed supervisor, unchanged since: taken over, not restarted.
        Map<String, Long> adopt = JsonFiles.read(layout.servicesAdopt(), ServiceAdoption.Adoptions.class)
                .map(ServiceAdoption.Adoptions::pids).orElse(Map.of());
        JsonFiles.delete(layout.servicesAdopt());
        synchronized (this) {
            slots.values().forEach(slot -> {
                if (!adopt(slot, adopt.get(slot.spec.name()))) {
                    launch(slot);
                }
            });
            writeState();
        }
        timer.scheduleWithFixedDelay(this::checkReadiness, 500, 500, TimeUnit.MILLISECONDS);
        planSeen = planModified();
        timer.scheduleWithFixedDelay(this::reloadPlanIfChanged, 1, 1, TimeUnit.SECONDS);
        stopped.await();
    }

    private java.nio.file.attribute.FileTime planModified() {
        try {
            return Files.getLastModifiedTime(layout.servicesPlan());
        } catch (IOException e) {
            return null;
        }
    }

    private void reloadPlanIfChanged() {
        try {
            var modified = planModified();
            if (modified == null || modified.equals(planSeen)) {
                return;
            }
            planSeen = modified;
            JsonFiles.read(layout.servicesPlan(), ServicePlan.class).ifPresent(this::apply);
        } catch (RuntimeException e) {
            // An exception would cancel the schedule: report it and look again next time.
            say("cannot apply the changed plan: " + e.getMessage());
        }
    }

    private synchronized void apply(ServicePlan next) {
        if (stopping) {
            return;
        }
        PlanChange change = PlanChange.between(slots.keySet(), next);
        plan = next;
        if (change.isEmpty()) {
            return;
        }
        say("plan changed: starting " + change.start().stream().map(ServiceSpec::name).toList() + ", stopping "
                + change.stop());
        for (String name : change.stop()) {
            Slot slot = slots.remove(name);
            slot.retired = true;
            EngineProcess process = slot.process;
            if (process != null) {
                CompletableFuture.runAsync(() -> {
                    process.stop(STOP_GRACE);
                    say("stopped " + name + " (pid " + process.pid() + "): gone from the plan");
                });
            }
        }
        for (ServiceSpec spec : change.start()) {
            Slot slot = new Slot(spec);
            slots.put(spec.name(), slot);
            launch(slot);
        }
        writeState();
    }

    private synchronized void launch(Slot slot) {
        if (stopping || slot.retired) {
            return;
        }
        ServiceSpec spec = slot.spec;
        try {
            Files.createDirectories(Path.of(spec.workDir()));
        } catch (IOException e) {
            say("cannot create " + spec.workDir() + ": " + e.getMessage());
        }
        // Each service writes its own log, rotating with a size cap; stdout/stderr carry only what bypasses logging.
        slot.process = EngineProcess.startWithConsoleFile(spec.name(), spec.argv(), spec.environment(),
                Path.of(spec.workDir()), Path.of(spec.logFile()), RunLayout.consoleFile(Path.of(spec.logFile())));
        slot.state = ServicesState.STARTING;
        slot.launchedAt = Instant.now();
        say("started " + spec.name() + " (pid " + slot.process.pid() + ") on " + spec.displayAddress());
        slot.process.onUnexpectedExit(p -> exited(slot, p));
    }

    private boolean adopt(Slot slot, Long pid) {
        if (pid == null) {
            return false;
        }
        var attached = EngineProcess.attach(slot.spec.name(), pid, Path.of(slot.spec.logFile()));
        if (attached.isEmpty()) {
            return false;
        }
        slot.process = attached.get();
        slot.state = ServicesState.STARTING; // ready again once its readiness endpoint says so
        slot.launchedAt = Instant.now();
        say("took over " + slot.spec.name() + " (pid " + pid + ") from the previous supervisor");
        slot.process.onUnexpectedExit(p -> exited(slot, p));
        return true;
    }

    private synchronized void exited(Slot slot, EngineProcess process) {
        if (stopping || slot.retired || slot.process != process) {
            return;
        }
        String code = ExitCause.describe(process.exitCode());
        Duration ran = Duration.between(slot.launchedAt, Instant.now());
        Duration delay = slot.backoff.afterCrash(ran);
        slot.restarts++;
        slot.state = ServicesState.RESTARTING;
        slot.lastExit = code + " at " + Instant.now();
        String message = slot.spec.name() + " (pid " + process.pid() + ") died: " + code + " after "
                + ran.toSeconds() + "s; restart #" + slot.restarts + " in " + delay.toMillis() + " ms";
        say(message);
        appendToLog(slot.spec, "==== citadel supervisor: " + message);
        writeState();
        timer.schedule(() -> launch(slot), delay.toMillis(), TimeUnit.MILLISECONDS);
        timer.schedule(this::writeStateSafely, delay.toMillis() + 100, TimeUnit.MILLISECONDS);
    }

    private void checkReadiness() {
        List<Slot> pending;
        synchronized (this) {
            pending = slots.values().stream().filter(s -> ServicesState.STARTING.equals(s.state)).toList();
        }
        for (Slot slot : pending) {
            if (ready(slot.spec.readinessUrl())) {
                synchronized (this) {
                    if (ServicesState.STARTING.equals(slot.state)) {
                        slot.state = ServicesState.READY;
                        say(slot.spec.name() + " ready after "
                                + Duration.between(slot.launchedAt, Instant.now()).toMillis() / 100 / 10.0 + "s");
                        writeState();
                    }
                }
            }
        }
    }

    private boolean ready(String url) {
        try {
            HttpResponse<Void> response = http.current().send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(3)).GET().build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** SIGTERM to every service at once (each drains on its own), SIGKILL after the grace period. */
    private void stopAll() {
        List<Slot> all;
        synchronized (this) {
            stopping = true;
            all = new ArrayList<>(slots.values());
        }
        say("stopping " + all.size() + " services");
        var threads = Executors.newFixedThreadPool(Math.max(1, all.size()));
        try {
            CompletableFuture.allOf(all.stream().filter(s -> s.process != null)
                    .map(s -> CompletableFuture.runAsync(() -> {
                        long begin = System.nanoTime();
                        s.process.stop(STOP_GRACE);
                        s.state = ServicesState.STOPPED;
                        say("stopped " + s.spec.name() + " in " + (System.nanoTime() - begin) / 100_000_000 / 10.0 + "s");
                    }, threads))
                    .toArray(CompletableFuture[]::new)).join();
        } finally {
            threads.shutdown();
        }
        synchronized (this) {
            writeState();
        }
        say("all services stopped");
        stopped.countDown();
    }

    private void writeStateSafely() {
        synchronized (this) {
            writeState();
        }
    }

    private void writeState() {
        List<ServicesState.Service> rows = new ArrayList<>();
        for (Slot s : slots.values()) {
            rows.add(new ServicesState.Service(s.spec.name(), s.spec.region(), s.spec.kind(), s.spec.displayAddress(),
                    s.process == null ? -1 : s.process.pid(), s.state, s.restarts, s.lastExit, s.spec.logFile()));
        }
        JsonFiles.write(layout.servicesState(), new ServicesState(ProcessHandle.current().pid(), startedAt,
                plan.skipped(), rows));
    }

    private void say(String message) {
        synchronized (log) {
            log.println(Instant.now() + " " + message);
            log.flush();
        }
    }

    /**
     * Into the service's console file, which this process created (the log itself may belong to the service's own
     * account, which could have made it a link to a file only root may write).
     */
    private static void appendToLog(ServiceSpec spec, String line) {
        try {
            Files.writeString(RunLayout.consoleFile(Path.of(spec.logFile())), line + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.APPEND, java.nio.file.LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            // the supervisor's own log has the line already
        }
    }
}
