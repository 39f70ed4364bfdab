package io.jynamo.core.expression;

import io.jynamo.core.item.AttributeValue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Applies projection paths to an item: the result holds only the parts of the item the paths reach. Paths that reach
 * nothing are skipped, leaving no trace (no empty map or list where they went astray); list elements chosen by index
 * are returned in index order, without gaps, as DynamoDB does.
 */
public final class Projection {
    private Projection() {
    }

    public static Map<String, AttributeValue> apply(Map<String, AttributeValue> item, List<DocumentPath> paths) {
        MapNode root = new MapNode();
        for (DocumentPath path : paths) {
            AttributeValue value = item.get(path.attribute());
            if (value == null) {
                continue;
            }
            root.add(path.elements(), 0, value);
        }
        return root.toMap();
    }

    /** A partially projected value. */
    private interface Node {
        AttributeValue toValue();
    }

    private record Leaf(AttributeValue value) implements Node {
        public AttributeValue toValue() {
            return value;
        }
    }

    private static final class MapNode implements Node {
        private final Map<String, Node> children = new LinkedHashMap<>();

        /** Adds the part of {@code value} (the value of elements[i]) reached by the rest of the path, if any. */
        void add(List<DocumentPath.Element> elements, int i, AttributeValue value) {
            String key = ((DocumentPath.Field) elements.get(i)).name();
            Node reached = descend(children.get(key), elements, i + 1, value);
            if (reached != null) {
                children.put(key, reached);
            }
        }

        Map<String, AttributeValue> toMap() {
            Map<String, AttributeValue> map = new LinkedHashMap<>();
            children.forEach((k, v) -> {
                if (v != null) {
                    map.put(k, v.toValue());
                }
            });
            return map;
        }

        public AttributeValue toValue() {
            return new AttributeValue.M(toMap());
        }
    }

    private static final class ListNode implements Node {
        private final TreeMap<Integer, Node> children = new TreeMap<>();

        public AttributeValue toValue() {
            List<AttributeValue> list = new ArrayList<>();
            children.values().forEach(v -> {
                if (v != null) {
                    list.add(v.toValue());
                }
            });
            return new AttributeValue.L(list);
        }
    }

    /**
     * The node for {@code value} after following elements[i..]; {@code existing} is what earlier paths put at this
     * place, or null. Returns null (and adds nothing) when the path does not fit the value's shape.
     */
    private static Node descend(Node existing, List<DocumentPath.Element> elements, int i, AttributeValue value) {
        if (i == elements.size()) {
            return new Leaf(value);
        }
        DocumentPath.Element step = elements.get(i);
        if (step instanceof DocumentPath.Field f && value instanceof AttributeValue.M m) {
            AttributeValue child = m.values().get(f.name());
            MapNode node = existing instanceof MapNode mn ? mn : null;
            Node reached = child == null ? null
                    : descend(node == null ? null : node.children.get(f.name()), elements, i + 1, child);
            if (reached == null) {
                // the path goes nowhere in this value: nothing of it is projected, not even an empty map
                return existing;
            }
            node = node == null ? new MapNode() : node;
            node.children.put(f.name(), reached);
            return node;
        }
        if (step instanceof DocumentPath.Index ix && value instanceof AttributeValue.L l) {
            ListNode node = existing instanceof ListNode ln ? ln : null;
            Node reached = ix.index() >= l.values().size() ? null
                    : descend(node == null ? null : node.children.get(ix.index()), elements, i + 1,
                    l.values().get(ix.index()));
            if (reached == null) {
                return existing;
            }
            node = node == null ? new ListNode() : node;
            node.children.put(ix.index(), reached);
            return node;
        }
        return existing;
    }
}
