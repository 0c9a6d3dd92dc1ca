"""The importer's own error: the one thing a bad file may raise."""


class PlanReadError(Exception):
    """A file that cannot be read as a plan. The message names the file and the problem."""

    def __init__(self, file: str, problem: str):
        self.file = file
        self.problem = problem
        super().__init__(f"{file}: {problem}")


class NoHeaderFound(PlanReadError):
    """No row reads as the plan's header. Carries the rows read, so a person can be asked
    which one is (the web mapping step); the message shows the first of them."""

    def __init__(self, file: str, problem: str, document=None):
        super().__init__(file, problem)
        self.document = document
