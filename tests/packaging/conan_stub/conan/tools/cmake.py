"""Stand-in for conan.tools.cmake (see conan/__init__.py)."""


class CMakeToolchain:
    instances = []

    def __init__(self, conanfile, *args, **kwargs):
        self.conanfile = conanfile
        self.cache_variables = {}
        self.variables = {}
        self.preprocessor_definitions = {}
        CMakeToolchain.instances.append(self)

    def generate(self):
        self.generated = True


class CMakeDeps:
    def __init__(self, conanfile, *args, **kwargs):
        self.conanfile = conanfile

    def generate(self):
        self.generated = True


class CMake:
    def __init__(self, conanfile):
        self.conanfile = conanfile

    def _record(self, what):
        self.conanfile.__dict__.setdefault("cmake_calls", []).append(what)

    def configure(self, *args, **kwargs):
        self._record("configure")

    def build(self, *args, **kwargs):
        self._record("build")

    def install(self, *args, **kwargs):
        self._record("install")

    def test(self, *args, **kwargs):
        self._record("test")

    def ctest(self, *args, **kwargs):
        self._record("ctest")


def cmake_layout(conanfile, *args, **kwargs):
    conanfile.__dict__.setdefault("layout_called", True)
