"""mlflow-app-lint: lint SageMaker CreateMlflowApp request files."""

__version__ = "0.1.0"
