package io.jynamo.ejb.jobs;

import io.jynamo.ejb.config.NodeName;
import io.jynamo.ejb.metrics.ServiceMetrics;
import io.jynamo.ejb.schema.Datasource;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.SimpleTrigger;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.StdSchedulerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs the {@link MaintenanceTask}s on a Quartz scheduler whose JDBC job store lives in Jynamo's PostgreSQL, in
 * clustered mode: every node runs a scheduler, all share the schedule, and each run of a job happens on exactly one
 * of them (Quartz's row locks in {@code qrtz_locks} decide which). A job never runs twice at once anywhere.
 *
 * <p>Each job repeats at its interval ({@link JobSettings}). When runs were missed (every node was down), one runs at
 * once and the schedule goes on from there: missed runs are not made up one by one, since each run does all the work
 * that is due anyway. A node that starts with a different interval configured replaces the schedule.
 *
 * <p>Started after the schema (the job store's tables are a Flyway migration), outside any JTA transaction: the job
 * store commits its own work.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrator")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class MaintenanceScheduler {
    private static final Logger LOG = Logger.getLogger(MaintenanceScheduler.class.getName());
    static final String GROUP = "maintenance";
    private static final String TASK = "task";

    @Inject
    @Any
    private Instance<MaintenanceTask> discovered;

    @Inject
    private JobRuns runs;

    @Inject
    private ServiceMetrics metrics;

    private final Map<String, MaintenanceTask> tasks = new LinkedHashMap<>();
    private Scheduler scheduler;
    /** Set when the node shuts down: runs under way end after their current step. */
    private volatile boolean stopping;

    /** A job as scheduled now, for operators. */
    public record Schedule(String name, String description, Duration interval, Instant previousRun,
                           Instant nextRun) { }

    @PostConstruct
    void start() {
        for (MaintenanceTask task : discovered) {
            tasks.put(task.name(), task);
            try {
                task.atStartup();
            } catch (RuntimeException e) {
                // another node starting at the same time, say; the job's runs make up for it
                LOG.log(Level.WARNING, "Start-up work of job " + task.name() + " failed", e);
            }
        }
        try {
            scheduler = new StdSchedulerFactory(quartzProperties()).getScheduler();
            scheduler.setJobFactory((bundle, s) -> new RunTask(this));
            for (MaintenanceTask task : tasks.values()) {
                schedule(task);
            }
            scheduler.start();
            LOG.info(() -> "Maintenance scheduler " + instanceId() + " started: " + tasks.keySet());
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot start the maintenance scheduler", e);
        }
    }

    @PreDestroy
    void stop() {
        stopping = true;
        try {
            // let running jobs finish their current step: each is a transaction of its own
            scheduler.shutdown(true);
        } catch (SchedulerException e) {
            LOG.log(Level.WARNING, "Maintenance scheduler did not stop cleanly", e);
        }
    }

    private static Properties quartzProperties() {
        Properties p = new Properties();
        p.setProperty("org.quartz.scheduler.instanceName", "Jynamo");
        p.setProperty("org.quartz.scheduler.instanceId", NodeName.get());
        p.setProperty("org.quartz.scheduler.threadsInheritContextClassLoaderOfInitializer", "true");
        p.setProperty("org.quartz.threadPool.threadCount", "2");
        p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        p.setProperty("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
        p.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
        p.setProperty("org.quartz.jobStore.isClustered", "true");
        p.setProperty("org.quartz.jobStore.clusterCheckinInterval", "5000");
        // a trigger more than this late counts as misfired and follows its misfire instruction (run now, go on from
        // there) rather than firing once per missed period
        p.setProperty("org.quartz.jobStore.misfireThreshold", "3000");
        p.setProperty("org.quartz.jobStore.dataSource", "jynamo");
        p.setProperty("org.quartz.dataSource.jynamo.jndiURL", Datasource.JNDI_NAME);
        return p;
    }


    /** Registers the task's job, or updates its schedule when the configured interval changed. */
    private void schedule(MaintenanceTask task) throws SchedulerException {
        Duration interval = JobSettings.interval(task);
        JobDetail job = JobBuilder.newJob(RunTask.class).withIdentity(task.name(), GROUP)
                .withDescription(task.description()).usingJobData(TASK, task.name()).storeDurably().build();
        Trigger trigger = TriggerBuilder.newTrigger().withIdentity(task.name(), GROUP).forJob(job)
                .withSchedule(SimpleScheduleBuilder.simpleSchedule().withIntervalInMilliseconds(interval.toMillis())
                        .repeatForever().withMisfireHandlingInstructionNowWithRemainingCount())
                .startAt(Date.from(Instant.now().plus(interval))).build();
        TriggerKey key = trigger.getKey();
        Trigger existing = scheduler.getTrigger(key);
        if (existing == null) {
            try {
                scheduler.scheduleJob(job, trigger);
            } catch (org.quartz.ObjectAlreadyExistsException anotherNodeWasFirst) {
                LOG.fine(() -> "job " + task.name() + " was registered by another node");
            }
        } else if (!(existing instanceof SimpleTrigger simple) || simple.getRepeatInterval() != interval.toMillis()) {
            scheduler.addJob(job, true);
            scheduler.rescheduleJob(key, trigger);
            LOG.info(() -> "Job " + task.name() + " now runs every " + interval.toSeconds() + " s");
        }
    }

    /**
     * Runs a job as soon as a node is free to, besides its schedule (once at a time across the cluster, as always:
     * a run requested while one is under way follows it).
     */
    public void runNow(String taskName) {
        try {
            scheduler.triggerJob(new org.quartz.JobKey(taskName, GROUP));
        } catch (SchedulerException e) {
            // the schedule runs it soon anyway
            LOG.log(Level.WARNING, "Could not start job " + taskName + " now", e);
        }
    }

    /** The jobs and their schedules, as the shared job store has them. */
    public List<Schedule> schedules() {
        List<Schedule> schedules = new ArrayList<>();
        for (MaintenanceTask task : tasks.values()) {
            try {
                Trigger t = scheduler.getTrigger(new TriggerKey(task.name(), GROUP));
                long interval = t instanceof SimpleTrigger s ? s.getRepeatInterval()
                        : JobSettings.interval(task).toMillis();
                schedules.add(new Schedule(task.name(), task.description(), Duration.ofMillis(interval),
                        t == null ? null : instant(t.getPreviousFireTime()),
                        t == null ? null : instant(t.getNextFireTime())));
            } catch (SchedulerException e) {
                throw new IllegalStateException("cannot read the schedule of job " + task.name(), e);
            }
        }
        return schedules;
    }

    /** This node's name in the cluster (Quartz's instance id). */
    public String instanceId() {
        try {
            return scheduler.getSchedulerInstanceId();
        } catch (SchedulerException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs a task for Quartz and logs the run. */
    void run(String taskName, Instant scheduledAt) {
        MaintenanceTask task = tasks.get(taskName);
        if (task == null) {
            // registered by a node with a newer version of Jynamo; that node will run it
            LOG.warning(() -> "This node does not know maintenance job " + taskName);
            return;
        }
        long run = runs.started(taskName, instanceId(), scheduledAt);
        long start = System.nanoTime();
        try {
            String summary = task.run(() -> stopping);
            runs.finished(run, true, summary);
            metrics.jobRun(taskName, true, System.nanoTime() - start);
            LOG.fine(() -> "Job " + taskName + ": " + summary);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Maintenance job " + taskName + " failed", e);
            // the page operators read shows what failed, not its text (which may hold SQL); the log has the rest
            runs.finished(run, false, "failed (" + e.getClass().getSimpleName() + "); see the server log");
            metrics.jobRun(taskName, false, System.nanoTime() - start);
        }
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }

    /** The Quartz job: runs the task named in its data. One at a time per task, across the cluster. */
    @DisallowConcurrentExecution
    public static final class RunTask implements Job {
        private final MaintenanceScheduler owner;

        RunTask(MaintenanceScheduler owner) {
            this.owner = owner;
        }

        @Override
        public void execute(JobExecutionContext context) {
            Date scheduled = context.getScheduledFireTime();
            owner.run(context.getMergedJobDataMap().getString(TASK),
                    scheduled == null ? Instant.now() : scheduled.toInstant());
        }
    }
}
