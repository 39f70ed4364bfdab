package io.jynamo.bench;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs one workload against one target as a closed loop: {@code concurrency} requests in flight, each completion
 * starting the next, for a warm-up (not recorded) and then a measured period. Latency is recorded per operation
 * (microseconds) in HdrHistograms.
 */
final class Runner {
    private final Target target;
    private final int items;
    private final int concurrency;

    Runner(Target target, int items, int concurrency) {
        this.target = target;
        this.items = items;
        this.concurrency = concurrency;
    }

    record Result(String target, Workload workload, Map<Workload.Operation, Histogram> latencies, long operations,
                  long errors, double seconds, CpuMeter.Usage cpu) {

        double throughput() {
            return operations / seconds;
        }

        /** CPU time the load generator spent per operation, in microseconds. */
        double clientMicrosPerOperation() {
            return operations == 0 ? Double.NaN : cpu.processNanos() / 1000.0 / operations;
        }
    }

    /**
     * Runs every workload unrecorded, so that the JIT compilers of both the server and this load generator are done
     * with all the code paths before the first measurement (otherwise the first workload measured pays for them).
     */
    void warmUp(java.util.List<Workload> workloads, int seconds) throws InterruptedException {
        for (Workload w : workloads) {
            loop(w, seconds, null, new AtomicLong(), new AtomicLong());
        }
    }

    Result run(Workload workload, int warmupSeconds, int seconds) throws InterruptedException {
        loop(workload, warmupSeconds, null, new AtomicLong(), new AtomicLong());
        Map<Workload.Operation, Histogram> latencies = new EnumMap<>(Workload.Operation.class);
        for (Workload.Operation op : Workload.Operation.values()) {
            latencies.put(op, new ConcurrentHistogram(TimeUnit.SECONDS.toMicros(60), 3));
        }
        AtomicLong done = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        long start = System.nanoTime();
        CpuMeter cpu = CpuMeter.start();
        loop(workload, seconds, latencies, done, errors);
        CpuMeter.Usage used = cpu.stop();
        double elapsed = (System.nanoTime() - start) / 1e9;
        latencies.values().removeIf(h -> h.getTotalCount() == 0);
        return new Result(target.name(), workload, latencies, done.get(), errors.get(), elapsed, used);
    }

    private void loop(Workload workload, int seconds, Map<Workload.Operation, Histogram> latencies, AtomicLong done,
                      AtomicLong errors) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch finished = new CountDownLatch(concurrency);
        for (int i = 0; i < concurrency; i++) {
            next(workload, end, stop, latencies, done, errors, finished);
        }
        finished.await();
    }

    private void next(Workload workload, long end, AtomicBoolean stop, Map<Workload.Operation, Histogram> latencies,
                      AtomicLong done, AtomicLong errors, CountDownLatch finished) {
        if (System.nanoTime() >= end) {
            finished.countDown();
            return;
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        Workload.Operation op = workload.pick(random.nextInt(100));
        int item = random.nextInt(items);
        long started = System.nanoTime();
        CompletableFuture<?> call = switch (op) {
            case GET -> target.get(item);
            case UPDATE -> target.update(item, Target.field(random.nextInt(), 0));
            case PUT -> target.put(item);
            case QUERY -> target.query(random.nextInt(Math.max(1, items / Target.PARTITION)));
            case TRANSACTION -> target.updateTwo(item, (item + 1 + random.nextInt(items - 1)) % items,
                    Target.field(random.nextInt(), 0));
        };
        call.whenComplete((r, e) -> {
            if (e != null) {
                errors.incrementAndGet();
            } else if (latencies != null) {
                latencies.get(op).recordValue(Math.max(1, (System.nanoTime() - started) / 1000));
                done.incrementAndGet();
            }
            next(workload, end, stop, latencies, done, errors, finished);
        });
    }
}
