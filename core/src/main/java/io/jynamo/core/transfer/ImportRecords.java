package io.jynamo.core.transfer;

import com.amazon.ion.IonReader;
import com.amazon.ion.IonType;
import com.amazon.ion.system.IonReaderBuilder;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.jynamo.core.api.Limits;
import io.jynamo.core.error.DynamoException;
import io.jynamo.core.item.AttributeType;
import io.jynamo.core.item.AttributeValue;
import io.jynamo.core.item.AttributeValueReader;
import io.jynamo.core.item.DynamoNumber;
import io.jynamo.core.item.ItemSize;
import io.jynamo.core.json.Json;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The items of one object of an import, in its format: DynamoDB JSON ({@code {"Item":{...}}} a line), Ion (a
 * {@code {Item:{...}}} struct per top-level value) or CSV (a record per line, the attribute names from the first line
 * or from the request's header list). Each record is handed on as an item or as the reason it is not one; records
 * are numbered from 0 in the object (DynamoDB's itemIndex). Memory is bounded by the largest record allowed
 * ({@link #MAX_RECORD_CHARS}): a longer line is one error, a longer CSV or Ion record ends the object.
 */
public final class ImportRecords {
    /**
     * The longest line or record read: an item is at most 400 KB, which its text makes up to about 7 times longer (a
     * list of nulls: {@code {"NULL":true},} is 14 characters for 2 bytes of item).
     */
    static final int MAX_RECORD_CHARS = 4 * 1024 * 1024;

    private ImportRecords() {
    }

    /** Receives the records of an object in order. */
    public interface Sink {
        void item(long index, Map<String, AttributeValue> item);

        void error(long index, String message);
    }

    /** How to read CSV: the delimiter, and the header list (null: the object's first line is its header). */
    public record CsvOptions(char delimiter, List<String> headerList) { }

    /**
     * Reads every record of the (decompressed) object.
     *
     * @param keyTypes the types of the table's key attributes (a CSV value of one of them is read as that type; every
     *                 other CSV value is a string)
     */
    public static void read(String format, InputStream in, CsvOptions csv, Map<String, AttributeType> keyTypes,
                            Sink sink) throws IOException {
        switch (format) {
            case "DYNAMODB_JSON" -> readJsonLines(in, sink);
            case "ION" -> readIon(in, sink);
            case "CSV" -> readCsv(in, csv, keyTypes, sink);
            default -> throw new IllegalArgumentException(format);
        }
    }

    private static void readJsonLines(InputStream in, Sink sink) throws IOException {
        BoundedLines lines = new BoundedLines(new InputStreamReader(in, StandardCharsets.UTF_8), MAX_RECORD_CHARS);
        long index = 0;
        for (String line = lines.next(); line != null; line = lines.next()) {
            if (line == BoundedLines.TOO_LONG) {
                sink.error(index++, "Item size has exceeded the maximum allowed size");
                continue;
            }
            // a line usually holds one record, but DynamoDB also reads records written one after another
            try (JsonParser p = Json.MAPPER.getFactory().createParser(line)) {
                while (p.nextToken() != null) {
                    Map<String, AttributeValue> item;
                    try {
                        JsonNode record = Json.MAPPER.readTree(p);
                        JsonNode wrapped = record.get("Item");
                        if (wrapped == null || !wrapped.isObject() || record.size() != 1) {
                            throw DynamoException.validation(
                                    "Each line must be an object with the one member \"Item\"");
                        }
                        item = AttributeValueReader.readMap(wrapped);
                    } catch (DynamoException e) {
                        sink.error(index++, e.getMessage());
                        continue;
                    } catch (ClassCastException | UnsupportedOperationException | NullPointerException e) {
                        // a value of another JSON type where an attribute value's member is expected
                        sink.error(index++, "Invalid item: " + e.getMessage());
                        continue;
                    }
                    accept(index++, item, sink);
                }
            } catch (JsonProcessingException e) {
                // as DynamoDB does, the rest of an object that cannot be parsed is skipped
                sink.error(index, "Invalid JSON: " + e.getOriginalMessage());
                return;
            }
        }
    }

    private static void readIon(InputStream in, Sink sink) throws IOException {
        RecordLimit limited = new RecordLimit(MAX_RECORD_CHARS);
        try (IonReader r = IonReaderBuilder.standard().build(limited.bytes(in))) {
            long index = 0;
            for (IonType t = r.next(); t != null; limited.recordEnded(), t = r.next(), index++) {
                Map<String, AttributeValue> item = null;
                try {
                    if (t != IonType.STRUCT || r.isNullValue()) {
                        throw DynamoException.validation("Each value must be a struct with the one field Item");
                    }
                    r.stepIn();
                    try {
                        for (IonType f = r.next(); f != null; f = r.next()) {
                            if (!"Item".equals(r.getFieldName()) || item != null) {
                                throw DynamoException.validation(
                                        "Each value must be a struct with the one field Item");
                            }
                            item = IonItems.readItem(r);
                        }
                    } finally {
                        // out of the record, from however deep a refused value left the reader
                        while (r.getDepth() > 0) {
                            r.stepOut();
                        }
                    }
                    if (item == null) {
                        throw DynamoException.validation("Each value must be a struct with the one field Item");
                    }
                } catch (DynamoException e) {
                    sink.error(index, e.getMessage());
                    continue;
                }
                accept(index, item, sink);
            }
        } catch (com.amazon.ion.IonException e) {
            // malformed Ion (or a record over the limit): nothing after it can be read
            throw new IOException("Invalid Ion: " + e.getMessage(), e);
        }
    }

    private static void readCsv(InputStream in, CsvOptions options, Map<String, AttributeType> keyTypes, Sink sink)
            throws IOException {
        CSVFormat format = CSVFormat.RFC4180.builder().setDelimiter(options.delimiter())
                .setIgnoreEmptyLines(true).setMaxRows(0).get();
        // a quoted value may hold line breaks: the limit is per record
        RecordLimit limited = new RecordLimit(MAX_RECORD_CHARS);
        Reader reader = limited.chars(new InputStreamReader(in, StandardCharsets.UTF_8));
        try (CSVParser parser = CSVParser.builder().setReader(reader).setFormat(format).get()) {
            List<String> header = options.headerList();
            long index = 0;
            for (CSVRecord record : parser) {
                limited.recordEnded();
                if (header == null) {
                    header = record.toList();
                    continue;
                }
                Map<String, AttributeValue> item = new LinkedHashMap<>();
                try {
                    if (record.size() > header.size()) {
                        throw DynamoException.validation("The record has " + record.size() + " values and the header "
                                + header.size() + " names");
                    }
                    for (int i = 0; i < record.size(); i++) {
                        String value = record.get(i);
                        if (!value.isEmpty()) {
                            // an empty cell is an attribute the item does not have (a sparse index's key, too)
                            item.put(header.get(i), csvValue(value, keyTypes.get(header.get(i))));
                        }
                    }
                } catch (DynamoException e) {
                    sink.error(index++, e.getMessage());
                    continue;
                } catch (IllegalArgumentException e) {
                    sink.error(index++, "Invalid value: " + e.getMessage());
                    continue;
                }
                accept(index++, item, sink);
            }
        } catch (java.io.UncheckedIOException e) {
            // commons-csv's iterator wraps what the reader throws
            throw e.getCause();
        }
    }

    private static AttributeValue csvValue(String value, AttributeType keyType) {
        if (keyType == AttributeType.N) {
            return new AttributeValue.N(DynamoNumber.parse(value));
        }
        if (keyType == AttributeType.B) {
            return new AttributeValue.B(Base64.getDecoder().decode(value));
        }
        return new AttributeValue.S(value);
    }

    private static void accept(long index, Map<String, AttributeValue> item, Sink sink) {
        if (ItemSize.of(item) > Limits.MAX_ITEM_SIZE_BYTES) {
            sink.error(index, "Item size has exceeded the maximum allowed size");
            return;
        }
        sink.item(index, item);
    }
}
