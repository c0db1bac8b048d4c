"""aiwork: the toolkit behind the course "Trợ lý AI trong công việc hành chính".

Notebooks import it (assistant client, learner tools, document builder, privacy guard...);
trainers run it as the ``aiwork`` console script.
"""

__version__ = "0.1.0"
