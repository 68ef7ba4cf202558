"""The yardstick: a hello-world Typer app, one command printing a line."""

import typer

app = typer.Typer()


@app.command()
def main() -> None:
    """Say hello."""
    print("hello")


if __name__ == "__main__":
    app()
