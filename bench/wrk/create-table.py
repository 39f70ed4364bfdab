#!/usr/bin/env python3
"""create-table.py ENDPOINT TABLE: creates the on-demand table HASH(pk S) through boto3 and waits until it is
ACTIVE (key and region as for signed-requests.py)."""
import os
import sys
import time

import boto3

endpoint, table = sys.argv[1], sys.argv[2]
client = boto3.client("dynamodb", endpoint_url=endpoint, region_name=os.environ.get("AWS_DEFAULT_REGION", "us-east-1"))
client.create_table(TableName=table, KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
                    AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
                    BillingMode="PAY_PER_REQUEST")
for _ in range(120):
    if client.describe_table(TableName=table)["Table"]["TableStatus"] == "ACTIVE":
        sys.exit(0)
    time.sleep(0.5)
sys.exit("table %s did not become ACTIVE" % table)
