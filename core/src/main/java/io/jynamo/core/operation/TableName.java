package io.jynamo.core.operation;

import io.jynamo.core.api.RequestChecker;
import io.jynamo.core.api.Shape;

import static io.jynamo.core.api.Shape.member;
import static io.jynamo.core.api.Shape.string;
import static io.jynamo.core.api.Shape.struct;

/** DescribeTable and DeleteTable: requests that name a table and nothing else. */
public final class TableName {
    private TableName() {
    }

    static final Shape SHAPE = struct("TableNameInput", member("TableName", Shape.controlPlaneTableName()));

    /** The validated table name of a DescribeTable or DeleteTable request. */
    public static String parse(byte[] body) {
        return RequestChecker.check(body, SHAPE).get("TableName").textValue();
    }
}
