"""Stand-in for conan.tools.files (see conan/__init__.py)."""


def load(conanfile, path, encoding="utf-8"):
    with open(path, encoding=encoding) as f:
        return f.read()


def copy(conanfile, pattern, src, dst, *args, **kwargs):
    conanfile.__dict__.setdefault("copied", []).append((pattern, src, dst))


def rmdir(conanfile, path):
    conanfile.__dict__.setdefault("removed", []).append(path)
