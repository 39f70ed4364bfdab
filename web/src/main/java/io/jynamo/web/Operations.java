package io.jynamo.web;

import io.jynamo.core.auth.Caller;
import io.jynamo.core.error.DynamoException;
import io.jynamo.core.error.TransactionCanceledException;
import io.jynamo.core.json.Json;
import io.jynamo.core.operation.BatchGetItem;
import io.jynamo.core.operation.BatchWriteItem;
import io.jynamo.core.operation.ContinuousBackups;
import io.jynamo.core.operation.CreateTable;
import io.jynamo.core.operation.DeleteItem;
import io.jynamo.core.operation.GetItem;
import io.jynamo.core.operation.ListTables;
import io.jynamo.core.operation.PutItem;
import io.jynamo.core.operation.Query;
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
import io.jynamo.core.streams.GetRecords;
import io.jynamo.core.streams.GetShardIterator;
import io.jynamo.core.streams.ListStreams;
import io.jynamo.core.streams.StreamDescription;
import io.jynamo.ejb.service.BatchService;
import io.jynamo.ejb.service.ItemService;
import io.jynamo.ejb.service.QueryService;
import io.jynamo.ejb.service.TableService;
import io.jynamo.ejb.service.TransactionService;
import io.jynamo.ejb.stream.StreamsService;
import io.jynamo.ejb.ttl.TimeToLiveService;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

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

    /** TagResource and UntagResource succeed with an empty body (zero bytes, not {}), as DynamoDB's do. */
    private static final byte[] NO_BODY = new byte[0];

    /**
     * What a handler gets of a request: its body, the host the client reached (DescribeEndpoints names it), and who
     * signed it.
     */
    record Call(byte[] body, String host, Caller caller) { }

    private final Map<String, Function<Call, byte[]>> handlers = new HashMap<>();
    private final Map<String, Function<Call, byte[]>> streamHandlers = new HashMap<>();

    @PostConstruct
    void register() {
        handlers.put("CreateTable", call -> Json.write(g -> TableDescriptionWriter.writeResponse(g,
                "TableDescription", tables.createTable(CreateTable.parse(call.body())))));
        handlers.put("DescribeTable", call -> Json.write(g -> TableDescriptionWriter.writeResponse(g,
                "Table", tables.describeTable(TableName.parse(call.body())))));
        handlers.put("ListTables", call -> Json.write(g -> ListTables.write(g,
                tables.listTables(ListTables.parse(call.body())))));
        handlers.put("UpdateTable", call -> Json.write(g -> TableDescriptionWriter.writeResponse(g,
                "TableDescription", tables.updateTable(UpdateTable.parse(call.body())))));
        handlers.put("DeleteTable", call -> Json.write(g -> TableDescriptionWriter.writeDeleted(g,
                tables.deleteTable(TableName.parse(call.body())))));

        handlers.put("UpdateTimeToLive", call -> Json.write(g -> TimeToLive.writeUpdate(g,
                timeToLive.updateTimeToLive(TimeToLive.parseUpdate(call.body())))));
        handlers.put("DescribeTimeToLive", call -> Json.write(g -> TimeToLive.writeDescription(g,
                timeToLive.describeTimeToLive(TableName.parse(call.body())))));

        handlers.put("TagResource", call -> {
            tables.tagResource(Tagging.parseTag(call.body()));
            return NO_BODY;
        });
        handlers.put("UntagResource", call -> {
            tables.untagResource(Tagging.parseUntag(call.body()));
            return NO_BODY;
        });
        handlers.put("ListTagsOfResource", call -> Json.write(g -> Tagging.writeList(g,
                tables.listTagsOfResource(Tagging.parseList(call.body())))));
        handlers.put("DescribeContinuousBackups", call -> {
            tables.describeContinuousBackups(TableName.parse(call.body()));
            return Json.write(ContinuousBackups::writeDescription);
        });
        handlers.put("DescribeEndpoints", call -> {
            ServiceInfo.parseEmpty(call.body());
            return Json.write(g -> ServiceInfo.writeEndpoints(g, call.host()));
        });
        handlers.put("DescribeLimits", call -> {
            ServiceInfo.parseEmpty(call.body());
            return Json.write(ServiceInfo::writeLimits);
        });

        handlers.put("PutItem", call -> Json.write(g -> WriteResponse.write(g, items.putItem(PutItem.parse(call.body())))));
        handlers.put("GetItem", call -> Json.write(g -> GetItem.write(g, items.getItem(GetItem.parse(call.body())))));
        handlers.put("UpdateItem", call -> Json.write(g -> WriteResponse.write(g,
                items.updateItem(UpdateItem.parse(call.body())))));
        handlers.put("Query", call -> Json.write(g -> QueryScanResponse.write(g, reads.query(Query.parse(call.body())))));
        handlers.put("Scan", call -> Json.write(g -> QueryScanResponse.write(g, reads.scan(Scan.parse(call.body())))));
        handlers.put("BatchGetItem", call -> Json.write(g -> BatchGetItem.write(g,
                batches.batchGetItem(BatchGetItem.parse(call.body())))));
        handlers.put("BatchWriteItem", call -> Json.write(g -> BatchWriteItem.write(g,
                batches.batchWriteItem(BatchWriteItem.parse(call.body())))));
        handlers.put("TransactWriteItems", call -> Json.write(g -> TransactWriteItems.write(g,
                transactions.transactWriteItems(TransactWriteItems.parse(call.body())))));
        handlers.put("TransactGetItems", call -> Json.write(g -> TransactGetItems.write(g,
                transactions.transactGetItems(TransactGetItems.parse(call.body())))));
        handlers.put("DeleteItem", call -> Json.write(g -> WriteResponse.write(g,
                items.deleteItem(DeleteItem.parse(call.body())))));

        streamHandlers.put("ListStreams", call -> Json.write(g -> ListStreams.write(g,
                streams.listStreams(ListStreams.parse(call.body())))));
        streamHandlers.put("DescribeStream", call -> {
            DescribeStream.Request r = DescribeStream.parse(call.body());
            StreamDescription d = streams.describeStream(r);
            // one shard: a page that starts after a shard id (it, or one unknown) is empty, as in DynamoDB
            return Json.write(g -> DescribeStream.write(g, d, r.exclusiveStartShardId() == null));
        });
        streamHandlers.put("GetShardIterator", call -> Json.write(g -> GetShardIterator.write(g,
                streams.getShardIterator(GetShardIterator.parse(call.body())))));
        streamHandlers.put("GetRecords", call -> Json.write(g -> GetRecords.write(g,
                streams.getRecords(GetRecords.parse(call.body())))));
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
            default -> null;
        };
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
