package io.jynamo.ejb.backup;

import io.jynamo.core.table.Tag;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A table's backup plan, given as its tag {@value #TAG}: how often the backup-retention job backs the table up, and
 * how long each of those backups is kept, e.g. {@code every=1d keep=30d} ("daily, keep 30 days"). Units: s, m, h, d.
 * The backups are SYSTEM backups (as DynamoDB calls those it makes itself), with that expiry.
 */
public record BackupPlan(Duration every, Duration keep) {
    /** The tag that holds a table's plan (tag values allow letters, digits, spaces and {@code _.:/=+-@}). */
    static final String TAG = "jynamo:backup-plan";

    private static final Pattern FORMAT = Pattern.compile(
            "\\s*every=(\\d{1,6})([smhd])\\s+keep=(\\d{1,6})([smhd])\\s*");

    /** The plan in the table's tags; empty when it has none. */
    static Optional<String> tagged(List<Tag> tags) {
        return tags.stream().filter(t -> t.key().equals(TAG)).map(Tag::value).findFirst();
    }

    /** The plan a tag value gives; empty when it is not one (the job then reports it and leaves the table alone). */
    static Optional<BackupPlan> parse(String value) {
        Matcher m = FORMAT.matcher(value);
        if (!m.matches()) {
            return Optional.empty();
        }
        Duration every = duration(m.group(1), m.group(2));
        Duration keep = duration(m.group(3), m.group(4));
        return every.isZero() || keep.isZero() ? Optional.empty() : Optional.of(new BackupPlan(every, keep));
    }

    private static Duration duration(String amount, String unit) {
        long n = Long.parseLong(amount);
        return switch (unit) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }
}
