package io.jynamo.it;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.ContinuousBackupsDescription;
import software.amazon.awssdk.services.dynamodb.model.ContinuousBackupsStatus;
import software.amazon.awssdk.services.dynamodb.model.DescribeEndpointsResponse;
import software.amazon.awssdk.services.dynamodb.model.DescribeLimitsResponse;
import software.amazon.awssdk.services.dynamodb.model.PointInTimeRecoveryStatus;

import static io.jynamo.it.DynamoAssertions.assertError;
import static io.jynamo.it.DynamoAssertions.assertErrorCode;
import static org.assertj.core.api.Assertions.assertThat;

/** DescribeEndpoints, DescribeLimits and DescribeContinuousBackups, which SDK tooling calls. */
class ServiceInfoIT extends JynamoIT {

    @Test
    void describeEndpointsNamesTheAddressTheClientReached() {
        DescribeEndpointsResponse r = ddb.describeEndpoints(b -> { });
        assertThat(r.endpoints()).singleElement().satisfies(e -> {
            assertThat(e.address()).isEqualTo(endpoint.getHost() + ":" + endpoint.getPort());
            assertThat(e.cachePeriodInMinutes()).isEqualTo(1440L);
        });
    }

    @Test
    void describeLimitsGivesDynamoDbsDefaultQuotas() {
        DescribeLimitsResponse r = ddb.describeLimits(b -> { });
        assertThat(r.accountMaxReadCapacityUnits()).isEqualTo(80_000L);
        assertThat(r.accountMaxWriteCapacityUnits()).isEqualTo(80_000L);
        assertThat(r.tableMaxReadCapacityUnits()).isEqualTo(40_000L);
        assertThat(r.tableMaxWriteCapacityUnits()).isEqualTo(40_000L);
    }

    @Test
    void continuousBackupsAreDescribedWithPointInTimeRecoveryDisabled() {
        String table = Tables.createHashOnly(ddb, "backups");
        ContinuousBackupsDescription d = ddb.describeContinuousBackups(b -> b.tableName(table))
                .continuousBackupsDescription();
        assertThat(d.continuousBackupsStatus()).isEqualTo(ContinuousBackupsStatus.ENABLED);
        assertThat(d.pointInTimeRecoveryDescription().pointInTimeRecoveryStatus())
                .isEqualTo(PointInTimeRecoveryStatus.DISABLED);
        assertThat(d.pointInTimeRecoveryDescription().earliestRestorableDateTime()).isNull();

        assertError(() -> ddb.describeContinuousBackups(b -> b.tableName("no_such_table")), "TableNotFoundException",
                "Table not found: no_such_table");
        assertErrorCode(() -> ddb.describeContinuousBackups(b -> b.tableName("a!")), "ValidationException");
    }
}
