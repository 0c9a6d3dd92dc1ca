"""actionplan: run the action plan a council owes after an inspection of its children's services."""

__version__ = "0.1.0"
