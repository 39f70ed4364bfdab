package io.jynamo.core.operation;

import io.jynamo.core.error.DynamoException;
import io.jynamo.core.error.ErrorType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Validation of TransactWriteItems and TransactGetItems requests, and the fingerprint of a request for its token. */
class TransactRequestsTest {

    private static byte[] json(String s) {
        return s.replace('\'', '"').getBytes(StandardCharsets.UTF_8);
    }

    private static void assertRefused(Runnable parse, ErrorType type, String message) {
        DynamoException e = catchThrowableOfType(parse::run, DynamoException.class);
        assertThat(e).as("refused").isNotNull();
        assertThat(e.type()).isEqualTo(type);
        assertThat(e.getMessage()).isEqualTo(message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{}|1 validation error detected: Value null at 'transactItems' failed to satisfy constraint: Member must "
                    + "not be null",
            "{'TransactItems':[{'Update':{'TableName':'tbl','Key':{'pk':{'S':'a'}}}}]}|1 validation error detected: "
                    + "Value null at 'transactItems.1.member.update.updateExpression' failed to satisfy constraint: "
                    + "Member must not be null",
            "{'TransactItems':[{'Delete':{'TableName':'tbl'}}]}|1 validation error detected: Value null at "
                    + "'transactItems.1.member.delete.key' failed to satisfy constraint: Member must not be null",
            "{'TransactItems':[{'Put':{'Item':{'pk':{'S':'a'}}}}]}|1 validation error detected: Value null at "
                    + "'transactItems.1.member.put.tableName' failed to satisfy constraint: Member must not be null",
            "{'TransactItems':[{'Put':{'TableName':'tbl','Item':{'pk':{'S':'a'}},"
                    + "'ReturnValuesOnConditionCheckFailure':'dog'}}]}|1 validation error detected: Value 'dog' at "
                    + "'transactItems.1.member.put.returnValuesOnConditionCheckFailure' failed to satisfy constraint: "
                    + "Member must satisfy enum value set: [ALL_OLD, NONE]",
            "{'TransactItems':[{'Put':{'TableName':'tbl','Item':{'pk':{'S':'a'}}}}],'ClientRequestToken':''}|1 "
                    + "validation error detected: Value '' at 'clientRequestToken' failed to satisfy constraint: "
                    + "Member must have length greater than or equal to 1",
            "{'TransactItems':[{'Put':{'TableName':'tbl','Item':{'pk':{'S':'a'}},'ConditionExpression':'#a = :v',"
                    + "'ExpressionAttributeValues':{':v':{'S':'x'}}}}]}|Invalid ConditionExpression: An expression "
                    + "attribute name used in the document path is not defined; attribute name: #a",
            "{'TransactItems':[{'ConditionCheck':{'TableName':'tbl','Key':{'pk':{'S':'a'}},'ConditionExpression':''"
                    + "}}]}|Invalid ConditionExpression: The expression can not be empty;",
            "{'TransactItems':[{'Delete':{'TableName':'tbl','Key':{'pk':{'S':'a'}},"
                    + "'ExpressionAttributeNames':{'#n':'x'}}}]}|ExpressionAttributeNames can only be specified when "
                    + "using expressions",
            "{'TransactItems':[{'Put':{'TableName':'tbl','Item':{'pk':{'S':'a'}},'ConditionExpression':"
                    + "'attribute_exists(#n)','ExpressionAttributeNames':{'#n':'pk','#m':'x'}}}]}|Value provided in "
                    + "ExpressionAttributeNames unused in expressions: keys: {#m}",
    })
    void transactWriteItemsRequestsAreValidatedAsAWhole(String body, String message) {
        assertRefused(() -> TransactWriteItems.parse(json(body)), ErrorType.VALIDATION, message);
    }

    @Test
    void membersOfTheWrongTypeAreSerializationErrors() {
        assertRefused(() -> TransactWriteItems.parse(json("{'TransactItems':{}}")), ErrorType.SERIALIZATION,
                "Start of structure or map found where not expected");
        assertRefused(() -> TransactGetItems.parse(json("{'TransactItems':[{'Get':[]}]}")), ErrorType.SERIALIZATION,
                "Unrecognized collection type class com.amazonaws.dynamodb.v20120810.Get");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{'TransactItems':[{}]}|1 validation error detected: Value null at 'transactItems.1.member.get' failed "
                    + "to satisfy constraint: Member must not be null",
            "{'TransactItems':[{'Get':{'TableName':'tbl','Key':{'pk':{'S':'a'}},'ExpressionAttributeNames':"
                    + "{'#n':'x'}}}]}|ExpressionAttributeNames can only be specified when using expressions",
            "{'TransactItems':[{'Get':{'TableName':'tbl','Key':{'pk':{'S':'a'}},'ProjectionExpression':'a',"
                    + "'ExpressionAttributeNames':{'#n':'x'}}}]}|Value provided in ExpressionAttributeNames unused "
                    + "in expressions: keys: {#n}",
            "{'TransactItems':[{'Get':{'TableName':'tbl','Key':{'pk':{'S':'a'}}}}],'ReturnConsumedCapacity':'ALL'}|"
                    + "1 validation error detected: Value 'ALL' at 'returnConsumedCapacity' failed to satisfy "
                    + "constraint: Member must satisfy enum value set: [INDEXES, TOTAL, NONE]",
    })
    void transactGetItemsRequestsAreValidatedAsAWhole(String body, String message) {
        assertRefused(() -> TransactGetItems.parse(json(body)), ErrorType.VALIDATION, message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{'TransactItems':[null]}",
            "{'TransactItems':[{'Put':null}]}",
            "{'TransactItems':[{'Put':{'TableName':'tbl','Item':null}}]}",
            "{'TransactItems':[{'Update':{'TableName':'tbl','Key':{'pk':{'S':'a'}},'UpdateExpression':null}}]}",
            "{'TransactItems':[{'Get':null}]}",
            "{'TransactItems':[null,{'Get':{'TableName':'tbl','Key':{'pk':{'S':'a'}}}}]}",
    })
    void nullsAnywhereAreValidationErrors(String body) {
        for (var parse : java.util.List.<java.util.function.Function<byte[], ?>>of(
                TransactWriteItems::parse, TransactGetItems::parse)) {
            DynamoException e = catchThrowableOfType(() -> parse.apply(json(body)), DynamoException.class);
            assertThat(e).as("refused").isNotNull();
            assertThat(e.type()).isEqualTo(ErrorType.VALIDATION);
        }
    }

    @Test
    void aRequestListingItsMembersInAnotherOrderHasTheSameFingerprint() {
        var a = TransactWriteItems.parse(json("{'ClientRequestToken':'t','TransactItems':[{'Put':{'TableName':'tbl',"
                + "'Item':{'pk':{'S':'a'},'n':{'N':'1'}}}}]}"));
        var b = TransactWriteItems.parse(json("{'TransactItems':[{'Put':{'Item':{'n':{'N':'1'},'pk':{'S':'a'}},"
                + "'TableName':'tbl'}}],'ReturnConsumedCapacity':'TOTAL','ClientRequestToken':'t'}"));
        var c = TransactWriteItems.parse(json("{'ClientRequestToken':'t','TransactItems':[{'Put':{'TableName':'tbl',"
                + "'Item':{'pk':{'S':'a'},'n':{'N':'2'}}}}]}"));
        assertThat(a.clientRequestToken()).isEqualTo("t");
        assertThat(a.fingerprint()).isEqualTo(b.fingerprint()).isNotEqualTo(c.fingerprint());
    }

    @Test
    void theActionsAreReadInRequestOrder() {
        var r = TransactWriteItems.parse(json("{'TransactItems':["
                + "{'ConditionCheck':{'TableName':'aaa','Key':{'pk':{'S':'1'}},'ConditionExpression':'attribute_exists(pk)',"
                + "'ReturnValuesOnConditionCheckFailure':'ALL_OLD'}},"
                + "{'Update':{'TableName':'bbb','Key':{'pk':{'S':'2'}},'UpdateExpression':'SET x = :v',"
                + "'ExpressionAttributeValues':{':v':{'N':'1'}}}},"
                + "{'Delete':{'TableName':'ccc','Key':{'pk':{'S':'3'}}}},"
                + "{'Put':{'TableName':'ddd','Item':{'pk':{'S':'4'}}}}]}"));
        assertThat(r.actions()).extracting(TransactWriteItems.Action::tableName).containsExactly("aaa", "bbb", "ccc", "ddd");
        assertThat(r.actions().get(0)).isInstanceOf(TransactWriteItems.ConditionCheck.class);
        assertThat(r.actions().get(0).returnOldOnCondition()).isTrue();
        assertThat(r.actions().get(1)).isInstanceOf(TransactWriteItems.Update.class);
        assertThat(r.actions().get(2)).isInstanceOf(TransactWriteItems.Delete.class);
        assertThat(((TransactWriteItems.Put) r.actions().get(3)).itemSize()).isEqualTo(3);
        assertThat(r.clientRequestToken()).isNull();
    }
}
