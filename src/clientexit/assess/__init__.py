"""The assessment: a red-flag rubric, the economics and the outlook, scored into a verdict.

rubric.py loads the questions and thresholds (data), answers.py checks answers, scoring.py is the
pure scoring, advice.py says how and when to act, history.py stores assessments, run.py ties them
together. The questions are asked in the terminal by cli/assess_prompt.py; the report is
cli/assess_view.py.
"""
