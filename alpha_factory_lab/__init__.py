"""Alpha Factory Lab: the prebuilt JupyterLab extension (panels and MIME renderers) and a small
Jupyter server extension (the GPU Jobs panel's proxy to a Ray cluster, see ray_proxy.py).

`pip install alpha-factory-lab` puts the labextension under
`share/jupyter/labextensions/@alpha-factory/jupyterlab` and enables the server extension with
`etc/jupyter/jupyter_server_config.d/alpha_factory_lab.json`; JupyterLab finds both, no Node needed.
"""

__version__ = "0.1.0"


def _jupyter_labextension_paths():
    return [{"src": "labextension", "dest": "@alpha-factory/jupyterlab"}]


def _jupyter_server_extension_points():
    return [{"module": "alpha_factory_lab"}]


def _load_jupyter_server_extension(server_app):
    from .ray_proxy import setup_handlers

    setup_handlers(server_app.web_app)
    server_app.log.info("alpha_factory_lab: Ray jobs proxy at %s", server_app.base_url.rstrip("/") + "/alpha-factory/ray/")
