"""Alpha Factory Lab: the prebuilt JupyterLab extension (panels and MIME renderers).

`pip install alpha-factory-lab` puts the labextension under
`share/jupyter/labextensions/@alpha-factory/jupyterlab`; JupyterLab finds it there, no Node needed.
"""

__version__ = "0.1.0"


def _jupyter_labextension_paths():
    return [{"src": "labextension", "dest": "@alpha-factory/jupyterlab"}]
