"""The Colab notebook's guard: it installs a GPU stack, so it runs only on Google Colab.

`notebooks/colab.ipynb` runs before this repository is cloned, so it cannot import the package:
its guard cell carries the source of `check_colab` verbatim (a test keeps the two identical) and
every later cell does nothing unless the guard passed. Keep the function standard-library only.
"""


def check_colab(environ=None) -> bool:
    """True on Google Colab; elsewhere print why the notebook stops, and return False (no exception).

    Colab sets environment variables starting with COLAB_ (e.g. COLAB_RELEASE_TAG) in every runtime.
    """
    import os

    env = os.environ if environ is None else environ
    if any(key.startswith("COLAB_") for key in env):
        return True
    print("This notebook is meant for Google Colab: it clones the repository and installs the pinned GPU "
          "stack, which should not happen on your own machine. Nothing was done. Locally, run ./run_all.sh "
          "(or `python -m tenacious.pipeline --profile auto`) from a clone of the repository instead.")
    return False
