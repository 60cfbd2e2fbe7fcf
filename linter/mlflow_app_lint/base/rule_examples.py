"""The requests that the rules' documented examples build on: their required members."""

REQUEST = """\
Name: my-app
ArtifactStoreUri: s3://bucket/path
RoleArn: arn:aws:iam::123456789012:role/r
"""
TRACKING_SERVER_REQUEST = """\
# mlflow-app-lint: operation=CreateMlflowTrackingServer
TrackingServerName: my-tracking-server
ArtifactStoreUri: s3://amzn-s3-demo-bucket/mlflow-artifacts
RoleArn: arn:aws:iam::123456789012:role/MlflowTrackingServerArtifactAccess
"""
