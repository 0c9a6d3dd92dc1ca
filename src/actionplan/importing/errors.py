"""The importer's own error: the one thing a bad file may raise."""


class PlanReadError(Exception):
    """A file that cannot be read as a plan. The message names the file and the problem."""

    def __init__(self, file: str, problem: str):
        self.file = file
        self.problem = problem
        super().__init__(f"{file}: {problem}")
