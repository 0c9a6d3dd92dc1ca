"""Reading a council's plan into the plan-interchange model.

Pure Python: nothing here imports Django. Readers turn a file into rows of cells
(`readers`), the structure pass turns rows into recommendations and actions
(`structure`), and the interpreters make sense of cells: dates, people, bodies.
"""
