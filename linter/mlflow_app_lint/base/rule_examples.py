"""The request that the rules' documented examples build on: the three required members."""

REQUEST = """\
Name: my-app
ArtifactStoreUri: s3://bucket/path
RoleArn: arn:aws:iam::123456789012:role/r
"""
