from mlflow_app_lint.cli import main

main()
