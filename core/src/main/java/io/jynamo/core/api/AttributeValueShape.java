package io.jynamo.core.api;

import static io.jynamo.core.api.Shape.attributeMap;
import static io.jynamo.core.api.Shape.attributeValue;
import static io.jynamo.core.api.Shape.blob;
import static io.jynamo.core.api.Shape.bool;
import static io.jynamo.core.api.Shape.list;
import static io.jynamo.core.api.Shape.member;
import static io.jynamo.core.api.Shape.string;
import static io.jynamo.core.api.Shape.struct;

/** The wire shape of an AttributeValue: a structure with one member per data type. */
final class AttributeValueShape {
    private AttributeValueShape() {
    }

    // Member order as dynalite recorded DynamoDB checking them: it decides which error a malformed value reports.
    static final Shape SHAPE = struct("AttributeValue",
            member("S", string()),
            member("B", blob()),
            member("N", string()),
            member("BOOL", bool()),
            member("NULL", bool()),
            member("BS", list(blob())),
            member("NS", list(string())),
            member("SS", list(string())),
            member("L", list(attributeValue())),
            member("M", attributeMap()));
}
