package io.jynamo.ejb.stream;

import io.jynamo.core.error.DynamoException;
import io.jynamo.core.error.ErrorType;
import io.jynamo.core.json.Json;
import io.jynamo.core.streams.DescribeStream;
import io.jynamo.core.streams.GetRecords;
import io.jynamo.core.streams.GetShardIterator;
import io.jynamo.core.streams.ListStreams;
import io.jynamo.core.streams.SequenceNumbers;
import io.jynamo.core.streams.ShardIterator;
import io.jynamo.core.streams.StreamArn;
import io.jynamo.core.streams.StreamDescription;
import io.jynamo.core.table.KeySchemaElement;
import io.jynamo.core.table.KeyType;
import io.jynamo.core.table.StreamViewType;
import io.jynamo.ejb.config.ServiceIdentity;
import io.jynamo.ejb.config.Settings;
import io.jynamo.ejb.storage.Catalog;
import io.jynamo.ejb.storage.ServerSecrets;
import io.jynamo.ejb.storage.StreamEntity;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The DynamoDB Streams API: ListStreams, DescribeStream, GetShardIterator, GetRecords. Reads only: each runs without
 * a transaction of its own, after having the stream's committed records numbered ({@link StreamSequencer}).
 *
 * <p>Each stream has one shard, which stays open while the stream is enabled and is closed when it is disabled; its
 * records are kept 24 hours. Iterators expire after 15 minutes ({@code JYNAMO_STREAMS_ITERATOR_MAX_AGE_SECONDS} to
 * change that).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class StreamsService {
    @Inject
    private Catalog catalog;

    @Inject
    private ServiceIdentity identity;

    @Inject
    private StreamLog log;

    @EJB
    private StreamSequencer sequencer;

    @Inject
    private ServerSecrets secrets;

    private final Duration iteratorMaxAge = Settings.seconds("jynamo.streams.iterator-max-age-seconds",
            "JYNAMO_STREAMS_ITERATOR_MAX_AGE_SECONDS", ShardIterator.DEFAULT_MAX_AGE);

    public ListStreams.Response listStreams(ListStreams.Request r) {
        List<StreamEntity> streams = catalog.streams(r.tableName());
        int from = 0;
        if (r.exclusiveStartStreamArn() != null) {
            for (int i = 0; i < streams.size(); i++) {
                if (arn(streams.get(i)).equals(r.exclusiveStartStreamArn())) {
                    from = i + 1;
                }
            }
        }
        List<StreamDescription> page = new ArrayList<>();
        for (int i = from; i < streams.size() && page.size() < r.limit(); i++) {
            StreamLog.Counters counters = log.counters(streams.get(i).getId());
            if (counters != null) {
                page.add(describe(streams.get(i), counters));
            }
        }
        boolean more = from + page.size() < streams.size();
        return new ListStreams.Response(page, more ? page.get(page.size() - 1).streamArn() : null);
    }

    public StreamDescription describeStream(DescribeStream.Request r) {
        StreamEntity stream = find(r.streamArn());
        sequencer.sequence(stream.getId());
        return describe(stream, counters(stream));
    }

    /** Iterators are signed with the cluster's key (see {@link ShardIterator.Signer}). */
    private ShardIterator.Signer signer() {
        return new ShardIterator.Signer(secrets.secret("shard-iterator"));
    }

    /** A new iterator, signed. */
    public String getShardIterator(GetShardIterator.Request r) {
        StreamEntity stream = find(r.streamArn());
        if (!r.shardId().equals(shardId(stream))) {
            throw new DynamoException(ErrorType.RESOURCE_NOT_FOUND,
                    "Requested resource not found: Shard does not exist");
        }
        sequencer.sequence(stream.getId());
        StreamLog.Counters counters = counters(stream);
        long position = switch (r.type()) {
            case TRIM_HORIZON -> counters.trimmedThrough();
            case LATEST -> counters.lastSequence();
            case AT_SEQUENCE_NUMBER -> r.sequenceNumber() - 1;
            case AFTER_SEQUENCE_NUMBER -> r.sequenceNumber();
        };
        if (position < counters.trimmedThrough()) {
            throw trimmed();
        }
        // A number beyond the shard's end (no recording shows DynamoDB's answer) reads on from the end, as Kinesis,
        // on which DynamoDB Streams is built, does: the records yet to come, none skipped, and of a closed shard
        // nothing, without a next iterator. (Numbers are given densely here, so a position beyond the end would
        // otherwise skip the records that are yet to get those numbers.)
        position = Math.min(position, counters.lastSequence());
        return signer().encode(new ShardIterator(arn(stream), stream.getId(), position, Instant.now()));
    }

    /** The stream a GetRecords reads: the one its iterator was made for (ValidationException for a forged one). */
    public String streamArnOf(GetRecords.Request r) {
        return signer().decode(r.iterator()).streamArn();
    }

    public GetRecords.Response getRecords(GetRecords.Request r) {
        ShardIterator.Signer signer = signer();
        ShardIterator iterator = signer.decode(r.iterator());
        Instant now = Instant.now();
        iterator.checkNotExpired(now, iteratorMaxAge);
        StreamEntity stream = catalog.stream(iterator.streamId())
                .filter(s -> arn(s).equals(iterator.streamArn()))
                .orElseThrow(() -> StreamArn.parse(iterator.streamArn()).notFound());
        sequencer.sequence(stream.getId());
        StreamLog.Counters counters = counters(stream);
        if (iterator.position() < counters.trimmedThrough()) {
            throw trimmed();
        }
        List<GetRecords.Record> records = log.after(stream.getId(), iterator.position(), r.limit(),
                GetRecords.MAX_RESPONSE_BYTES);
        long position = records.isEmpty() ? iterator.position() : records.get(records.size() - 1).sequence();
        boolean closedAndRead = StreamEntity.DISABLED.equals(stream.getStatus())
                && position >= counters.lastSequence();
        return new GetRecords.Response(identity.region(), StreamViewType.valueOf(stream.getViewType()), records,
                closedAndRead ? null : signer.encode(iterator.next(position, now)));
    }

    /** The stream's counters; ResourceNotFound if the stream was forgotten since it was looked up. */
    private StreamLog.Counters counters(StreamEntity stream) {
        StreamLog.Counters counters = log.counters(stream.getId());
        if (counters == null) {
            throw StreamArn.parse(arn(stream)).notFound();
        }
        return counters;
    }

    private StreamEntity find(StreamArn arn) {
        if (!arn.region().equals(identity.region()) || !arn.accountId().equals(identity.accountId())) {
            throw arn.notFound();
        }
        return catalog.stream(arn.tableName(), arn.label()).orElseThrow(arn::notFound);
    }

    private StreamDescription describe(StreamEntity s, StreamLog.Counters counters) {
        boolean closed = StreamEntity.DISABLED.equals(s.getStatus());
        return new StreamDescription(arn(s), s.getTableName(), s.getLabel(), s.getStatus(),
                StreamViewType.valueOf(s.getViewType()), s.getCreatedAt(), keySchema(s), shardId(s),
                SequenceNumbers.format(counters.trimmedThrough() + 1),
                closed ? SequenceNumbers.format(Math.max(counters.lastSequence(), counters.trimmedThrough() + 1))
                        : null);
    }

    private String arn(StreamEntity s) {
        return StreamArn.of(identity.tableArn(s.getTableName()), s.getLabel());
    }

    /** The stream's one shard: "shardId-", its creation time in 20 digits of milliseconds, 8 hex digits. */
    static String shardId(StreamEntity s) {
        return String.format("shardId-%020d-%08x", s.getCreatedAt().toEpochMilli(),
                Long.hashCode(s.getId() * 0x9E3779B97F4A7C15L));
    }

    private static List<KeySchemaElement> keySchema(StreamEntity s) {
        List<KeySchemaElement> keys = new ArrayList<>();
        try {
            for (var k : Json.MAPPER.readTree(s.getKeySchema())) {
                keys.add(new KeySchemaElement(k.get("AttributeName").textValue(),
                        KeyType.valueOf(k.get("KeyType").textValue())));
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        return keys;
    }

    private static DynamoException trimmed() {
        return new DynamoException(ErrorType.TRIMMED_DATA_ACCESS, "The data you are trying to access has been trimmed.");
    }
}
