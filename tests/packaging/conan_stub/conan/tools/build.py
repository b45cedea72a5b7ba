"""Stand-in for conan.tools.build (see conan/__init__.py)."""


def check_min_cppstd(conanfile, cppstd, gnu_extensions=False):
    conanfile.min_cppstd_checked = str(cppstd)


def can_run(conanfile):
    return True
