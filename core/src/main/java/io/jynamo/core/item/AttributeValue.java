package io.jynamo.core.item;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * An immutable DynamoDB attribute value: exactly one of the ten data types.
 *
 * <p>Values are built only from input that passed {@link AttributeValueReader}'s checks or by Jynamo itself, so the
 * records trust their arguments: sets are non-empty and duplicate-free, numbers normalised. Set equality ignores
 * member order, as DynamoDB's does.
 */
public sealed interface AttributeValue {

    AttributeType type();

    record S(String value) implements AttributeValue {
        public AttributeType type() {
            return AttributeType.S;
        }
    }

    record N(DynamoNumber value) implements AttributeValue {
        public AttributeType type() {
            return AttributeType.N;
        }
    }

    record B(byte[] value) implements AttributeValue {
        public AttributeType type() {
            return AttributeType.B;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof B other && Arrays.equals(value, other.value);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return "B[" + value.length + " bytes]";
        }
    }

    record Bool(boolean value) implements AttributeValue {
        public static final Bool TRUE = new Bool(true);
        public static final Bool FALSE = new Bool(false);

        public static Bool of(boolean value) {
            return value ? TRUE : FALSE;
        }

        public AttributeType type() {
            return AttributeType.BOOL;
        }
    }

    record Null() implements AttributeValue {
        public static final Null INSTANCE = new Null();

        public AttributeType type() {
            return AttributeType.NULL;
        }
    }

    record L(List<AttributeValue> values) implements AttributeValue {
        public L {
            values = Collections.unmodifiableList(values);
        }

        public AttributeType type() {
            return AttributeType.L;
        }
    }

    /** A map; insertion order is kept so responses echo attributes in the order they were written. */
    record M(Map<String, AttributeValue> values) implements AttributeValue {
        public M {
            values = Collections.unmodifiableMap(values);
        }

        public AttributeType type() {
            return AttributeType.M;
        }
    }

    record SS(List<String> values) implements AttributeValue {
        public SS {
            values = Collections.unmodifiableList(values);
        }

        public AttributeType type() {
            return AttributeType.SS;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof SS other && values.size() == other.values.size()
                    && new HashSet<>(values).equals(new HashSet<>(other.values));
        }

        @Override
        public int hashCode() {
            return new HashSet<>(values).hashCode();
        }
    }

    record NS(List<DynamoNumber> values) implements AttributeValue {
        public NS {
            values = Collections.unmodifiableList(values);
        }

        public AttributeType type() {
            return AttributeType.NS;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof NS other && values.size() == other.values.size()
                    && new HashSet<>(values).equals(new HashSet<>(other.values));
        }

        @Override
        public int hashCode() {
            return new HashSet<>(values).hashCode();
        }
    }

    record BS(List<byte[]> values) implements AttributeValue {
        public BS {
            values = Collections.unmodifiableList(values);
        }

        public AttributeType type() {
            return AttributeType.BS;
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof BS other) || values.size() != other.values.size()) {
                return false;
            }
            return wrapped().equals(other.wrapped());
        }

        @Override
        public int hashCode() {
            return wrapped().hashCode();
        }

        private HashSet<java.nio.ByteBuffer> wrapped() {
            HashSet<java.nio.ByteBuffer> set = new HashSet<>();
            for (byte[] b : values) {
                set.add(java.nio.ByteBuffer.wrap(b));
            }
            return set;
        }

        @Override
        public String toString() {
            return "BS[" + values.size() + " members]";
        }
    }
}
