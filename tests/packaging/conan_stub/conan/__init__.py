"""A tiny stand-in for the Conan 2 `conan` package, for CI only.

Conan cannot be installed on the CI machine (no registry that carries it is
reachable), so tests/packaging/check_conan_recipe.py imports our recipes
against this module: it offers the names the recipes import, records what the
recipe asks for, and does nothing else. It is not Conan and proves only that
the recipe is well-formed and sets what it must.
"""


class _Recorder:
    """Accepts any attribute assignment; keeps what was set."""


class _Info:
    def __init__(self):
        self.cleared = False

    def clear(self):
        self.cleared = True


class _CppInfo:
    def __init__(self):
        self.properties = {}
        self.bindirs = ["bin"]
        self.libdirs = ["lib"]
        self.includedirs = ["include"]

    def set_property(self, name, value):
        self.properties[name] = value


class ConanFile:
    name = None
    version = None

    def __init__(self, recipe_folder=None):
        self.recipe_folder = recipe_folder
        self.source_folder = recipe_folder
        self.package_folder = None
        self.requirements_seen = []
        self.info = _Info()
        self.cpp_info = _CppInfo()
        self.cpp = _Recorder()
        self.tested_reference_str = None
        self.settings = _Recorder()

    def requires(self, reference, **traits):
        self.requirements_seen.append((reference, traits))

    def run(self, *args, **kwargs):
        self.ran = (args, kwargs)
