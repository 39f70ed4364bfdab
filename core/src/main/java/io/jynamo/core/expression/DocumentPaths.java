package io.jynamo.core.expression;

import io.jynamo.core.item.AttributeValue;

import java.util.List;
import java.util.Map;

/** Reading a document path from an item. */
public final class DocumentPaths {
    private DocumentPaths() {
    }

    /** The value the path reaches in the item, or null when it reaches nothing. */
    public static AttributeValue get(Map<String, AttributeValue> item, DocumentPath path) {
        List<DocumentPath.Element> elements = path.elements();
        AttributeValue current = item.get(path.attribute());
        for (int i = 1; i < elements.size() && current != null; i++) {
            DocumentPath.Element step = elements.get(i);
            if (step instanceof DocumentPath.Field f) {
                current = current instanceof AttributeValue.M m ? m.values().get(f.name()) : null;
            } else {
                int index = ((DocumentPath.Index) step).index();
                current = current instanceof AttributeValue.L l && index < l.values().size()
                        ? l.values().get(index) : null;
            }
        }
        return current;
    }
}
