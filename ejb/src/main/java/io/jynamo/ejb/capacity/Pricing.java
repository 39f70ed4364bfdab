package io.jynamo.ejb.capacity;

import io.jynamo.ejb.config.Settings;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * The rates of DynamoDB's pricing structure the cost estimates use, per table class, from configuration
 * ({@code JYNAMO_PRICE_...}, {@code JYNAMO_PRICE_IA_...} for STANDARD_INFREQUENT_ACCESS). The defaults are AWS's
 * us-east-1 list prices as this project knew them (December 2026); an operator sets the rates the estimates are to
 * be read in, in any currency.
 *
 * @param readRequestUnit        per on-demand read request unit
 * @param writeRequestUnit       per on-demand write request unit
 * @param readCapacityUnitHour   per provisioned read capacity unit and hour
 * @param writeCapacityUnitHour  per provisioned write capacity unit and hour
 * @param storageGbMonth         per GB (2^30 bytes) stored for a month
 */
public record Pricing(String tableClass, BigDecimal readRequestUnit, BigDecimal writeRequestUnit,
                      BigDecimal readCapacityUnitHour, BigDecimal writeCapacityUnitHour, BigDecimal storageGbMonth) {
    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

    public static Pricing standard() {
        return configured("STANDARD", "", "0.125", "0.625", "0.00013", "0.00065", "0.25");
    }

    public static Pricing infrequentAccess() {
        return configured("STANDARD_INFREQUENT_ACCESS", "IA_", "0.155", "0.78", "0.00016", "0.00081", "0.10");
    }

    private static Pricing configured(String tableClass, String prefix, String readPerMillion,
                                      String writePerMillion, String rcuHour, String wcuHour, String gbMonth) {
        return new Pricing(tableClass,
                rate(prefix, "PER_MILLION_READ_REQUEST_UNITS", readPerMillion).divide(MILLION),
                rate(prefix, "PER_MILLION_WRITE_REQUEST_UNITS", writePerMillion).divide(MILLION),
                rate(prefix, "READ_CAPACITY_UNIT_HOUR", rcuHour),
                rate(prefix, "WRITE_CAPACITY_UNIT_HOUR", wcuHour),
                rate(prefix, "STORAGE_GB_MONTH", gbMonth));
    }

    /** JYNAMO_PRICE_[IA_]NAME, or the system property jynamo.price.[ia.]name (lower case, '.' for '_'). */
    private static BigDecimal rate(String prefix, String name, String fallback) {
        String env = "JYNAMO_PRICE_" + prefix + name;
        String property = env.toLowerCase(Locale.ROOT).replace('_', '.');
        return new BigDecimal(Settings.get(property, env, fallback));
    }
}
