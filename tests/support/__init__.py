"""Helpers the tests share; pytest puts tests/ on sys.path (pyproject: pythonpath)."""
