#!/usr/bin/env python3
"""
`npm run codegen:constraints`: reads botocore's service models (service-2.json)
and writes codegen/constraints/constraints.json, the constraint traits the
v3 schemas drop: min/max (length or range), pattern and enum values in model
order, per structure member. Codegen reads the committed JSON, so nothing at
run time or in CI needs Python; this script runs only after a botocore bump.
"""
import gzip
import json
import os
import sys

import botocore

# Our service id -> (botocore folder, API version); the order of codegen/services.ts.
SERVICES = [
    ("s3", "s3", "2006-03-01"),
    ("dynamodb", "dynamodb", "2012-08-10"),
    ("dynamodbstreams", "dynamodbstreams", "2012-08-10"),
    ("sqs", "sqs", "2012-11-05"),
    ("sns", "sns", "2010-03-31"),
    ("sts", "sts", "2011-06-15"),
    ("iam", "iam", "2010-05-08"),
    ("secretsmanager", "secretsmanager", "2017-10-17"),
    ("ssm", "ssm", "2014-11-06"),
    ("kms", "kms", "2014-11-01"),
    ("lambda", "lambda", "2015-03-31"),
    ("events", "events", "2015-10-07"),
    ("logs", "logs", "2014-03-28"),
    ("scheduler", "scheduler", "2021-06-30"),
    ("cloudwatch", "cloudwatch", "2010-08-01"),
    ("kinesis", "kinesis", "2013-12-02"),
    ("firehose", "firehose", "2015-08-04"),
    ("ec2", "ec2", "2016-11-15"),
    ("sesv2", "sesv2", "2019-09-27"),
    ("ses", "ses", "2010-12-01"),
    ("stepfunctions", "stepfunctions", "2016-11-23"),
    ("cognitoidp", "cognito-idp", "2016-04-18"),
    ("cognitoidentity", "cognito-identity", "2014-06-30"),
    ("apigateway", "apigateway", "2015-07-09"),
    ("apigatewayv2", "apigatewayv2", "2018-11-29"),
    ("s3control", "s3control", "2018-08-20"),
]

NUMERIC = {"integer", "long", "float", "double", "byte", "short", "bigInteger", "bigDecimal"}


def load(folder, version):
    base = os.path.join(os.path.dirname(botocore.__file__), "data", folder, version, "service-2.json")
    if os.path.exists(base):
        with open(base, encoding="utf-8") as f:
            return json.load(f)
    with gzip.open(base + ".gz", "rt", encoding="utf-8") as f:
        return json.load(f)


def number(v):
    return int(v) if float(v).is_integer() else v


def constraint(shapes, name, enums, depth=0):
    """The constraints of shape `name` as a member target; None when there are none."""
    shape = shapes[name]
    kind = shape["type"]
    out = {}
    if kind in ("string", "blob", "list", "map") or kind in NUMERIC:
        if "min" in shape:
            out["min"] = number(shape["min"])
        if "max" in shape:
            out["max"] = number(shape["max"])
    if kind == "string":
        if "pattern" in shape:
            out["pattern"] = shape["pattern"]
        if "enum" in shape:
            enums[name] = shape["enum"]
            out["enum"] = name
    if depth < 3 and kind == "list":
        inner = constraint(shapes, shape["member"]["shape"], enums, depth + 1)
        if inner:
            out["member"] = inner
    if depth < 3 and kind == "map":
        for part in ("key", "value"):
            inner = constraint(shapes, shape[part]["shape"], enums, depth + 1)
            if inner:
                out[part] = inner
    return out or None


def extract(model):
    shapes = model["shapes"]
    members = {}
    enums = {}
    for name in sorted(shapes):
        shape = shapes[name]
        if shape["type"] != "structure" or shape.get("exception"):
            continue
        found = {}
        for member_name, ref in shape.get("members", {}).items():
            c = constraint(shapes, ref["shape"], enums)
            if c:
                found[member_name] = c
        if found:
            members[name] = found
    return {"members": members, "enums": dict(sorted(enums.items()))}


def main():
    out = {"botocore": botocore.__version__, "services": {}}
    for sid, folder, version in SERVICES:
        out["services"][sid] = extract(load(folder, version))
    # One line per service keeps the file compact; the diff after a bump is per service.
    rows = [f"    {json.dumps(sid)}: {json.dumps(body, separators=(',', ':'), ensure_ascii=False)}" for sid, body in out["services"].items()]
    text = "{\n" + f'  "botocore": {json.dumps(out["botocore"])},\n' + '  "services": {\n' + ",\n".join(rows) + "\n  }\n}\n"
    if "--stdout" in sys.argv:
        sys.stdout.write(text)
        return
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "constraints.json")
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    print(f"wrote {path} (botocore {botocore.__version__}, {os.path.getsize(path)} bytes)", file=sys.stderr)


if __name__ == "__main__":
    main()
