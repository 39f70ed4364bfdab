package io.jynamo.web;

import io.jynamo.core.access.DynamoDbAccess;
import io.jynamo.core.access.Principal;
import io.jynamo.core.autoscaling.AutoScalingRequests;
import io.jynamo.core.autoscaling.AutoScalingResponses;
import io.jynamo.core.autoscaling.ScalingPolicy;
import io.jynamo.core.iam.AccessRequest;
import io.jynamo.core.error.DynamoException;
import io.jynamo.core.error.ErrorType;
import io.jynamo.core.iam.PolicyDocument;
import io.jynamo.core.error.TransactionCanceledException;
import io.jynamo.core.json.Json;
import io.jynamo.core.operation.Backups;
import io.jynamo.core.operation.BatchGetItem;
import io.jynamo.core.operation.BatchWriteItem;
import io.jynamo.core.operation.ContinuousBackups;
import io.jynamo.core.operation.Exports;
import io.jynamo.core.operation.Imports;
import io.jynamo.core.operation.CreateTable;
import io.jynamo.core.operation.DeleteItem;
import io.jynamo.core.operation.GetItem;
import io.jynamo.core.operation.ListTables;
import io.jynamo.core.operation.PutItem;
import io.jynamo.core.operation.Query;
import io.jynamo.core.operation.ResourcePolicies;
import io.jynamo.core.operation.Restores;
import io.jynamo.core.operation.ResourcePolicyRules;
import io.jynamo.core.operation.QueryScanResponse;
import io.jynamo.core.operation.Scan;
import io.jynamo.core.operation.ServiceInfo;
import io.jynamo.core.operation.TableDescriptionWriter;
import io.jynamo.core.operation.TableName;
import io.jynamo.core.operation.Tagging;
import io.jynamo.core.operation.TimeToLive;
import io.jynamo.core.operation.TransactGetItems;
import io.jynamo.core.operation.TransactWriteItems;
import io.jynamo.core.operation.UpdateItem;
import io.jynamo.core.operation.UpdateTable;
import io.jynamo.core.operation.WriteResponse;
import io.jynamo.core.streams.DescribeStream;
import io.jynamo.core.table.TableDescription;
import io.jynamo.core.streams.GetRecords;
import io.jynamo.core.streams.GetShardIterator;
import io.jynamo.core.streams.ListStreams;
import io.jynamo.core.streams.StreamDescription;
import io.jynamo.ejb.autoscaling.AutoScalingService;
import io.jynamo.ejb.metrics.ServiceMetrics;
import io.jynamo.ejb.backup.BackupService;
import io.jynamo.ejb.backup.LongTransactions;
import io.jynamo.ejb.backup.PointInTimeService;
import io.jynamo.ejb.transfer.ExportService;
import io.jynamo.ejb.transfer.ImportService;
import io.jynamo.ejb.service.BatchService;
import io.jynamo.ejb.service.ItemService;
import io.jynamo.ejb.service.QueryService;
import io.jynamo.ejb.service.ResourcePolicyService;
import io.jynamo.ejb.service.TableService;
import io.jynamo.ejb.service.TransactionService;
import io.jynamo.ejb.cache.MemoryReads;
import io.jynamo.ejb.config.ServiceIdentity;
import io.jynamo.ejb.security.IamService;
import io.jynamo.ejb.security.ResourcePolicyDirectory;
import io.jynamo.ejb.stream.StreamsService;
import io.jynamo.ejb.ttl.TimeToLiveService;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The operation registry: for each {@code X-Amz-Target}, validate the request (core), run it (EJB service), write
 * the response (core). One line per DynamoDB operation.
 */
@ApplicationScoped
public class Operations {
    /** The API version prefix of DynamoDB's targets. */
    static final String DYNAMODB = "DynamoDB_20120810";
    /** The API version prefix of DynamoDB Streams' targets (served on the same endpoint). */
    static final String STREAMS = "DynamoDBStreams_20120810";
    /** The prefix of Application Auto Scaling's targets (served on the same endpoint, signed for its own name). */
    static final String AUTO_SCALING = "AnyScaleFrontendService";

    @EJB
    private TableService tables;

    @EJB
    private ItemService items;

    @EJB
    private QueryService reads;

    @EJB
    private BatchService batches;

    @EJB
    private TransactionService transactions;

    @EJB
    private StreamsService streams;

    @EJB
    private TimeToLiveService timeToLive;

    @EJB
    private ResourcePolicyService resourcePolicies;

    @EJB
    private IamService iam;

    @EJB
    private BackupService backups;

    @EJB
    private PointInTimeService pointInTime;

    @EJB
    private LongTransactions longTransactions;

    @EJB
    private ExportService exports;

    @EJB
    private ImportService imports;

    @EJB
    private AutoScalingService autoScaling;

    @Inject
    private Authorizer authorizer;

    @Inject
    private Accelerator accelerator;

    @Inject
    private CapacityGate capacity;

    @Inject
    private ServiceMetrics metrics;

    @Inject
    private MemoryReads memoryReads;

    @Inject
    private ResourcePolicyDirectory resourcePolicyDirectory;

    @Inject
    private ServiceIdentity identity;

    /** TagResource and UntagResource succeed with an empty body (zero bytes, not {}), as DynamoDB's do. */
    private static final byte[] NO_BODY = new byte[0];

    /**
     * What a handler gets of a request: its body, the host the client reached (DescribeEndpoints names it), who
     * signed it and from where, its request id, and whether it came through the accelerator ({@link Accelerator}).
     */
    record Call(byte[] body, String host, Principal principal, String requestId, boolean accelerated,
                RequestFacts facts) { }

    private final Map<String, Function<Call, byte[]>> handlers = new HashMap<>();
    private final Map<String, Function<Call, byte[]>> streamHandlers = new HashMap<>();
    private final Map<String, Function<Call, byte[]>> scalingHandlers = new HashMap<>();

    @PostConstruct
    void register() {
        handlers.put("CreateTable", call -> {
            CreateTable.Request r = CreateTable.parse(call.body());
            if (r.resourcePolicy() == null) {
                allow(call, a -> List.of(a.onTable("CreateTable", r.tableName())));
            } else {
                // "you must have permissions for both the CreateTable and PutResourcePolicy actions"
                allow(call, a -> List.of(a.onTable("CreateTable", r.tableName()),
                        a.onTable("PutResourcePolicy", r.tableName())));
                checkPrincipalsExist(ResourcePolicyRules.check(r.resourcePolicy(), ResourcePolicyRules.Target.TABLE));
            }
            TableDescription created = tables.createTable(r);
            // a table of the same name may have just been deleted: its policy is not the new table's
            resourcePolicyDirectory.forget(r.tableName());
            return Json.write(g -> TableDescriptionWriter.writeResponse(g, "TableDescription", created));
        });
        handlers.put("DescribeTable", call -> {
            String name = TableName.parse(call.body());
            allow(call, a -> List.of(a.onTable("DescribeTable", name)));
            return Json.write(g -> TableDescriptionWriter.writeResponse(g, "Table", tables.describeTable(name)));
        });
        handlers.put("ListTables", call -> {
            ListTables.Request r = ListTables.parse(call.body());
            allow(call, a -> List.of(a.plain("ListTables", "*")));
            return Json.write(g -> ListTables.write(g, tables.listTables(r)));
        });
        handlers.put("UpdateTable", call -> {
            UpdateTable.Request r = UpdateTable.parse(call.body());
            allow(call, a -> List.of(a.onTable("UpdateTable", r.tableName())));
            return Json.write(g -> TableDescriptionWriter.writeResponse(g, "TableDescription", tables.updateTable(r)));
        });
        handlers.put("DeleteTable", call -> {
            String name = TableName.parse(call.body());
            allow(call, a -> List.of(a.onTable("DeleteTable", name)));
            TableDescription deleted = tables.deleteTable(name);
            resourcePolicyDirectory.forget(name);
            return Json.write(g -> TableDescriptionWriter.writeDeleted(g, deleted));
        });

        handlers.put("UpdateTimeToLive", call -> {
            TimeToLive.Update r = TimeToLive.parseUpdate(call.body());
            allow(call, a -> List.of(a.onTable("UpdateTimeToLive", r.tableName())));
            return Json.write(g -> TimeToLive.writeUpdate(g, timeToLive.updateTimeToLive(r)));
        });
        handlers.put("DescribeTimeToLive", call -> {
            String name = TableName.parse(call.body());
            allow(call, a -> List.of(a.onTable("DescribeTimeToLive", name)));
            return Json.write(g -> TimeToLive.writeDescription(g, timeToLive.describeTimeToLive(name)));
        });

        handlers.put("TagResource", call -> {
            Tagging.TagRequest r = Tagging.parseTag(call.body());
            allow(call, a -> List.of(a.plain("TagResource", r.resourceArn().isEmpty() ? "*" : r.resourceArn())));
            tables.tagResource(r);
            return NO_BODY;
        });
        handlers.put("UntagResource", call -> {
            Tagging.UntagRequest r = Tagging.parseUntag(call.body());
            allow(call, a -> List.of(a.plain("UntagResource", r.resourceArn().isEmpty() ? "*" : r.resourceArn())));
            tables.untagResource(r);
            return NO_BODY;
        });
        handlers.put("ListTagsOfResource", call -> {
            String arn = Tagging.parseList(call.body());
            allow(call, a -> List.of(a.plain("ListTagsOfResource", arn.isEmpty() ? "*" : arn)));
            return Json.write(g -> Tagging.writeList(g, tables.listTagsOfResource(arn)));
        });
        handlers.put("PutResourcePolicy", call -> {
            ResourcePolicies.Put r = ResourcePolicies.parsePut(call.body(), identity.region(), identity.accountId());
            allow(call, a -> List.of(a.plain("PutResourcePolicy", r.target().arn())));
            PolicyDocument policy = ResourcePolicyRules.check(r.policy(), r.target().isStream()
                    ? ResourcePolicyRules.Target.STREAM : ResourcePolicyRules.Target.TABLE);
            checkPrincipalsExist(policy);
            if (!r.confirmRemoveSelfAccess() && !authorizer.wouldAllow(call.principal(),
                    authorizer.access(call).plain("PutResourcePolicy", r.target().arn()), policy)) {
                throw new DynamoException(ErrorType.ACCESS_DENIED, "The new resource policy will not allow you to "
                        + "update the resource policy in the future.");
            }
            String revision = resourcePolicies.put(r);
            resourcePolicyDirectory.forget(r.target().tableName());
            return Json.write(g -> ResourcePolicies.writeRevision(g, revision));
        });
        handlers.put("GetResourcePolicy", call -> {
            ResourcePolicies.Target target = ResourcePolicies.parseGet(call.body(), identity.region(),
                    identity.accountId());
            allow(call, a -> List.of(a.plain("GetResourcePolicy", target.arn())));
            ResourcePolicyService.Stored stored = resourcePolicies.get(target);
            return Json.write(g -> ResourcePolicies.writePolicy(g, stored.policy(), stored.revisionId()));
        });
        handlers.put("DeleteResourcePolicy", call -> {
            ResourcePolicies.Delete r = ResourcePolicies.parseDelete(call.body(), identity.region(),
                    identity.accountId());
            allow(call, a -> List.of(a.plain("DeleteResourcePolicy", r.target().arn())));
            String revision = resourcePolicies.delete(r);
            resourcePolicyDirectory.forget(r.target().tableName());
            return Json.write(g -> ResourcePolicies.writeRevision(g, revision));
        });

        handlers.put("DescribeContinuousBackups", call -> {
            String name = ContinuousBackups.parseDescribe(call.body());
            allow(call, a -> List.of(a.onTable("DescribeContinuousBackups", name)));
            return Json.write(g -> ContinuousBackups.writeDescription(g, pointInTime.describe(name)));
        });
        handlers.put("UpdateContinuousBackups", call -> {
            ContinuousBackups.Update r = ContinuousBackups.parseUpdate(call.body());
            allow(call, a -> List.of(a.onTable("UpdateContinuousBackups", r.tableName())));
            ContinuousBackups.Description updated = pointInTime.update(r);
            if (r.enabled()) {
                // the base is copied once the change has committed (see ItemHistory.copyBase)
                long tableId = pointInTime.tableId(r.tableName());
                longTransactions.run(() -> {
                    pointInTime.copyBase(tableId);
                    return null;
                });
                updated = pointInTime.describe(r.tableName());
            }
            ContinuousBackups.Description answer = updated;
            return Json.write(g -> ContinuousBackups.writeDescription(g, answer));
        });
        handlers.put("RestoreTableToPointInTime", call -> {
            Restores.ToPointInTime r = Restores.parseToPointInTime(call.body());
            // "RestoreTableToPointInTime permissions are necessary on the source table, and DynamoDB read and write
            // permissions on the target table"
            allow(call, a -> restoreAccess(a, a.onTable("RestoreTableToPointInTime", r.sourceTableName()),
                    r.targetTableName()));
            TableDescription restoring = pointInTime.restore(r);
            resourcePolicyDirectory.forget(r.targetTableName());
            return Json.write(g -> TableDescriptionWriter.writeResponse(g, "TableDescription", restoring));
        });
        handlers.put("CreateBackup", call -> {
            Backups.Create r = Backups.parseCreate(call.body());
            allow(call, a -> List.of(a.onTable("CreateBackup", r.tableName())));
            return Json.write(g -> Backups.writeCreated(g, backups.createBackup(r)));
        });
        handlers.put("DescribeBackup", call -> {
            String arn = Backups.parseBackupArn(call.body());
            allow(call, a -> List.of(a.plain("DescribeBackup", arn)));
            return Json.write(g -> Backups.writeDescription(g, backups.describeBackup(arn)));
        });
        handlers.put("ListBackups", call -> {
            Backups.ListRequest r = Backups.parseList(call.body());
            allow(call, a -> List.of(a.plain("ListBackups", "*")));
            return Json.write(g -> Backups.writeList(g, backups.listBackups(r)));
        });
        handlers.put("DeleteBackup", call -> {
            String arn = Backups.parseBackupArn(call.body());
            allow(call, a -> List.of(a.plain("DeleteBackup", arn)));
            return Json.write(g -> Backups.writeDescription(g, backups.deleteBackup(arn)));
        });
        handlers.put("RestoreTableFromBackup", call -> {
            Restores.FromBackup r = Restores.parseFromBackup(call.body());
            // "RestoreTableFromBackup permissions are necessary on the source backup, and DynamoDB read and write
            // permissions on the target table"
            allow(call, a -> restoreAccess(a, a.plain("RestoreTableFromBackup", r.backupArn()),
                    r.targetTableName()));
            TableDescription restoring = backups.restoreTableFromBackup(r);
            resourcePolicyDirectory.forget(r.targetTableName());
            return Json.write(g -> TableDescriptionWriter.writeResponse(g, "TableDescription", restoring));
        });
        handlers.put("ExportTableToPointInTime", call -> {
            Exports.Request r = Exports.parse(call.body());
            allow(call, a -> List.of(a.onTable("ExportTableToPointInTime", r.tableName()),
                    a.onS3("PutObject", r.s3Bucket(), r.s3Prefix() == null ? "" : r.s3Prefix())));
            return Json.write(g -> Exports.writeDescription(g, exports.start(r)));
        });
        handlers.put("DescribeExport", call -> {
            String arn = Exports.parseDescribe(call.body());
            allow(call, a -> List.of(a.plain("DescribeExport", arn)));
            return Json.write(g -> Exports.writeDescription(g, exports.describe(arn)));
        });
        handlers.put("ListExports", call -> {
            Exports.ListRequest r = Exports.parseList(call.body());
            allow(call, a -> List.of(a.plain("ListExports", "*")));
            return Json.write(g -> Exports.writeList(g, exports.list(r)));
        });
        handlers.put("ImportTable", call -> {
            Imports.Request r = Imports.parse(call.body());
            allow(call, a -> List.of(a.onTable("ImportTable", r.table().tableName()),
                    a.onS3("ListBucket", r.s3Bucket(), null), a.onS3("GetObject", r.s3Bucket(), r.s3KeyPrefix())));
            Imports.Import started = imports.start(r);
            resourcePolicyDirectory.forget(r.table().tableName());
            return Json.write(g -> Imports.writeDescription(g, started));
        });
        handlers.put("DescribeImport", call -> {
            String arn = Imports.parseDescribe(call.body());
            allow(call, a -> List.of(a.plain("DescribeImport", arn)));
            return Json.write(g -> Imports.writeDescription(g, imports.describe(arn)));
        });
        handlers.put("ListImports", call -> {
            Imports.ListRequest r = Imports.parseList(call.body());
            allow(call, a -> List.of(a.plain("ListImports", "*")));
            return Json.write(g -> Imports.writeList(g, imports.list(r)));
        });
        handlers.put("DescribeEndpoints", call -> {
            ServiceInfo.parseEmpty(call.body());
            allow(call, a -> List.of(a.plain("DescribeEndpoints", "*")));
            return Json.write(g -> ServiceInfo.writeEndpoints(g, call.host()));
        });
        handlers.put("DescribeLimits", call -> {
            ServiceInfo.parseEmpty(call.body());
            allow(call, a -> List.of(a.plain("DescribeLimits", "*")));
            return Json.write(ServiceInfo::writeLimits);
        });

        handlers.put("PutItem", call -> {
            PutItem.Request r = PutItem.parse(call.body());
            allow(call, a -> a.putItem(r));
            WriteResponse written = capacity.write(r.tableName(), () -> call.accelerated()
                    ? accelerator.write(r.tableName(), r.item(), true, () -> items.putItem(r))
                    : items.putItem(r));
            return Json.write(g -> WriteResponse.write(g, written));
        });
        handlers.put("GetItem", call -> {
            GetItem.Request r = GetItem.parse(call.body());
            allow(call, a -> a.getItem(r));
            GetItem.Response found = capacity.read(r.tableName(), null,
                    () -> items.getItem(r, call.accelerated() ? accelerator.items() : memoryReads.now()),
                    GetItem.Response::consumed);
            return Json.write(g -> GetItem.write(g, found));
        });
        handlers.put("UpdateItem", call -> {
            UpdateItem.Request r = UpdateItem.parse(call.body());
            allow(call, a -> a.updateItem(r));
            WriteResponse written = capacity.write(r.tableName(), () -> call.accelerated()
                    ? accelerator.write(r.tableName(), r.key(), false, () -> items.updateItem(r))
                    : items.updateItem(r));
            return Json.write(g -> WriteResponse.write(g, written));
        });
        handlers.put("DeleteItem", call -> {
            DeleteItem.Request r = DeleteItem.parse(call.body());
            allow(call, a -> a.deleteItem(r));
            WriteResponse written = capacity.write(r.tableName(), () -> call.accelerated()
                    ? accelerator.write(r.tableName(), r.key(), false, () -> items.deleteItem(r))
                    : items.deleteItem(r));
            return Json.write(g -> WriteResponse.write(g, written));
        });
        handlers.put("Query", call -> {
            Query.Request r = Query.parse(call.body());
            allow(call, a -> a.query(r));
            // an answer the accelerator has in memory reads nothing: it costs nothing (as DAX's cache hits)
            Supplier<byte[]> run = () -> Json.write(g -> QueryScanResponse.write(g, capacity.read(r.tableName(),
                    r.indexName(), () -> returned(r.tableName(), "Query", reads.query(r)), QueryScanResponse::consumed)));
            return call.accelerated() && !r.consistentRead() ? accelerator.cachedAnswer("Query", call.body(), run)
                    : run.get();
        });
        handlers.put("Scan", call -> {
            Scan.Request r = Scan.parse(call.body());
            allow(call, a -> a.scan(r));
            Supplier<byte[]> run = () -> Json.write(g -> QueryScanResponse.write(g, capacity.read(r.tableName(),
                    r.indexName(), () -> returned(r.tableName(), "Scan", reads.scan(r)), QueryScanResponse::consumed)));
            return call.accelerated() && !r.consistentRead() ? accelerator.cachedAnswer("Scan", call.body(), run)
                    : run.get();
        });
        handlers.put("BatchGetItem", call -> {
            BatchGetItem.Request r = BatchGetItem.parse(call.body());
            allow(call, a -> a.batchGetItem(r));
            BatchGetItem.Response found = capacity.batchGet(r, admitted -> batches.batchGetItem(admitted,
                    call.accelerated() ? accelerator.items() : memoryReads.now()));
            return Json.write(g -> BatchGetItem.write(g, found));
        });
        handlers.put("BatchWriteItem", call -> {
            BatchWriteItem.Request r = BatchWriteItem.parse(call.body());
            allow(call, a -> a.batchWriteItem(r));
            BatchWriteItem.Response written = capacity.batchWrite(r, admitted -> call.accelerated()
                    ? accelerator.write(admitted, () -> batches.batchWriteItem(admitted))
                    : batches.batchWriteItem(admitted));
            return Json.write(g -> BatchWriteItem.write(g, written));
        });
        handlers.put("TransactWriteItems", call -> {
            TransactWriteItems.Request r = TransactWriteItems.parse(call.body());
            allow(call, a -> a.transactWriteItems(r));
            TransactWriteItems.Response written = capacity.transactWrite(r, () -> transactions.transactWriteItems(r));
            if (call.accelerated()) {
                accelerator.wroteThrough(r);
            }
            return Json.write(g -> TransactWriteItems.write(g, written));
        });
        handlers.put("TransactGetItems", call -> {
            TransactGetItems.Request r = TransactGetItems.parse(call.body());
            allow(call, a -> a.transactGetItems(r));
            TransactGetItems.Response found = capacity.transactGet(r, () -> transactions.transactGetItems(r));
            return Json.write(g -> TransactGetItems.write(g, found));
        });

        streamHandlers.put("ListStreams", call -> {
            ListStreams.Request r = ListStreams.parse(call.body());
            // even when it names a table, as DynamoDB asks
            allow(call, a -> List.of(a.plain("ListStreams", "*")));
            return Json.write(g -> ListStreams.write(g, streams.listStreams(r)));
        });
        streamHandlers.put("DescribeStream", call -> {
            DescribeStream.Request r = DescribeStream.parse(call.body());
            allow(call, a -> List.of(a.plain("DescribeStream", r.streamArn().toString())));
            StreamDescription d = streams.describeStream(r);
            // one shard: a page that starts after a shard id (it, or one unknown) is empty, as in DynamoDB
            return Json.write(g -> DescribeStream.write(g, d, r.exclusiveStartShardId() == null));
        });
        streamHandlers.put("GetShardIterator", call -> {
            GetShardIterator.Request r = GetShardIterator.parse(call.body());
            allow(call, a -> List.of(a.plain("GetShardIterator", r.streamArn().toString())));
            return Json.write(g -> GetShardIterator.write(g, streams.getShardIterator(r)));
        });
        streamHandlers.put("GetRecords", call -> {
            GetRecords.Request r = GetRecords.parse(call.body());
            // the stream is the one the (signed) iterator was made for
            allow(call, a -> List.of(a.plain("GetRecords", streams.streamArnOf(r))));
            return Json.write(g -> GetRecords.write(g, streams.getRecords(r)));
        });
        registerAutoScaling();
    }

    /** Application Auto Scaling's operations: each needs its action of the service, on any resource. */
    private void registerAutoScaling() {
        scalingHandlers.put("RegisterScalableTarget", call -> {
            AutoScalingRequests.Register r = AutoScalingRequests.parseRegister(call.body());
            allowScaling(call, "RegisterScalableTarget");
            String arn = autoScaling.register(r);
            return Json.write(g -> AutoScalingResponses.registered(g, arn));
        });
        scalingHandlers.put("DeregisterScalableTarget", call -> {
            AutoScalingRequests.Deregister r = AutoScalingRequests.parseDeregister(call.body());
            allowScaling(call, "DeregisterScalableTarget");
            autoScaling.deregister(r.resource());
            return Json.write(AutoScalingResponses::empty);
        });
        scalingHandlers.put("DescribeScalableTargets", call -> {
            AutoScalingRequests.DescribeTargets r = AutoScalingRequests.parseDescribeTargets(call.body());
            allowScaling(call, "DescribeScalableTargets");
            var page = autoScaling.describeTargets(r);
            return Json.write(g -> AutoScalingResponses.targets(g, page.items(), page.nextToken()));
        });
        scalingHandlers.put("PutScalingPolicy", call -> {
            AutoScalingRequests.PutPolicy r = AutoScalingRequests.parsePutPolicy(call.body());
            allowScaling(call, "PutScalingPolicy");
            ScalingPolicy policy = autoScaling.putPolicy(r);
            return Json.write(g -> AutoScalingResponses.policyPut(g, policy, alarmArnPrefix()));
        });
        scalingHandlers.put("DescribeScalingPolicies", call -> {
            AutoScalingRequests.DescribePolicies r = AutoScalingRequests.parseDescribePolicies(call.body());
            allowScaling(call, "DescribeScalingPolicies");
            var page = autoScaling.describePolicies(r);
            return Json.write(g -> AutoScalingResponses.policies(g, page.items(), page.nextToken(),
                    alarmArnPrefix()));
        });
        scalingHandlers.put("DeleteScalingPolicy", call -> {
            AutoScalingRequests.DeletePolicy r = AutoScalingRequests.parseDeletePolicy(call.body());
            allowScaling(call, "DeleteScalingPolicy");
            autoScaling.deletePolicy(r);
            return Json.write(AutoScalingResponses::empty);
        });
        scalingHandlers.put("DescribeScalingActivities", call -> {
            AutoScalingRequests.DescribeActivities r = AutoScalingRequests.parseDescribeActivities(call.body());
            allowScaling(call, "DescribeScalingActivities");
            var page = autoScaling.describeActivities(r);
            return Json.write(g -> AutoScalingResponses.activities(g, page.items(), page.nextToken()));
        });
    }

    private void allowScaling(Call call, String action) {
        authorizer.check(call, List.of(new AccessRequest("application-autoscaling:" + action, "*",
                call.principal().globalKeys(), java.util.Set.of())));
    }

    /** Where the ARNs of the alarms target tracking is said to watch with begin. */
    private String alarmArnPrefix() {
        return "arn:aws:cloudwatch:" + identity.region() + ":" + identity.accountId() + ":alarm:";
    }

    /**
     * A resource-based policy may name users and roles of this account only if they exist (IAM resolves them to
     * their ids): DynamoDB's ValidationException otherwise.
     */
    private void checkPrincipalsExist(PolicyDocument policy) {
        if (iam.firstMissingPrincipal(policy) != null) {
            throw ResourcePolicyRules.invalidPrincipal();
        }
    }

    /** The accesses a restore asks for: the one on its source, and reading and writing the table it creates. */
    private static List<AccessRequest> restoreAccess(DynamoDbAccess a, AccessRequest source, String target) {
        List<AccessRequest> accesses = new java.util.ArrayList<>();
        accesses.add(source);
        for (String action : List.of("PutItem", "UpdateItem", "DeleteItem", "GetItem", "Query", "Scan",
                "BatchWriteItem")) {
            accesses.add(a.onTable(action, target));
        }
        return accesses;
    }

    /** Counts the items a Query or Scan returns (ReturnedItemCount); gives its answer. */
    private QueryScanResponse returned(String table, String operation, QueryScanResponse response) {
        metrics.returnedItems(table, operation, response.count());
        return response;
    }

    /** Refuses the call unless its caller's policies allow every access its operation asks for. */
    private void allow(Call call, Function<DynamoDbAccess, List<AccessRequest>> accesses) {
        List<AccessRequest> asked = accesses.apply(authorizer.access(call));
        asked.forEach(a -> call.facts().resource(a.resource()));
        authorizer.check(call, asked);
    }

    /** The handler for an {@code X-Amz-Target} value, or null when it names no operation Jynamo knows. */
    Function<Call, byte[]> handler(String target) {
        if (target == null) {
            return null;
        }
        int dot = target.indexOf('.');
        if (dot < 0) {
            return null;
        }
        return switch (target.substring(0, dot)) {
            case DYNAMODB -> handlers.get(target.substring(dot + 1));
            case STREAMS -> streamHandlers.get(target.substring(dot + 1));
            case AUTO_SCALING -> scalingHandlers.get(target.substring(dot + 1));
            default -> null;
        };
    }

    /** Whether the target (null: none) names an Application Auto Scaling operation. */
    boolean isAutoScaling(String target) {
        return target != null && target.startsWith(AUTO_SCALING + ".");
    }

    /** The service name a request for this (known) target is signed for. */
    String signingName(String target) {
        return isAutoScaling(target) ? "application-autoscaling" : "dynamodb";
    }

    /**
     * DynamoDB's answer to a request that keeps colliding with others: a transaction is cancelled with a
     * TransactionConflict for each of its items, any other request refused with TransactionConflictException.
     */
    DynamoException conflictedTooOften(String target, byte[] body) {
        int items = switch (target.substring(target.indexOf('.') + 1)) {
            case "TransactWriteItems" -> TransactWriteItems.parse(body).actions().size();
            case "TransactGetItems" -> TransactGetItems.parse(body).gets().size();
            default -> 0;
        };
        if (items == 0) {
            return DynamoException.transactionConflict();
        }
        return new TransactionCanceledException(Collections.nCopies(items,
                TransactionCanceledException.Reason.conflict()));
    }
}
