package io.jynamo.core.transfer;

import io.jynamo.core.item.AttributeType;
import io.jynamo.core.item.AttributeValue;
import io.jynamo.core.item.AttributeValueJson;
import io.jynamo.core.item.DynamoNumber;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ImportRecordsTest {

    /** What a sink received, as "index: item json" or "index! message". */
    private static List<String> read(String format, String text, ImportRecords.CsvOptions csv) throws IOException {
        List<String> out = new ArrayList<>();
        ImportRecords.read(format, new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), csv,
                Map.of("pk", AttributeType.S, "sk", AttributeType.N), new ImportRecords.Sink() {
                    @Override
                    public void item(long index, Map<String, AttributeValue> item) {
                        out.add(index + ": " + new String(io.jynamo.core.json.Json.write(
                                g -> AttributeValueJson.writeItem(g, item)), StandardCharsets.UTF_8));
                    }

                    @Override
                    public void error(long index, String message) {
                        out.add(index + "! " + message);
                    }
                });
        return out;
    }

    @Test
    void jsonLinesAreNumberedAndAnUnparseableLineEndsTheObject() throws IOException {
        List<String> records = read("DYNAMODB_JSON", "{\"Item\":{\"pk\":{\"S\":\"a\"}}}\n"
                + "{\"Item\":{\"pk\":{\"SS\":[]}}}\r\n"
                + "\n"
                + "{\"Other\":{}}\n"
                + "{\"Item\":{\"pk\":{\"N\":\"1\"}}}\n"
                + "{\"Item\":\n"
                + "{\"Item\":{\"pk\":{\"S\":\"never\"}}}", null);
        assertThat(records).hasSize(5);
        assertThat(records.subList(0, 4)).containsExactly("0: {\"pk\":{\"S\":\"a\"}}",
                "1! One or more parameter values were invalid: An string set  may not be empty",
                "2! Each line must be an object with the one member \"Item\"",
                "3: {\"pk\":{\"N\":\"1\"}}");
        assertThat(records.get(4)).startsWith("4! Invalid JSON: Unexpected end-of-input");
    }

    @Test
    void aLineOverTheLimitIsOneErrorAndTheNextLineIsRead() throws IOException {
        String huge = "{\"Item\":{\"pk\":{\"S\":\"" + "x".repeat(ImportRecords.MAX_RECORD_CHARS) + "\"}}}";
        assertThat(read("DYNAMODB_JSON", huge + "\n{\"Item\":{\"pk\":{\"S\":\"b\"}}}\n", null))
                .containsExactly("0! Item size has exceeded the maximum allowed size", "1: {\"pk\":{\"S\":\"b\"}}");
    }

    @Test
    void ionValuesMapToDynamoDbTypes() throws IOException {
        assertThat(read("ION", "$ion_1_0 {Item:{pk:\"a\",n:6d2,i:7,b:{{AAE=}},t:true,z:null,"
                + "ss:$dynamodb_SS::[\"x\",\"y\"],ns:$dynamodb_NS::[1.5,2.],bs:$dynamodb_BS::[{{AQ==}}],"
                + "l:[\"e\",[]],m:{k:{}}}}\n$ion_1_0 {Item:{pk:2020-01-01T}}\n{Nope:{}}", null))
                .containsExactly("0: {\"pk\":{\"S\":\"a\"},\"n\":{\"N\":\"600\"},\"i\":{\"N\":\"7\"},"
                        + "\"b\":{\"B\":\"AAE=\"},\"t\":{\"BOOL\":true},\"z\":{\"NULL\":true},"
                        + "\"ss\":{\"SS\":[\"x\",\"y\"]},\"ns\":{\"NS\":[\"1.5\",\"2\"]},\"bs\":{\"BS\":[\"AQ==\"]},"
                        + "\"l\":{\"L\":[{\"S\":\"e\"},{\"L\":[]}]},\"m\":{\"M\":{\"k\":{\"M\":{}}}}}",
                        "1! Unsupported Ion value for DynamoDB: timestamp",
                        "2! Each value must be a struct with the one field Item");
    }

    @Test
    void csvKeysTakeTheirTypesAndEverythingElseIsAString() throws IOException {
        assertThat(read("CSV", "pk,sk,note\na,1,\"x, \"\"y\"\"\"\nb,oops,z\nc,2,\n",
                new ImportRecords.CsvOptions(',', null)))
                .containsExactly("0: {\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"1\"},\"note\":{\"S\":\"x, \\\"y\\\"\"}}",
                        "1! The parameter cannot be converted to a numeric value: oops",
                        "2: {\"pk\":{\"S\":\"c\"},\"sk\":{\"N\":\"2\"}}");
        assertThat(read("CSV", "d;3;q\n", new ImportRecords.CsvOptions(';', List.of("pk", "sk", "note"))))
                .containsExactly("0: {\"pk\":{\"S\":\"d\"},\"sk\":{\"N\":\"3\"},\"note\":{\"S\":\"q\"}}");
    }

    @Test
    void aCsvRecordOrIonValueOverTheLimitEndsTheObjectWhateverItsLineBreaks() {
        // a quoted CSV value may hold line breaks: the limit is per record, not per line
        String endless = "pk,sk\n\"" + "abc\n".repeat(ImportRecords.MAX_RECORD_CHARS / 4 + 100_000) + "\",1\n";
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> read("CSV", endless,
                new ImportRecords.CsvOptions(',', null))).hasMessageContaining("longer than");
        String huge = "{Item:{pk:\"" + "x".repeat(ImportRecords.MAX_RECORD_CHARS + 10) + "\"}}";
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> read("ION", huge, null))
                .hasMessageContaining("longer than");
    }

    @Test
    void exportLinesReadBackAsTheSameItems() throws IOException {
        Map<String, AttributeValue> item = Map.of("pk", new AttributeValue.S("k"),
                "n", new AttributeValue.N(DynamoNumber.parse("12345678901234567890123456789012345678")),
                "ns", new AttributeValue.NS(List.of(DynamoNumber.parse("1E-130"))),
                "z", AttributeValue.Null.INSTANCE);
        String stored = new String(io.jynamo.core.json.Json.write(g -> AttributeValueJson.writeItem(g, item)),
                StandardCharsets.UTF_8);
        for (String format : List.of("DYNAMODB_JSON", "ION")) {
            String line = ExportLines.item(format, stored);
            assertThat(line).endsWith("\n").doesNotContain(": ");
            List<String> back = read(format, line, null);
            assertThat(back).hasSize(1);
            assertThat(AttributeValueJson.parseItem(back.get(0).substring(3))).isEqualTo(item);
        }
        assertThat(ExportLines.item("ION", stored)).startsWith("$ion_1_0 {Item:{");
    }
}
