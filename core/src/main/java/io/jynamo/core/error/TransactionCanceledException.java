package io.jynamo.core.error;

import com.fasterxml.jackson.core.JsonGenerator;
import io.jynamo.core.item.AttributeValue;
import io.jynamo.core.item.AttributeValueJson;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A transaction was cancelled: nothing of it was applied. The body carries one reason per action, in request order
 * ({@code None} for the actions that would have succeeded), and the message lists their codes.
 */
public class TransactionCanceledException extends DynamoException {
    private static final long serialVersionUID = 1L;

    /** Why one action could not be applied; {@link #NONE} when it could. */
    public record Reason(String code, String message, Map<String, AttributeValue> item) {
        public static final Reason NONE = new Reason("None", null, null);

        public static Reason conditionalCheckFailed(Map<String, AttributeValue> item) {
            return new Reason("ConditionalCheckFailed", "The conditional request failed", item);
        }

        public static Reason conflict() {
            return new Reason("TransactionConflict", "Transaction is ongoing for the item", null);
        }

        public static Reason validationError(String message) {
            return new Reason("ValidationError", message, null);
        }
    }

    private final transient List<Reason> reasons;

    public TransactionCanceledException(List<Reason> reasons) {
        super(ErrorType.TRANSACTION_CANCELED, "Transaction cancelled, please refer cancellation reasons for specific "
                + "reasons [" + String.join(", ", reasons.stream().map(Reason::code).toList()) + "]");
        this.reasons = List.copyOf(reasons);
    }

    /** The cancellation of {@code actions} actions where only the one at {@code index} failed, for {@code reason}. */
    public static TransactionCanceledException only(int actions, int index, Reason reason) {
        List<Reason> reasons = new ArrayList<>(Collections.nCopies(actions, Reason.NONE));
        reasons.set(index, reason);
        return new TransactionCanceledException(reasons);
    }

    public List<Reason> reasons() {
        return reasons;
    }

    @Override
    public void writeDetails(JsonGenerator g) throws IOException {
        g.writeArrayFieldStart("CancellationReasons");
        for (Reason r : reasons) {
            g.writeStartObject();
            g.writeStringField("Code", r.code());
            if (r.message() != null) {
                g.writeStringField("Message", r.message());
            }
            if (r.item() != null) {
                g.writeFieldName("Item");
                AttributeValueJson.writeItem(g, r.item());
            }
            g.writeEndObject();
        }
        g.writeEndArray();
    }
}
