#!/usr/bin/env python3
"""signed-requests.py ENDPOINT TABLE get|put KEYS OUT.lua

Writes KEYS raw HTTP/1.1 requests (GetItem, or PutItem of ~1 KB items, on keys pk = "user<k>"), each signed with
SigV4 by botocore, as a Lua table that replay.lua hands to wrk. Signing ahead keeps the load generator's cost to
sending bytes, so what wrk measures is the server's. The signatures stay valid for DynamoDB's 15-minute window.
The key is AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, the region AWS_DEFAULT_REGION (us-east-1)."""
import os
import sys
from urllib.parse import urlparse

from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

endpoint, table, op, keys, out = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5]
credentials = Credentials(os.environ["AWS_ACCESS_KEY_ID"], os.environ["AWS_SECRET_ACCESS_KEY"])
region = os.environ.get("AWS_DEFAULT_REGION", "us-east-1")
host = urlparse(endpoint).netloc
padding = "x" * 900


def body(k):
    if op == "get":
        return '{"TableName":"%s","Key":{"pk":{"S":"user%d"}}}' % (table, k), "GetItem"
    return ('{"TableName":"%s","Item":{"pk":{"S":"user%d"},"n":{"N":"%d"},"pad":{"S":"%s"}}}'
            % (table, k, k, padding)), "PutItem"


def lua_string(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\r", "\\r").replace("\n", "\\n") + '"'


with open(out, "w") as f:
    f.write("return {\n")
    for k in range(1, keys + 1):
        text, target = body(k)
        request = AWSRequest(method="POST", url=endpoint.rstrip("/") + "/", data=text.encode(),
                             headers={"Content-Type": "application/x-amz-json-1.0",
                                      "X-Amz-Target": "DynamoDB_20120810." + target})
        SigV4Auth(credentials, "dynamodb", region).add_auth(request)
        headers = "".join("%s: %s\r\n" % (n, v) for n, v in request.headers.items())
        raw = "POST / HTTP/1.1\r\nHost: %s\r\n%sContent-Length: %d\r\n\r\n%s" % (host, headers, len(text.encode()),
                                                                                 text)
        f.write(lua_string(raw) + ",\n")
    f.write("}\n")
