package io.jynamo.core.item;

/** The ten DynamoDB data types, named as on the wire. */
public enum AttributeType {
    S, N, B, BOOL, NULL, L, M, SS, NS, BS;

    /** Whether this type may be a key attribute type in an AttributeDefinition. */
    public boolean isScalarKeyType() {
        return this == S || this == N || this == B;
    }

    /** Parses a wire name; null when it names no type. */
    public static AttributeType fromWire(String name) {
        switch (name) {
            case "S": return S;
            case "N": return N;
            case "B": return B;
            case "BOOL": return BOOL;
            case "NULL": return NULL;
            case "L": return L;
            case "M": return M;
            case "SS": return SS;
            case "NS": return NS;
            case "BS": return BS;
            default: return null;
        }
    }
}
