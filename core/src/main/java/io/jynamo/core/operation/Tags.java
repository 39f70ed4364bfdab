package io.jynamo.core.operation;

import io.jynamo.core.api.Limits;
import io.jynamo.core.error.DynamoException;
import io.jynamo.core.table.Tag;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * DynamoDB's rules for tags, beyond their lengths (which the request shapes check): the characters allowed, the
 * reserved {@code aws:} prefix, and at most 50 tags on a table once merged with those it has.
 *
 * <p>DynamoDB documents these rules ("Tagging restrictions") but not its messages for them; the ones used here say
 * what is wrong in DynamoDB's usual form ("One or more parameter values were invalid: ...").
 *
 * @see <a href="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Tagging.html">Tagging restrictions</a>
 */
public final class Tags {
    /** "Letters, white space, and numbers, plus + - = . _ : /" (and @, as AWS's common tag pattern allows). */
    private static final Pattern ALLOWED = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");

    private Tags() {
    }

    /** Checks the characters and prefixes of tags about to be given to a table. */
    public static void check(List<Tag> tags) {
        for (Tag t : tags) {
            if (!ALLOWED.matcher(t.key()).matches() || !ALLOWED.matcher(t.value()).matches()) {
                throw DynamoException.invalidParameter("Tags can contain only letters, numbers, white space and the "
                        + "characters + - = . _ : / @; invalid tag: " + t.key());
            }
            if (t.key().startsWith("aws:")) {
                throw DynamoException.invalidParameter("Tag keys starting with 'aws:' are reserved for system use; "
                        + "invalid tag: " + t.key());
            }
        }
    }

    /** The table's tags with {@code added} merged in (a key given again takes the new value), at most 50 of them. */
    public static List<Tag> merged(List<Tag> current, List<Tag> added) {
        Map<String, String> byKey = new LinkedHashMap<>();
        current.forEach(t -> byKey.put(t.key(), t.value()));
        added.forEach(t -> byKey.put(t.key(), t.value()));
        if (byKey.size() > Limits.MAX_TAGS) {
            throw DynamoException.invalidParameter("The number of tags on a resource cannot exceed " + Limits.MAX_TAGS
                    + "; it would have " + byKey.size());
        }
        return byKey.entrySet().stream().map(e -> new Tag(e.getKey(), e.getValue())).toList();
    }
}
